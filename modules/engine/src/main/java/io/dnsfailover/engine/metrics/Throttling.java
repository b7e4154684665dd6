package io.dnsfailover.engine.metrics;

import io.dnsfailover.spi.ProviderException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides whether a failed provider call was the provider throttling us. Providers report
 * throttling as {@link ProviderException.Kind#TRANSIENT}, which also covers timeouts, 5xx and lost
 * connections; the SPI has no separate kind, so a TRANSIENT failure counts as a throttle when its
 * message (or a cause's) says so in the words the cloud APIs use: "Throttling" and
 * "PriorRequestNotComplete" (Route 53), "429" / "Too Many Requests" (Azure, Cloud DNS), "rate
 * limit", "rate exceeded", "quota exceeded", "slow down". A throttle is also counted as an error of
 * kind TRANSIENT.
 */
public final class Throttling {

  private static final Pattern THROTTLE =
      Pattern.compile(
          "throttl|priorrequestnotcomplete|too many requests|\\b429\\b|rate ?limit"
              + "|rate exceeded|quota exceeded|slow ?down|requestlimitexceeded");

  private Throttling() {}

  public static boolean isThrottle(ProviderException error) {
    if (error.kind() != ProviderException.Kind.TRANSIENT) {
      return false;
    }
    int depth = 0;
    for (Throwable t = error; t != null && depth < 8; t = t.getCause(), depth++) {
      String message = t.getMessage();
      if (message != null && THROTTLE.matcher(message.toLowerCase(Locale.ROOT)).find()) {
        return true;
      }
    }
    return false;
  }
}

package io.dnsfailover.health.check;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what {@code ping} printed: the loss line and the average round trip (iputils and BusyBox
 * forms), or the reason it could not send ICMP at all.
 */
final class PingOutput {

  static final String NOT_PERMITTED =
      "cannot send ICMP: not permitted (needs CAP_NET_RAW, or sysctl net.ipv4.ping_group_range"
          + " covering this user's group)";
  static final String NOT_INSTALLED =
      "cannot send ICMP: ping not found (install iputils-ping; it also needs CAP_NET_RAW or"
          + " net.ipv4.ping_group_range)";

  private static final Pattern LOSS = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)% packet loss");
  private static final Pattern RTT =
      Pattern.compile("(?:rtt|round-trip) [a-z/]+ = [0-9.]+/([0-9.]+)/");

  private PingOutput() {}

  /**
   * Decides one probe from ping's combined output.
   *
   * @param sourceAddress named in the detail when ping could not bind to it
   */
  static Attempt interpret(String output, int maxLossPercent, Optional<String> sourceAddress) {
    OptionalDouble loss = loss(output);
    if (loss.isEmpty()) {
      return Attempt.failure(problem(output, sourceAddress));
    }
    double percent = loss.getAsDouble();
    Optional<Duration> rtt = averageRoundTrip(output);
    String detail =
        formatPercent(percent)
            + "% loss"
            + (percent > maxLossPercent ? " > " + maxLossPercent + "%" : "")
            + rtt.map(r -> ", rtt " + formatMillis(r)).orElse("");
    return new Attempt(percent <= maxLossPercent, detail, rtt);
  }

  static OptionalDouble loss(String output) {
    Matcher matcher = LOSS.matcher(output);
    return matcher.find()
        ? OptionalDouble.of(Double.parseDouble(matcher.group(1)))
        : OptionalDouble.empty();
  }

  static Optional<Duration> averageRoundTrip(String output) {
    Matcher matcher = RTT.matcher(output);
    if (!matcher.find()) {
      return Optional.empty();
    }
    double millis = Double.parseDouble(matcher.group(1));
    return Optional.of(Duration.ofNanos(Math.round(millis * 1_000_000)));
  }

  private static String problem(String output, Optional<String> sourceAddress) {
    String lower = output.toLowerCase(Locale.ROOT);
    if (lower.contains("operation not permitted")
        || lower.contains("permission denied")
        || lower.contains("cap_net_raw")) {
      return NOT_PERMITTED;
    }
    if (lower.contains("cannot assign requested address") && sourceAddress.isPresent()) {
      return "cannot bind to source address " + sourceAddress.get();
    }
    if (lower.contains("name or service not known")
        || lower.contains("unknown host")
        || lower.contains("temporary failure in name resolution")) {
      return "unknown host";
    }
    String firstLine = output.strip().lines().findFirst().orElse("no output");
    return "ping failed: " + (firstLine.length() > 100 ? firstLine.substring(0, 100) : firstLine);
  }

  private static String formatPercent(double percent) {
    return percent == Math.rint(percent)
        ? Long.toString(Math.round(percent))
        : String.format(Locale.ROOT, "%.1f", percent);
  }

  private static String formatMillis(Duration duration) {
    return String.format(Locale.ROOT, "%.3fms", duration.toNanos() / 1_000_000.0);
  }
}

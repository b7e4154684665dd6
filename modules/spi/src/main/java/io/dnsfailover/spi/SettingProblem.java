package io.dnsfailover.spi;

import java.util.Objects;

/**
 * One thing wrong with a provider's settings, found by {@link DnsProviderFactory#validate}.
 *
 * @param key the setting it is about, relative to the provider's block: {@code region}, {@code
 *     tsig.secret}, {@code endpoints[1]}; the config loader turns it into {@code FILE:LINE:COL:
 *     providers.<name>.<key>}
 * @param message what is wrong and what is allowed; never the value of a secret
 */
public record SettingProblem(String key, String message) {
  public SettingProblem {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return key + ": " + message;
  }
}

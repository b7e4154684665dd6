package io.dnsfailover.provider.route53;

import io.dnsfailover.spi.ProviderConfig;
import java.util.Map;

/** Route 53 settings as the factory parses them from provider keys; defaults for the rest. */
final class TestSettings {

  private TestSettings() {}

  /**
   * @param keys provider keys as a config file gives them, e.g. {@code Map.of("private", true)}
   */
  static Route53Settings parse(Map<String, Object> keys) {
    return Route53ProviderFactory.settings(
        new ProviderConfig("route53", Route53ProviderFactory.TYPE, keys));
  }
}

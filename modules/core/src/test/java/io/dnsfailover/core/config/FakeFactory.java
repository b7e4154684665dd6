package io.dnsfailover.core.config;

import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.DnsProviderFactory;
import io.dnsfailover.spi.ProviderConfig;
import java.util.Map;
import java.util.Set;

/** A provider type that only declares its keys: enough for config validation. */
record FakeFactory(String type, Set<String> keys, Set<String> requiredKeys)
    implements DnsProviderFactory {

  static final FakeFactory ZONEFILE = new FakeFactory("zonefile", Set.of("path"), Set.of("path"));
  static final FakeFactory ROUTE53 =
      new FakeFactory(
          "route53", Set.of("region", "hostedZoneId", "endpoint", "profile"), Set.of("region"));

  static Map<String, DnsProviderFactory> all() {
    return Map.of(ZONEFILE.type(), ZONEFILE, ROUTE53.type(), ROUTE53);
  }

  @Override
  public DnsProvider create(ProviderConfig config) {
    throw new UnsupportedOperationException("config tests never create providers");
  }
}

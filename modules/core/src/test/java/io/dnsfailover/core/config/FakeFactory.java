package io.dnsfailover.core.config;

import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.DnsProviderFactory;
import io.dnsfailover.spi.Location;
import io.dnsfailover.spi.ProviderConfig;
import java.util.Map;
import java.util.Set;

/**
 * A provider type that only declares its keys and the locations it answers by: enough for config
 * validation.
 */
record FakeFactory(
    String type, Set<String> keys, Set<String> requiredKeys, Set<Location.Kind> locationKinds)
    implements DnsProviderFactory {

  static final FakeFactory ZONEFILE = new FakeFactory("zonefile", Set.of("path"), Set.of("path"));
  static final FakeFactory ROUTE53 =
      new FakeFactory(
          "route53",
          Set.of("region", "hostedZoneId", "endpoint", "profile"),
          Set.of("region"),
          Set.of(
              Location.Kind.CONTINENT,
              Location.Kind.COUNTRY,
              Location.Kind.SUBDIVISION,
              Location.Kind.DEFAULT));
  static final FakeFactory CLOUDDNS =
      new FakeFactory(
          "clouddns", Set.of("project"), Set.of("project"), Set.of(Location.Kind.CLOUD_REGION));

  FakeFactory(String type, Set<String> keys, Set<String> requiredKeys) {
    this(type, keys, requiredKeys, Set.of());
  }

  static Map<String, DnsProviderFactory> all() {
    return Map.of(ZONEFILE.type(), ZONEFILE, ROUTE53.type(), ROUTE53);
  }

  /** {@link #all()} and a clouddns type, which answers by cloud region only. */
  static Map<String, DnsProviderFactory> withCloudDns() {
    return Map.of(ZONEFILE.type(), ZONEFILE, ROUTE53.type(), ROUTE53, CLOUDDNS.type(), CLOUDDNS);
  }

  @Override
  public DnsProvider create(ProviderConfig config) {
    throw new UnsupportedOperationException("config tests never create providers");
  }
}

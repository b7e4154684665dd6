package io.dnsfailover.provider.route53;

import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.testkit.DnsProviderContractTest;
import io.dnsfailover.testkit.FakeClock;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The shared provider contract, run against the in-memory Route 53 twin. The zone has a private
 * twin of the same name and a decoy zone listed after it, so every test also goes through the
 * lookup by name. Foreign TXT records are seeded split into several strings, the way Route 53 may
 * hold text another tool wrote.
 */
class Route53ProviderContractTest extends DnsProviderContractTest {

  static final String ZONE_ID = "Z0EXAMPLETEST";

  private InMemoryRoute53 route53;

  @Override
  protected DnsProvider createProvider() {
    route53 =
        new InMemoryRoute53()
            .zone(ZONE_ID, "example.test.", false)
            .zone("Z0PRIVATE", "example.test.", true)
            .zone("Z0DECOY", "sub.example.test.", false)
            .pageSize(3);
    return provider(route53, TestSettings.parse(Map.of("private", false)), new FakeClock());
  }

  static Route53Provider provider(InMemoryRoute53 api, Route53Settings settings, FakeClock ticker) {
    return new Route53Provider(
        settings,
        api,
        new Route53Calls(
            new RateLimiter(settings.maxRequestsPerSecond(), ticker),
            ticker,
            new SplittableRandom(7),
            settings.maxRetries()));
  }

  @Override
  protected Zone zone() {
    return new Zone(DnsName.of("example.test."), "aws");
  }

  @Override
  protected void seedForeign(Zone zone, RecordSet recordSet) {
    List<ResourceRecordSet> sets = RecordSetCodec.toRoute53(recordSet);
    if (recordSet.type() == RecordType.TXT) {
      sets =
          sets.stream()
              .map(
                  set ->
                      set.toBuilder()
                          .resourceRecords(
                              set.resourceRecords().stream()
                                  .map(
                                      record ->
                                          record.toBuilder()
                                              .value(splitInTwo(record.value()))
                                              .build())
                                  .toList())
                          .build())
              .toList();
    }
    route53.seed(ZONE_ID, sets.toArray(ResourceRecordSet[]::new));
  }

  /** {@code "foreign text"} as {@code "foreign " "text"}. */
  private static String splitInTwo(String quoted) {
    String text = quoted.substring(1, quoted.length() - 1);
    int middle = text.indexOf(' ') + 1;
    return "\"" + text.substring(0, middle) + "\" \"" + text.substring(middle) + "\"";
  }
}

package io.dnsfailover.provider.clouddns;

import com.google.api.services.dns.model.ResourceRecordSet;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.testkit.DnsProviderContractTest;
import io.dnsfailover.testkit.FakeClock;
import java.util.ArrayList;
import java.util.Optional;

/**
 * The shared provider contract, run against an in-memory Cloud DNS with the API's rules for changes
 * (exact deletions, 409 on existing additions, atomic changes).
 */
class CloudDnsProviderContractTest extends DnsProviderContractTest {

  private InMemoryCloudDns backend;

  @Override
  protected DnsProvider createProvider() {
    backend = new InMemoryCloudDns().addZone("example-test", "example.test.");
    backend.pageSize(2);
    backend.pendingPolls(1);
    return new CloudDnsProvider(
        backend, "test-project", Optional.empty(), TestTiming.TIMING, new FakeClock());
  }

  @Override
  protected Zone zone() {
    return new Zone(DnsName.of("example.test."), "google");
  }

  /** Writes the rrset the way the console or gcloud would: TXT quoted as one string. */
  @Override
  protected void seedForeign(Zone zone, RecordSet recordSet) {
    backend.seed(
        "example-test",
        new ResourceRecordSet()
            .setName(recordSet.name().value())
            .setType(recordSet.type().name())
            .setTtl(recordSet.ttl())
            .setRrdatas(
                new ArrayList<>(
                    recordSet.values().stream()
                        .map(
                            value ->
                                recordSet.type() == RecordType.TXT ? "\"" + value + "\"" : value)
                        .toList())));
  }
}

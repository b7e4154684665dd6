package io.dnsfailover.testkit;

import io.dnsfailover.spi.Capabilities;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.Location;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.Zone;
import java.util.Set;

/**
 * Proves the contract suite against the in-memory twin with native weights, locations as Route 53
 * answers by them, and small batches.
 */
class InMemoryWeightedDnsProviderContractTest extends DnsProviderContractTest {

  private InMemoryDnsProvider backend;

  @Override
  protected DnsProvider createProvider() {
    backend =
        new InMemoryDnsProvider(
            "memory",
            new Capabilities(
                true,
                0,
                2,
                Set.of(
                    Location.Kind.CONTINENT,
                    Location.Kind.COUNTRY,
                    Location.Kind.SUBDIVISION,
                    Location.Kind.DEFAULT)));
    return backend;
  }

  @Override
  protected Zone zone() {
    return new Zone(DnsName.of("example.test."), "memory");
  }

  @Override
  protected void seedForeign(Zone zone, RecordSet recordSet) {
    backend.seed(zone, recordSet);
  }
}

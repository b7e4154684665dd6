package io.dnsfailover.testkit;

import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.Zone;

/** Proves the contract suite against the in-memory twin without native weights. */
class InMemoryDnsProviderContractTest extends DnsProviderContractTest {

  private InMemoryDnsProvider backend;

  @Override
  protected DnsProvider createProvider() {
    backend = new InMemoryDnsProvider();
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

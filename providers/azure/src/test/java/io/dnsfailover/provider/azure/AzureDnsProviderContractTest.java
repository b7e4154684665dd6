package io.dnsfailover.provider.azure;

import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.testkit.DnsProviderContractTest;
import java.util.Map;

/** The shared provider contract, run against an in-memory twin of the Azure record-set calls. */
class AzureDnsProviderContractTest extends DnsProviderContractTest {

  private InMemoryAzureRecordSets azure;

  @Override
  protected DnsProvider createProvider() {
    azure = new InMemoryAzureRecordSets().zone("example.test");
    return new AzureDnsProvider(azure);
  }

  @Override
  protected Zone zone() {
    return new Zone(DnsName.of("example.test."), "azure");
  }

  /** Writes the record set into the twin as the portal would: relative name, split TXT. */
  @Override
  protected void seedForeign(Zone zone, RecordSet recordSet) {
    azure.seed("example.test", RecordSetMapping.toAzure(zone.name(), recordSet, Map.of()));
  }
}

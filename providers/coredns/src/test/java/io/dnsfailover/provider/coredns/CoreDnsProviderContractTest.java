package io.dnsfailover.provider.coredns;

import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.Fence;
import io.dnsfailover.spi.ProviderConfig;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.testkit.DnsProviderContractTest;
import io.dnsfailover.testkit.etcd.EtcdExtension;
import io.etcd.jetcd.kv.PutResponse;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shared provider contract against a real etcd, emptied before each test. Foreign records are
 * seeded the way ExternalDNS writes them: one key per value with a random 8-hex suffix and {@code
 * targetstrip: 1}.
 */
class CoreDnsProviderContractTest extends DnsProviderContractTest {

  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension(1);
  private static EtcdTestClient client;
  private final Random random = new Random(42);

  @BeforeAll
  static void connect() {
    client = new EtcdTestClient(ETCD.cluster().endpoint());
  }

  @AfterAll
  static void disconnect() {
    if (client != null) {
      client.close();
    }
  }

  static DnsProvider provider(String endpoint) {
    return new CoreDnsProviderFactory()
        .create(new ProviderConfig("dns", "coredns", Map.of("endpoints", endpoint)));
  }

  @Override
  protected DnsProvider createProvider() throws Exception {
    client.deleteAll();
    return provider(ETCD.cluster().endpoint());
  }

  /**
   * An election key put on the contract's etcd, as the cluster's leader holds one: the provider
   * compares its create revision inside the write transaction instead of calling {@code verify()}.
   */
  @Override
  protected Optional<Fence.KeyGuard> keyGuardCheckedInTheWrite() throws Exception {
    String key = "/dnsfailover/cluster/contract/leader/1";
    PutResponse put =
        client
            .client()
            .getKVClient()
            .put(EtcdTestClient.bytes(key), EtcdTestClient.bytes("m0"))
            .get(10, TimeUnit.SECONDS);
    return Optional.of(
        new Fence.KeyGuard(
            Long.toHexString(put.getHeader().getClusterId()), key, put.getHeader().getRevision()));
  }

  @Override
  protected Zone zone() {
    return new Zone(DnsName.of("example.test."), "dns");
  }

  @Override
  protected void seedForeign(Zone zone, RecordSet recordSet) throws Exception {
    String path = "/skydns" + SkyDnsLayout.reversed(recordSet.name());
    for (String value : recordSet.values()) {
      String field = recordSet.type() == RecordType.TXT ? "text" : "host";
      String suffix = HexFormat.of().toHexDigits(random.nextInt() & 0x7fffffff);
      client.put(
          path + "/" + suffix,
          "{\""
              + field
              + "\":\""
              + value
              + "\",\"ttl\":"
              + recordSet.ttl()
              + ",\"targetstrip\":1}");
    }
  }
}

package io.dnsfailover.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dnsfailover.core.config.ClusterConfig;
import io.dnsfailover.core.config.ClusterConfig.Quorum;
import io.dnsfailover.etcd.EtcdConnection;
import io.dnsfailover.etcd.client.EtcdClients;
import io.dnsfailover.provider.coredns.CoreDnsProviderFactory;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.Fence;
import io.dnsfailover.spi.ProviderConfig;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.testkit.etcd.EtcdExtension;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A cluster member and the {@code coredns} provider on one etcd: the member's fence names its
 * election key in that etcd, the provider writes under it, and once the key is gone the leader's
 * write is refused and etcd holds nothing of it. (That the compare inside the transaction alone
 * refuses, with no re-check, is shown in the provider's CoreDnsFencedApplyTest.)
 */
class FencedCoreDnsIT {

  private static final Zone ZONE = new Zone(DnsName.of("example.test."), "dns");

  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension(1);
  private static Client admin;

  @BeforeAll
  static void connect() {
    admin = Client.builder().endpoints(ETCD.cluster().endpoints().toArray(String[]::new)).build();
  }

  @AfterAll
  static void disconnect() {
    if (admin != null) {
      admin.close();
    }
  }

  @Test
  void theLeadersCoreDnsWritesAreFencedOnItsElectionKeyInTheSameEtcd() throws Exception {
    ClusterConfig cluster =
        new ClusterConfig(
            new EtcdConnection(
                List.of(URI.create(ETCD.cluster().endpoint())),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Duration.ofSeconds(2),
                Duration.ofSeconds(2)),
            "m0",
            new Quorum.Majority(),
            Duration.ofSeconds(10));
    try (ClusterMember member = ClusterMember.start(cluster, "fence", Clock.systemUTC());
        DnsProvider fenced =
            member.fence(
                new CoreDnsProviderFactory()
                    .create(
                        new ProviderConfig(
                            "dns", "coredns", Map.of("endpoints", ETCD.cluster().endpoint()))))) {
      await().atMost(Duration.ofSeconds(30)).until(member::leads);

      Fence.KeyGuard guard = member.currentFence().keyGuard().orElseThrow();
      KeyValue electionKey = only(ClusterKeys.of("fence").election() + "/");
      assertThat(guard.key()).isEqualTo(electionKey.getKey().toString(StandardCharsets.UTF_8));
      assertThat(guard.createRevision()).isEqualTo(electionKey.getCreateRevision());
      assertThat(guard.clusterId()).isEqualTo(Long.toHexString(clusterId()));

      fenced.apply(ZONE, List.of(create("app", "192.0.2.10")));
      assertThat(skydns()).hasSize(1);

      // As if the leader had been paused past its lease: etcd ends it.
      admin.getLeaseClient().revoke(electionKey.getLease()).get(10, TimeUnit.SECONDS);

      assertThatThrownBy(() -> fenced.apply(ZONE, List.of(create("www", "192.0.2.11"))))
          .isInstanceOf(ProviderException.class)
          .hasMessageContaining("write refused");
      assertThat(skydns()).hasSize(1);
    }
  }

  private static KeyValue only(String prefix) throws Exception {
    List<KeyValue> kvs = get(prefix).getKvs();
    assertThat(kvs).hasSize(1);
    return kvs.getFirst();
  }

  private static long clusterId() throws Exception {
    return get("/").getHeader().getClusterId();
  }

  private static List<KeyValue> skydns() throws Exception {
    return get("/skydns/").getKvs();
  }

  private static GetResponse get(String prefix) throws Exception {
    return admin
        .getKVClient()
        .get(EtcdClients.bytes(prefix), GetOption.builder().isPrefix(true).build())
        .get(10, TimeUnit.SECONDS);
  }

  private static Change create(String label, String address) {
    return new Change.Create(
        RecordSet.of(DnsName.of(label + ".example.test."), RecordType.A, 30, List.of(address)),
        "test");
  }
}

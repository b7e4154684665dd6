package io.dnsfailover.provider.coredns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsfailover.spi.ApplyResult;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.Fence;
import io.dnsfailover.spi.ProviderConfig;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.testkit.etcd.EtcdCluster;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.kv.PutResponse;
import io.etcd.jetcd.options.PutOption;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fence inside the write transaction, against real etcd: an "election key" on a lease stands
 * for the leader's; the fences' {@code verify()} only counts its calls (or refuses, where the test
 * says so), so a refusal below comes from etcd's compare, not from a re-check.
 */
class CoreDnsFencedApplyTest {

  private static final Zone ZONE = new Zone(DnsName.of("example.test."), "dns");
  private static final String KEY = "/dnsfailover/cluster/test/leader/1234";

  private static EtcdCluster etcd;
  private static EtcdCluster other;
  private static EtcdTestClient client;
  private static EtcdTestClient otherClient;

  private final AtomicInteger verified = new AtomicInteger();
  private long lease;

  @BeforeAll
  static void startEtcd() {
    etcd = EtcdCluster.startOrSkip(1);
    other = EtcdCluster.startOrSkip(1);
    client = new EtcdTestClient(etcd.endpoint());
    otherClient = new EtcdTestClient(other.endpoint());
  }

  @AfterAll
  static void stopEtcd() {
    for (AutoCloseable closeable : new AutoCloseable[] {client, otherClient, etcd, other}) {
      try {
        if (closeable != null) {
          closeable.close();
        }
      } catch (Exception e) {
        // best effort
      }
    }
  }

  @BeforeEach
  void clean() throws Exception {
    client.deleteAll();
    otherClient.deleteAll();
    verified.set(0);
  }

  @Test
  void aGuardOnThisEtcdIsCheckedInTheTransactionInsteadOfVerify() throws Exception {
    Fence fence = fence(elect(client), () -> {});
    try (CoreDnsProvider provider = provider(settings(etcd, 128))) {
      ApplyResult result = provider.apply(ZONE, List.of(create("app", "192.0.2.10")), fence);

      assertThat(result.applied()).hasSize(1);
      assertThat(provider.fencedInTransaction()).isTrue();
      assertThat(verified).hasValue(0);
      assertThat(client.dump("/skydns")).hasSize(1);
    }
  }

  @Test
  void losingTheKeyBetweenReadAndWriteWritesNothingEvenWhenVerifyWouldPass() throws Exception {
    Fence fence = fence(elect(client), () -> {});
    CoreDnsSettings settings = settings(etcd, 128);
    EtcdKv revokingBeforeCommit =
        new Interposed(new JetcdKv(settings), commits -> revoke(client, lease));
    try (CoreDnsProvider provider = new CoreDnsProvider(settings, revokingBeforeCommit)) {
      assertThatThrownBy(
              () ->
                  provider.apply(
                      ZONE,
                      List.of(create("app", "192.0.2.10"), create("www", "192.0.2.11")),
                      fence))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.TRANSIENT))
          .hasMessageContaining("write refused: no longer the leader")
          .hasMessageNotContaining("already applied");
    }
    assertThat(verified).hasValue(0);
    assertThat(client.dump("/")).isEmpty(); // no record, marker or ledger; the key is gone too
  }

  @Test
  void everyTransactionOfASplitApplyCarriesTheGuard() throws Exception {
    Fence fence = fence(elect(client), () -> {});
    // Four values and a ledger per name, plus the fence: 6 guards, so one name per transaction.
    CoreDnsSettings settings = settings(etcd, 8);
    EtcdKv deletingAfterFirstCommit =
        new Interposed(
            new JetcdKv(settings),
            commits -> {
              if (commits == 1) {
                client.delete(KEY);
              }
            });
    try (CoreDnsProvider provider = new CoreDnsProvider(settings, deletingAfterFirstCommit)) {
      assertThatThrownBy(
              () ->
                  provider.apply(
                      ZONE,
                      List.of(
                          create("app", "192.0.2.10", "192.0.2.11", "192.0.2.12", "192.0.2.13"),
                          create("www", "192.0.2.20", "192.0.2.21", "192.0.2.22", "192.0.2.23")),
                      fence))
          .hasMessageContaining("write refused: no longer the leader")
          .hasMessageContaining("already applied in earlier transactions: app.example.test. A");
    }
    assertThat(client.dump("/skydns").keySet())
        .hasSize(4)
        .allMatch(key -> key.startsWith("/skydns/test/example/app/"));
  }

  @Test
  void aGuardOnAnotherEtcdClusterFallsBackToVerify() throws Exception {
    Fence.KeyGuard elsewhere = elect(otherClient);
    assertThat(elsewhere.clusterId()).isNotEqualTo(clusterId(client));
    try (CoreDnsProvider provider = provider(settings(etcd, 128))) {
      provider.apply(ZONE, List.of(create("app", "192.0.2.10")), fence(elsewhere, () -> {}));
      assertThat(provider.fencedInTransaction()).isFalse();
      assertThat(verified).hasValue(1);
      assertThat(client.dump("/skydns")).hasSize(1);

      Fence refusing =
          fence(
              elsewhere,
              () -> {
                throw new ProviderException(ProviderException.Kind.TRANSIENT, "not leading");
              });
      assertThatThrownBy(() -> provider.apply(ZONE, List.of(create("www", "192.0.2.11")), refusing))
          .hasMessage("not leading");
      assertThat(client.dump("/skydns")).hasSize(1);
    }
  }

  @Test
  void aGuardWhoseKeyIsAlreadyGoneFallsBackToVerifyWhichRefuses() throws Exception {
    Fence.KeyGuard guard = elect(client);
    revoke(client, lease);
    Fence fence =
        fence(
            guard,
            () -> {
              throw new ProviderException(ProviderException.Kind.TRANSIENT, "lost leadership");
            });
    try (CoreDnsProvider provider = provider(settings(etcd, 128))) {
      assertThatThrownBy(() -> provider.apply(ZONE, List.of(create("app", "192.0.2.10")), fence))
          .hasMessage("lost leadership");
    }
    assertThat(client.dump("/")).isEmpty();
  }

  /** Puts {@link #KEY} on a fresh lease, as etcd's election API does, and guards on it. */
  private Fence.KeyGuard elect(EtcdTestClient on) throws Exception {
    lease = on.client().getLeaseClient().grant(60).get(10, TimeUnit.SECONDS).getID();
    PutResponse put =
        on.client()
            .getKVClient()
            .put(bytes(KEY), bytes("m0"), PutOption.builder().withLeaseId(lease).build())
            .get(10, TimeUnit.SECONDS);
    return new Fence.KeyGuard(
        Long.toHexString(put.getHeader().getClusterId()), KEY, put.getHeader().getRevision());
  }

  private static String clusterId(EtcdTestClient on) throws Exception {
    return Long.toHexString(
        on.client()
            .getKVClient()
            .get(bytes("x"))
            .get(10, TimeUnit.SECONDS)
            .getHeader()
            .getClusterId());
  }

  private static void revoke(EtcdTestClient on, long lease) throws Exception {
    on.client().getLeaseClient().revoke(lease).get(10, TimeUnit.SECONDS);
  }

  private Fence fence(Fence.KeyGuard guard, Verify verify) {
    return new Fence() {
      @Override
      public void verify() throws ProviderException {
        verified.incrementAndGet();
        verify.run();
      }

      @Override
      public Optional<KeyGuard> keyGuard() {
        return Optional.of(guard);
      }
    };
  }

  @FunctionalInterface
  private interface Verify {
    void run() throws ProviderException;
  }

  @FunctionalInterface
  private interface BeforeCommit {
    void run(int commitsSoFar) throws Exception;
  }

  /** A real {@link JetcdKv} with something done in etcd right before each commit. */
  private static final class Interposed implements EtcdKv {
    private final EtcdKv delegate;
    private final BeforeCommit before;
    private int commits;

    Interposed(EtcdKv delegate, BeforeCommit before) {
      this.delegate = delegate;
      this.before = before;
    }

    @Override
    public Probe probe(String key) throws ProviderException {
      return delegate.probe(key);
    }

    @Override
    public List<List<Entry>> read(List<Range> ranges) throws ProviderException {
      return delegate.read(ranges);
    }

    @Override
    public boolean commit(List<Guard> guards, List<Write> writes) throws ProviderException {
      assertThat(guards).anyMatch(Guard.Created.class::isInstance);
      try {
        before.run(commits++);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return delegate.commit(guards, writes);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  private static CoreDnsProvider provider(CoreDnsSettings settings) {
    return new CoreDnsProvider(settings);
  }

  private static CoreDnsSettings settings(EtcdCluster on, int maxTxnOps) {
    return CoreDnsProviderFactory.settings(
        new ProviderConfig(
            "dns",
            "coredns",
            Map.of("endpoints", on.endpoint(), "maxTxnOps", Integer.toString(maxTxnOps))));
  }

  private static Change create(String label, String... addresses) {
    return new Change.Create(
        RecordSet.of(DnsName.of(label + ".example.test."), RecordType.A, 30, List.of(addresses)),
        "test");
  }

  private static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }
}

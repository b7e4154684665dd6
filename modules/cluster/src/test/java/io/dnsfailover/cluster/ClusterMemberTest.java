package io.dnsfailover.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsfailover.core.config.ClusterConfig;
import io.dnsfailover.core.config.ClusterConfig.Quorum;
import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.policy.EndpointStatus;
import io.dnsfailover.engine.ClusterState;
import io.dnsfailover.engine.HealthView.Decision;
import io.dnsfailover.etcd.EtcdConnection;
import io.dnsfailover.health.HealthSnapshot;
import io.dnsfailover.health.HealthStatus;
import io.dnsfailover.health.ProbeResult;
import io.dnsfailover.spi.Fence;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.testkit.FakeClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lease, election, views and fence of {@link ClusterMember}, on an in-memory etcd and virtual time:
 * each keeper step is taken by the test ({@link ClusterMember#keepOnce}), each reconcile's question
 * asked by it ({@link ClusterMember#decide}). The same behaviour on a real etcd, with real time and
 * real daemons: ClusterModeIT, ClusterStatusIT, FencedCoreDnsIT, MembershipReloadIT.
 */
class ClusterMemberTest {

  private static final String OWNER = "test";
  private static final String PRIMARY = "app.example.test./A/primary";
  private static final String BACKUP = "app.example.test./A/backup";
  private static final Duration LEASE_TTL = Duration.ofSeconds(9);
  private static final Duration TICK = LEASE_TTL.dividedBy(3);
  private static final ClusterKeys KEYS = ClusterKeys.of(OWNER);

  @TempDir Path dir;
  private final FakeClock time = new FakeClock();
  private final InMemoryClusterEtcd etcd = new InMemoryClusterEtcd(time);
  private final FakeClock clock = new FakeClock();
  private final List<Member> members = new ArrayList<>();
  private Config config;

  /** A member with its own connection to etcd and a count of its wake-ups. */
  private record Member(
      ClusterMember member, InMemoryClusterEtcd.Connection connection, AtomicInteger wakes) {

    Decision decide(Config config, Map<String, HealthSnapshot> local) {
      return member.decide(config, local);
    }

    ClusterState cluster() {
      return member.cluster().orElseThrow();
    }
  }

  @BeforeEach
  void load() throws Exception {
    config = ClusterConfigs.load(dir, OWNER);
  }

  @AfterEach
  void leave() {
    members.forEach(member -> member.member().close());
  }

  @Test
  void aMemberWithoutALeaseHoldsAndSaysWhy() {
    Member m0 = join("m0");

    assertThat(m0.decide(config, allUp()))
        .isEqualTo(
            new Decision.Hold(
                "no etcd lease (joining, or etcd unreachable or without quorum): keeping the last"
                    + " answer"));
    assertThat(m0.cluster().problem()).isPresent();
    assertThat(m0.member().leads()).isFalse();
  }

  @Test
  void aLoneMemberTakesALeaseIsElectedAndWritesWithItsView() {
    Member m0 = join("m0");

    m0.member().keepOnce();

    assertThat(m0.member().leads()).isTrue();
    assertThat(m0.wakes()).hasValue(2); // lease granted, elected
    Decision decision = m0.decide(config, Map.of(PRIMARY, up(), BACKUP, down("HTTP 503")));
    assertThat(decision).isInstanceOf(Decision.Write.class);
    Map<String, EndpointStatus> statuses = ((Decision.Write) decision).statuses();
    assertThat(statuses.get(PRIMARY).healthy()).isTrue();
    assertThat(statuses.get(BACKUP))
        .isEqualTo(EndpointStatus.down("down at 1 of 1 members, quorum 1 (m0: HTTP 503)"));
    assertThat(m0.cluster())
        .satisfies(
            cluster -> {
              assertThat(cluster.leader()).contains("m0");
              assertThat(cluster.leading()).isTrue();
              assertThat(cluster.problem()).isEmpty();
              assertThat(cluster.members())
                  .extracting(ClusterState.MemberView::member)
                  .containsExactly("m0");
            });
    assertThat(etcd.keys(KEYS.views())).containsOnlyKeys(KEYS.view("m0"));
    assertThat(etcd.keys(KEYS.election() + "/")).hasSize(1).containsValue("m0");
  }

  @Test
  void theFollowerHoldsAndTheLeaderCombinesEveryViewByQuorum() {
    Member m0 = join("m0");
    Member m1 = join("m1");
    m0.member().keepOnce();
    m1.member().keepOnce();

    assertThat(m1.decide(config, Map.of(PRIMARY, down("HTTP 503 from m1"), BACKUP, up())))
        .isEqualTo(new Decision.Hold("following leader m0"));
    assertThat(m0.wakes()).as("m1's view woke m0").hasValue(3);

    Decision alone = m0.decide(config, allUp());
    assertThat(((Decision.Write) alone).statuses().get(PRIMARY).healthy())
        .as("one view of two is no majority")
        .isTrue();

    m1.decide(config, Map.of(PRIMARY, down("HTTP 503 from m1"), BACKUP, up()));
    Decision both = m0.decide(config, Map.of(PRIMARY, down("HTTP 503 from m0"), BACKUP, up()));
    assertThat(((Decision.Write) both).statuses().get(PRIMARY))
        .isEqualTo(
            EndpointStatus.down(
                "down at 2 of 2 members, quorum 2 (m0: HTTP 503 from m0; m1: HTTP 503 from m1)"));
    assertThat(m1.cluster().leader()).contains("m0");
    assertThat(m1.cluster().leading()).isFalse();
  }

  @Test
  void anUnchangedViewIsNotWrittenAgain() {
    Member m0 = join("m0");
    m0.member().keepOnce();
    m0.decide(config, allUp());
    int wakes = m0.wakes().get();

    m0.decide(config, allUp());
    clock.advance(Duration.ofMinutes(1));
    m0.decide(config, allUp());

    assertThat(m0.wakes()).as("no write, so no watch event").hasValue(wakes);
    m0.decide(config, Map.of(PRIMARY, down("HTTP 503"), BACKUP, up()));
    assertThat(m0.wakes()).hasValue(wakes + 1);
  }

  @Test
  void whenTheLeaderDiesTheNextCandidateLeadsOnceItsLeaseHasRunOut() {
    Member m0 = join("m0");
    Member m1 = join("m1");
    m0.member().keepOnce();
    m1.member().keepOnce();
    m0.decide(config, allUp());

    m0.member().crash();
    members.remove(m0);
    steps(2, m1); // 6s of 9s: m0's lease still runs
    assertThat(m1.decide(config, allUp())).isEqualTo(new Decision.Hold("following leader m0"));

    steps(1, m1); // 9s: etcd ends m0's lease, its candidate key and its view
    assertThat(m1.member().leads()).isTrue();
    assertThat(m1.decide(config, allUp())).isInstanceOf(Decision.Write.class);
    assertThat(m1.cluster().members())
        .extracting(ClusterState.MemberView::member)
        .containsExactly("m1");
  }

  @Test
  void aLeaderCutOffFromEtcdStopsLeadingBeforeEtcdCouldHaveEndedItsLease() throws Exception {
    Member m0 = join("m0");
    Member m1 = join("m1");
    m0.member().keepOnce();
    m1.member().keepOnce();
    m0.connection().cutOff(true);

    steps(2, m0, m1); // m0's renewals fail; m1's go through
    time.advance(TICK.minusMillis(1));
    assertThat(m0.member().leads()).isTrue();
    time.advance(Duration.ofMillis(1));

    assertThat(m0.member().leads()).as("leaseTtl since its last renewal was sent").isFalse();
    assertThat(m0.member().currentFence().keyGuard()).isEmpty();
    assertThatThrownBy(() -> m0.member().currentFence().verify())
        .isInstanceOf(ProviderException.class)
        .hasMessage("cluster: member m0 does not lead: write refused");
    m0.member().keepOnce(); // the renewal fails: the lease is given up
    assertThat(m0.decide(config, allUp()))
        .isEqualTo(
            new Decision.Hold(
                "no etcd lease (joining, or etcd unreachable or without quorum): keeping the last"
                    + " answer"));

    m1.member().keepOnce(); // etcd ends m0's lease: m1 is elected
    assertThat(m1.member().leads()).isTrue();

    m0.connection().cutOff(false);
    m0.member().keepOnce(); // a new lease, a new candidacy, behind m1's
    assertThat(m0.decide(config, allUp())).isEqualTo(new Decision.Hold("following leader m1"));
  }

  @Test
  void withoutEtcdQuorumEveryMemberHoldsAndSaysSoThenALeaderAgain() {
    Member m0 = join("m0");
    Member m1 = join("m1");
    m0.member().keepOnce();
    m1.member().keepOnce();
    m0.decide(config, allUp());

    etcd.down();

    for (Member member : List.of(m0, m1)) {
      Decision decision = member.decide(config, allUp());
      assertThat(decision)
          .isEqualTo(
              new Decision.Hold(
                  "etcd unreachable or without quorum (no answer within 2000ms): keeping the last"
                      + " answer"));
      assertThat(member.cluster().leading()).isFalse();
      assertThat(member.cluster().problem()).isPresent();
    }
    assertThat(m0.cluster().leader()).as("the last leader seen").contains("m0");

    etcd.up();
    assertThat(m0.decide(config, allUp())).isInstanceOf(Decision.Write.class);
    assertThat(m0.cluster().problem()).isEmpty();
  }

  /**
   * etcd keeps leases through an outage and gives each a full TTL when it is back, so a lease a
   * member gave up while etcd was away would let its old candidate key lead again with nobody
   * behind it. The member revokes it before it takes a new lease.
   */
  @Test
  void afterAnOutageLongerThanTheLeaseTheOldCandidacyIsRevokedAndOneMemberLeads() {
    Member m0 = join("m0");
    Member m1 = join("m1");
    m0.member().keepOnce();
    m1.member().keepOnce();
    String oldCandidate = etcd.keys(KEYS.election() + "/").keySet().iterator().next();

    etcd.down();
    steps(4, m0, m1); // 12s without a renewal: both give their leases up
    assertThat(m0.decide(config, allUp()).toString()).contains("no etcd lease");
    assertThat(etcd.keys(KEYS.election() + "/")).containsKey(oldCandidate);

    etcd.up();
    m0.member().keepOnce();
    m1.member().keepOnce();

    assertThat(etcd.keys(KEYS.election() + "/")).doesNotContainKey(oldCandidate).hasSize(2);
    assertThat(etcd.leases()).isEqualTo(2);
    // m0 revoked its old lease first and campaigned alone; m1's old candidacy, still leading
    // then, went when m1 revoked it in turn.
    assertThat(m0.decide(config, allUp())).isInstanceOf(Decision.Write.class);
    assertThat(m1.decide(config, allUp())).isEqualTo(new Decision.Hold("following leader m0"));
  }

  @Test
  void theFenceNamesTheElectionKeyAndRefusesOnceEtcdEndedTheLease() throws Exception {
    Member m0 = join("m0");
    Member m1 = join("m1");
    m0.member().keepOnce();
    m1.member().keepOnce();

    Fence fence = m0.member().currentFence();
    String candidate = etcd.keys(KEYS.election() + "/").keySet().iterator().next();
    assertThat(fence.keyGuard())
        .hasValueSatisfying(
            guard -> {
              assertThat(guard.clusterId())
                  .isEqualTo(Long.toHexString(InMemoryClusterEtcd.CLUSTER_ID));
              assertThat(guard.key()).isEqualTo(candidate);
            });
    assertThatCode(fence::verify).doesNotThrowAnyException();

    // As if m0 had been paused past its lease: etcd ends it, m1 is elected.
    etcd.revokeLeaseOf(candidate);

    assertThat(m0.member().leads()).as("by its own records, not yet").isTrue();
    assertThatThrownBy(fence::verify)
        .isInstanceOf(ProviderException.class)
        .hasMessage("cluster: member m0 lost the leadership to m1: write refused");
    assertThat(m1.member().leads()).isTrue();
  }

  @Test
  void aFenceThatCannotReachEtcdRefuses() {
    Member m0 = join("m0");
    m0.member().keepOnce();
    m0.connection().cutOff(true);

    assertThatThrownBy(() -> m0.member().currentFence().verify())
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.TRANSIENT))
        .hasMessage(
            "cluster: cannot confirm that member m0 still leads (no answer within 2000ms): write"
                + " refused");
  }

  @Test
  void leavingResignsAndRevokesSoTheNextLeadsAtOnceAndTheViewIsGone() {
    Member m0 = join("m0");
    Member m1 = join("m1");
    m0.member().keepOnce();
    m1.member().keepOnce();
    m0.decide(config, allUp());
    m1.decide(config, allUp());

    m0.member().close();
    members.remove(m0);

    assertThat(m1.member().leads()).isTrue();
    assertThat(etcd.keys(KEYS.views())).containsOnlyKeys(KEYS.view("m1"));
    assertThat(etcd.leases()).isEqualTo(1);
    assertThat(m1.decide(config, allUp())).isInstanceOf(Decision.Write.class);
  }

  private Member join(String name) {
    ClusterConfig cluster =
        new ClusterConfig(
            EtcdConnection.of(List.of(URI.create("http://127.0.0.1:2379")))
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2)),
            name,
            new Quorum.Majority(),
            LEASE_TTL);
    InMemoryClusterEtcd.Connection connection = etcd.connect();
    ClusterMember member = new ClusterMember(cluster, OWNER, clock, connection, time);
    AtomicInteger wakes = new AtomicInteger();
    member.onChange(wakes::incrementAndGet);
    Member joined = new Member(member, connection, wakes);
    members.add(joined);
    return joined;
  }

  /** {@code count} keeper steps of every one of {@code members}, a third of the TTL apart. */
  private void steps(int count, Member... stepping) {
    for (int i = 0; i < count; i++) {
      time.advance(TICK);
      for (Member member : stepping) {
        member.member().keepOnce();
      }
    }
  }

  private Map<String, HealthSnapshot> allUp() {
    Map<String, HealthSnapshot> local = new HashMap<>();
    local.put(PRIMARY, up());
    local.put(BACKUP, up());
    return local;
  }

  private HealthSnapshot up() {
    return new HealthSnapshot(
        HealthStatus.HEALTHY,
        1,
        0,
        Optional.of(clock.instant()),
        Optional.of(ProbeResult.success(Duration.ofMillis(3), "HTTP 200", clock.instant())));
  }

  private HealthSnapshot down(String detail) {
    return new HealthSnapshot(
        HealthStatus.UNHEALTHY,
        0,
        1,
        Optional.of(clock.instant()),
        Optional.of(ProbeResult.failure(Duration.ofMillis(3), detail, clock.instant())));
  }
}

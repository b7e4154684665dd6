package io.dnsfailover.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dnsfailover.core.config.ClusterConfig;
import io.dnsfailover.core.config.ClusterConfig.Quorum;
import io.dnsfailover.core.config.Config;
import io.dnsfailover.engine.ClusterState;
import io.dnsfailover.engine.Daemon;
import io.dnsfailover.engine.DaemonListener;
import io.dnsfailover.engine.Providers;
import io.dnsfailover.etcd.EtcdConnection;
import io.dnsfailover.etcd.client.EtcdClients;
import io.dnsfailover.health.testing.ScriptedChecker.Step;
import io.dnsfailover.health.testing.ScriptedCheckerFactory;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.testkit.InMemoryDnsProvider;
import io.dnsfailover.testkit.etcd.EtcdCluster;
import io.dnsfailover.testkit.etcd.EtcdExtension;
import io.etcd.jetcd.Client;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three daemons in this JVM, each with its own etcd client and its own scripted vantage point, on a
 * real three-member etcd cluster, writing one shared in-memory DNS. A crash is a daemon stopped
 * without resigning: its lease runs out in etcd.
 */
class ClusterModeIT {

  private static final Zone ZONE = new Zone(DnsName.of("example.test."), "mem");
  private static final DnsName APP = DnsName.of("app.example.test.");
  private static final String PRIMARY = "app.example.test./A/primary";
  private static final Duration LEASE_TTL = Duration.ofSeconds(2);

  /** Generous: the machine is shared and loaded. leaseTtl plus one interval is the promise. */
  private static final Duration BOUND = Duration.ofSeconds(30);

  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension(3);

  @TempDir Path dir;
  private final InMemoryDnsProvider dns = new InMemoryDnsProvider();
  private final List<Node> nodes = new ArrayList<>();
  private Config config;

  /** One daemon of the trio. */
  private record Node(
      ClusterMember member,
      Daemon daemon,
      Thread runner,
      ScriptedCheckerFactory checks,
      DnsProvider fenced) {

    void see(String endpointKey, Step step) {
      checks.checker(endpointKey).setCurrent(step);
    }

    void crash() throws InterruptedException {
      member.crash();
      daemon.stop();
      runner.join(Duration.ofSeconds(20));
    }
  }

  @BeforeEach
  void startTrio(TestInfo test) throws Exception {
    // One ownerId per test: each test gets its own key tree, its own election.
    config = ClusterConfigs.load(dir, test.getTestMethod().orElseThrow().getName());
    for (int i = 0; i < 3; i++) {
      nodes.add(start("m" + i));
    }
    nodes.forEach(node -> node.see(PRIMARY, Step.up()));
    nodes.forEach(node -> node.see("app.example.test./A/backup", Step.up()));
    await().atMost(BOUND).until(() -> answer().equals(List.of("192.0.2.10")));
  }

  @AfterEach
  void stopTrio() throws Exception {
    for (Node node : nodes) {
      node.daemon().stop();
      node.runner().join(Duration.ofSeconds(20));
      node.member().close();
    }
    for (EtcdCluster.Member member : ETCD.cluster().members()) {
      member.start(); // a test that stopped one leaves the cluster whole again
    }
  }

  private Node start(String name) {
    ClusterConfig cluster =
        new ClusterConfig(
            new EtcdConnection(
                ETCD.cluster().endpoints().stream().map(URI::create).toList(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Duration.ofSeconds(2),
                Duration.ofSeconds(2)),
            name,
            new Quorum.Majority(),
            LEASE_TTL);
    ClusterMember member = ClusterMember.start(cluster, config.ownerId(), Clock.systemUTC());
    DnsProvider fenced = member.fence(dns);
    ScriptedCheckerFactory checks = new ScriptedCheckerFactory(Clock.systemUTC());
    Daemon daemon =
        new Daemon(
            config,
            new Providers(Map.of("mem", new Unclosed(fenced))),
            checks,
            Map.of(),
            Clock.systemUTC(),
            new DaemonListener() {},
            member);
    member.onChange(daemon::wakeUp);
    Thread runner = Thread.ofPlatform().name("daemon-" + name).start(() -> runQuietly(daemon));
    return new Node(member, daemon, runner, checks, fenced);
  }

  @Test
  void oneDissentingVantagePointDoesNotFailOverButAllThreeDo() {
    nodes.get(0).see(PRIMARY, Step.down("HTTP 503 from m0's network"));
    Node leader = awaitLeader();
    await().atMost(BOUND).until(() -> memberSees(leader, "m0", PRIMARY).equals("unhealthy"));
    Instant seen = Instant.now();
    await()
        .atMost(BOUND)
        .until(() -> leader.daemon().state().lastReconcileAt().orElse(Instant.EPOCH).isAfter(seen));

    assertThat(answer()).containsExactly("192.0.2.10");

    nodes.forEach(node -> node.see(PRIMARY, Step.down("HTTP 503")));
    await().atMost(BOUND).until(() -> answer().equals(List.of("192.0.2.20")));
  }

  @Test
  void whenTheLeaderDiesAnotherLeadsAndKeepsApplying() throws Exception {
    Node old = awaitLeader();
    old.crash();
    nodes.remove(old);

    Node successor = awaitLeader();
    assertThat(successor).isNotSameAs(old);
    nodes.forEach(node -> node.see(PRIMARY, Step.down("HTTP 503")));
    await().atMost(BOUND).until(() -> answer().equals(List.of("192.0.2.20")));
    assertThat(successor.daemon().state().cluster().orElseThrow().members())
        .extracting(ClusterState.MemberView::member)
        .doesNotContain(old.member().member());
  }

  @Test
  void stoppingOneEtcdMemberKeepsEverythingWorking() {
    ETCD.cluster().member(0).stop();

    nodes.forEach(node -> node.see(PRIMARY, Step.down("HTTP 503")));
    await().atMost(BOUND).until(() -> answer().equals(List.of("192.0.2.20")));
    nodes.forEach(node -> node.see(PRIMARY, Step.up()));
    await().atMost(BOUND).until(() -> answer().equals(List.of("192.0.2.10")));
  }

  @Test
  void withoutEtcdQuorumEveryDaemonKeepsTheLastAnswerAndSaysSo() throws Exception {
    ETCD.cluster().member(1).stop();
    ETCD.cluster().member(2).stop();
    nodes.forEach(node -> node.see(PRIMARY, Step.down("HTTP 503")));

    await()
        .atMost(BOUND)
        .until(
            () ->
                nodes.stream()
                    .allMatch(
                        node ->
                            node.daemon()
                                    .state()
                                    .holding()
                                    .orElse("")
                                    .contains("keeping the last answer")
                                && node.daemon()
                                    .state()
                                    .cluster()
                                    .orElseThrow()
                                    .problem()
                                    .isPresent()));
    assertThat(answer()).containsExactly("192.0.2.10");

    ETCD.cluster().member(1).start();
    ETCD.cluster().member(2).start();
    await().atMost(BOUND).until(() -> answer().equals(List.of("192.0.2.20")));
  }

  @Test
  void aDeposedLeaderCannotWrite() throws Exception {
    Node leader = awaitLeader();
    try (Client admin =
        Client.builder().endpoints(ETCD.cluster().endpoints().toArray(String[]::new)).build()) {
      // As if the leader had been paused past its lease: etcd ends it, another member is elected.
      long lease =
          admin
              .getKVClient()
              .get(
                  EtcdClients.bytes(
                      ClusterKeys.of(config.ownerId()).view(leader.member().member())))
              .get()
              .getKvs()
              .getFirst()
              .getLease();
      admin.getLeaseClient().revoke(lease).get();
    }
    int writes = dns.writeCalls();

    RecordSet stray =
        RecordSet.of(DnsName.of("stray.example.test."), RecordType.A, 20, List.of("192.0.2.99"));
    assertThatThrownBy(() -> leader.fenced().apply(ZONE, List.of(new Change.Create(stray, "test"))))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("write refused");
    assertThat(dns.writeCalls()).isEqualTo(writes);
    awaitLeader(); // someone leads again: the cluster goes on
  }

  private Node awaitLeader() {
    return await()
        .atMost(BOUND)
        .until(
            () -> nodes.stream().filter(node -> node.member().leads()).findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  private static String memberSees(Node observer, String member, String endpointKey) {
    return observer.daemon().state().cluster().orElseThrow().members().stream()
        .filter(view -> view.member().equals(member))
        .map(view -> view.endpoints().get(endpointKey))
        .filter(java.util.Objects::nonNull)
        .map(ClusterState.EndpointView::state)
        .findFirst()
        .orElse("absent");
  }

  private List<String> answer() {
    return dns.values(ZONE, APP, RecordType.A);
  }

  private static void runQuietly(Daemon daemon) {
    try {
      daemon.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The shared provider outlives each daemon (a daemon closes its providers when it stops). */
  private record Unclosed(DnsProvider delegate) implements DnsProvider {
    @Override
    public String type() {
      return delegate.type();
    }

    @Override
    public io.dnsfailover.spi.Capabilities capabilities() {
      return delegate.capabilities();
    }

    @Override
    public List<RecordSet> records(Zone zone, java.util.Set<io.dnsfailover.spi.RecordKey> keys)
        throws ProviderException {
      return delegate.records(zone, keys);
    }

    @Override
    public io.dnsfailover.spi.ApplyResult apply(Zone zone, List<Change> changes)
        throws ProviderException {
      return delegate.apply(zone, changes);
    }
  }
}

package io.dnsfailover.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dnsfailover.core.config.Config;
import io.dnsfailover.engine.ClusterState;
import io.dnsfailover.engine.Daemon;
import io.dnsfailover.engine.DaemonListener;
import io.dnsfailover.engine.Providers;
import io.dnsfailover.health.testing.ScriptedChecker.Step;
import io.dnsfailover.health.testing.ScriptedCheckerFactory;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.testkit.InMemoryDnsProvider;
import io.dnsfailover.testkit.etcd.EtcdExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
import org.slf4j.LoggerFactory;

/**
 * A reloaded config whose {@code cluster:} block changed takes effect without a restart: daemons on
 * a real (one-member) etcd, reloaded as {@code dnsfailover daemon} reloads them ({@link
 * Daemon#reload} with providers fenced by the same {@link Membership}).
 */
class MembershipReloadIT {

  private static final Zone ZONE = new Zone(DnsName.of("example.test."), "mem");
  private static final String PRIMARY = "app.example.test./A/primary";
  private static final String BACKUP = "app.example.test./A/backup";

  /**
   * Far longer than {@link #BOUND}: a member that went away without resigning and revoking its
   * lease would keep its leadership and its view past the bound, so only a clean leave passes.
   */
  private static final String LEASE_TTL = "120s";

  /** Generous: the machine is shared and loaded. */
  private static final Duration BOUND = Duration.ofSeconds(30);

  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension(1);

  @TempDir Path dir;
  private final InMemoryDnsProvider dns = new InMemoryDnsProvider();
  private final List<Node> nodes = new ArrayList<>();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger membershipLogger = (Logger) LoggerFactory.getLogger(Membership.class);
  private String ownerId;

  /** One daemon with its membership. */
  private record Node(
      Membership membership, Daemon daemon, Thread runner, ScriptedCheckerFactory checks) {

    void see(String endpointKey, Step step) {
      checks.checker(endpointKey).setCurrent(step);
    }

    Optional<ClusterState> cluster() {
      return daemon.state().cluster();
    }
  }

  @BeforeEach
  void setUp(TestInfo test) {
    ownerId = test.getTestMethod().orElseThrow().getName();
    logs.start();
    membershipLogger.addAppender(logs);
  }

  @AfterEach
  void stopAll() throws Exception {
    for (Node node : nodes) {
      node.daemon().stop();
      node.runner().join(Duration.ofSeconds(20));
      node.membership().close();
    }
    membershipLogger.detachAppender(logs);
  }

  @Test
  void aChangedClusterBlockMakesTheLeaderLeaveCleanlyAndJoinAgainWithTheNewSettings()
      throws Exception {
    Node first = start(config("m0.yaml", "m0"));
    await().atMost(BOUND).until(() -> leads(first, "m0"));
    Node second = start(config("m1.yaml", "m1"));
    await().atMost(BOUND).until(() -> answer().equals(List.of("192.0.2.10")));
    await().atMost(BOUND).until(() -> leaderSeenBy(second).equals(Optional.of("m0")));

    // The first daemon's config gets a new member name; it is reloaded, not restarted.
    Config renamed = config("m0.yaml", "m0-renamed");
    first.daemon().reload(renamed, providers(first.membership(), renamed));

    // m0 resigned (m1 leads at once) and revoked its lease (its view is gone at once); the same
    // daemon is back as m0-renamed, following m1.
    await()
        .atMost(BOUND)
        .untilAsserted(
            () -> {
              ClusterState atSecond = second.cluster().orElseThrow();
              assertThat(atSecond.leader()).contains("m1");
              assertThat(atSecond.leading()).isTrue();
              assertThat(atSecond.members())
                  .extracting(ClusterState.MemberView::member)
                  .containsExactly("m0-renamed", "m1");
              ClusterState atFirst = first.cluster().orElseThrow();
              assertThat(atFirst.member()).isEqualTo("m0-renamed");
              assertThat(atFirst.leader()).contains("m1");
              assertThat(atFirst.leading()).isFalse();
              assertThat(first.daemon().state().holding()).contains("following leader m1");
            });
    assertThat(messages())
        .contains(
            "cluster: the reloaded config changed the cluster: block or the ownerId: member m0"
                + " leaves the cluster (resigns, revokes its lease); member m0-renamed joins with"
                + " the new settings");

    // The cluster goes on: the new leader fails over.
    first.see(PRIMARY, Step.down("HTTP 503"));
    second.see(PRIMARY, Step.down("HTTP 503"));
    await().atMost(BOUND).until(() -> answer().equals(List.of("192.0.2.20")));
  }

  @Test
  void aClusterBlockAddedByReloadJoinsAndOneRemovedLeavesAndWritesAlone() throws Exception {
    Node node = start(ClusterConfigs.load(dir.resolve("alone.yaml"), ownerId, ""));
    await().atMost(BOUND).until(() -> answer().equals(List.of("192.0.2.10")));
    assertThat(node.cluster()).isEmpty();

    Config clustered = config("alone.yaml", "m0");
    node.daemon().reload(clustered, providers(node.membership(), clustered));
    await().atMost(BOUND).until(() -> leads(node, "m0"));
    assertThat(messages())
        .contains("cluster: the reloaded config has a cluster: block: member m0 joins the cluster");

    // A second daemon joins and sees m0's view; then m0 leaves and writes alone again.
    Node other = start(config("other.yaml", "m1"));
    await()
        .atMost(BOUND)
        .until(() -> members(other).equals(List.of("m0", "m1")) && leads(node, "m0"));
    Config alone = ClusterConfigs.load(dir.resolve("alone.yaml"), ownerId, "");
    node.daemon().reload(alone, providers(node.membership(), alone));

    await().atMost(BOUND).until(() -> node.cluster().isEmpty());
    await().atMost(BOUND).until(() -> leads(other, "m1") && members(other).equals(List.of("m1")));
    assertThat(messages())
        .contains(
            "cluster: the reloaded config has no cluster: block: member m0 leaves the cluster"
                + " (resigns, revokes its lease); from now on this daemon writes DNS alone");
    // Alone again, it writes with its own probes (m1, the leader now, sees the same).
    node.see(PRIMARY, Step.down("HTTP 503"));
    other.see(PRIMARY, Step.down("HTTP 503"));
    await().atMost(BOUND).until(() -> answer().equals(List.of("192.0.2.20")));
    assertThat(node.daemon().state().holding()).isEmpty();
  }

  private Config config(String file, String member) throws Exception {
    String cluster =
        """
        cluster:
          etcd: { endpoints: [%s], dialTimeout: 2s, requestTimeout: 2s }
          member: %s
          leaseTtl: %s
        """
            .formatted(ETCD.cluster().endpoint(), member, LEASE_TTL);
    return ClusterConfigs.load(dir.resolve(file), ownerId, cluster);
  }

  /** As {@code dnsfailover daemon} builds them: fenced in cluster mode, plain alone. */
  private Providers providers(Membership membership, Config config) {
    return new Providers(Map.of("mem", config.cluster().isPresent() ? membership.fence(dns) : dns));
  }

  private Node start(Config config) {
    Clock clock = Clock.systemUTC();
    Membership membership = Membership.start(config, clock);
    ScriptedCheckerFactory checks = new ScriptedCheckerFactory(clock);
    Daemon daemon =
        new Daemon(
            config,
            providers(membership, config),
            checks,
            Map.of(),
            clock,
            new DaemonListener() {},
            membership);
    membership.onChange(daemon::wakeUp);
    Node node =
        new Node(
            membership,
            daemon,
            Thread.ofPlatform().name("daemon-" + nodes.size()).start(() -> runQuietly(daemon)),
            checks);
    node.see(PRIMARY, Step.up());
    node.see(BACKUP, Step.up());
    nodes.add(node);
    return node;
  }

  private static boolean leads(Node node, String member) {
    return node.cluster()
        .filter(c -> c.member().equals(member) && c.leading() && c.problem().isEmpty())
        .isPresent();
  }

  private static Optional<String> leaderSeenBy(Node node) {
    return node.cluster().flatMap(ClusterState::leader);
  }

  private static List<String> members(Node node) {
    return node.cluster().map(ClusterState::members).orElse(List.of()).stream()
        .map(ClusterState.MemberView::member)
        .toList();
  }

  private List<String> messages() {
    return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  private List<String> answer() {
    return dns.values(ZONE, DnsName.of("app.example.test."), RecordType.A);
  }

  private static void runQuietly(Daemon daemon) {
    try {
      daemon.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

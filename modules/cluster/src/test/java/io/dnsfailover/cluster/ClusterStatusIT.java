package io.dnsfailover.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dnsfailover.core.config.ClusterConfig;
import io.dnsfailover.core.config.ClusterConfig.Quorum;
import io.dnsfailover.core.config.Config;
import io.dnsfailover.engine.Daemon;
import io.dnsfailover.engine.Providers;
import io.dnsfailover.engine.metrics.PrometheusMetrics;
import io.dnsfailover.engine.server.RecentActivity;
import io.dnsfailover.engine.server.StatusServer;
import io.dnsfailover.etcd.EtcdConnection;
import io.dnsfailover.health.testing.ScriptedChecker.Step;
import io.dnsfailover.health.testing.ScriptedCheckerFactory;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.testkit.InMemoryDnsProvider;
import io.dnsfailover.testkit.etcd.EtcdExtension;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /status} of two real cluster members on a real (one-member) etcd, each daemon with its own
 * status server on a free loopback port, read over HTTP as a person or a script would: who leads,
 * which member this is, every member's view, and why a member is not writing.
 */
class ClusterStatusIT {

  private static final Zone ZONE = new Zone(DnsName.of("example.test."), "mem");
  private static final String PRIMARY = "app.example.test./A/primary";
  private static final String BACKUP = "app.example.test./A/backup";
  private static final String DISSENT = "HTTP 503 from m1's network";

  /** Long enough that a loaded machine does not lose leases by a stalled renewal. */
  private static final Duration LEASE_TTL = Duration.ofSeconds(3);

  /** Generous: the machine is shared and loaded. */
  private static final Duration BOUND = Duration.ofSeconds(30);

  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension(1);

  @TempDir Path dir;
  private final InMemoryDnsProvider dns = new InMemoryDnsProvider();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Node> nodes = new ArrayList<>();
  private Config config;

  /** One daemon with its cluster membership and its status server. */
  private record Node(
      String name,
      ClusterMember member,
      Daemon daemon,
      Thread runner,
      ScriptedCheckerFactory checks,
      StatusServer server,
      PrometheusMetrics metrics) {

    void see(String endpointKey, Step step) {
      checks.checker(endpointKey).setCurrent(step);
    }

    void stop() throws InterruptedException {
      daemon.stop();
      runner.join(Duration.ofSeconds(20));
      server.close();
      metrics.close();
      member.close();
    }
  }

  @BeforeEach
  void startTwo(TestInfo test) throws Exception {
    // One ownerId per test: each test gets its own key tree, its own election.
    config = ClusterConfigs.load(dir, test.getTestMethod().orElseThrow().getName());
    for (String name : List.of("m0", "m1")) {
      Node node = start(name);
      node.see(PRIMARY, Step.up());
      node.see(BACKUP, Step.up());
      nodes.add(node);
    }
  }

  @AfterEach
  void stopAll() throws Exception {
    for (Node node : nodes) {
      node.stop();
    }
    http.close();
    ETCD.cluster().member(0).start(); // a test that stopped it leaves etcd running again
  }

  @Test
  void everyMemberShowsTheOneLeaderItselfAndEachMembersView() throws Exception {
    // m1's own network cannot reach the primary: one view of two is no majority.
    nodes.get(1).see(PRIMARY, Step.down(DISSENT));

    String leader = awaitOneLeader();
    Node leading = node(leader);
    Node following = nodes.stream().filter(node -> node != leading).findFirst().orElseThrow();
    // Views are published and read on each member's own reconcile: poll until both show both.
    await()
        .atMost(BOUND)
        .untilAsserted(
            () -> {
              for (Node node : nodes) {
                JsonNode cluster = status(node).path("cluster");
                assertThat(cluster.path("member").asText()).isEqualTo(node.name());
                assertThat(cluster.path("leader").asText()).isEqualTo(leader);
                assertThat(cluster.path("leading").booleanValue()).isEqualTo(node == leading);
                assertThat(cluster.path("problem").isNull()).isTrue();
                JsonNode members = cluster.path("members");
                assertThat(list(members))
                    .extracting(member -> member.path("member").asText())
                    .containsExactly("m0", "m1");
                assertThat(view(members, "m1", PRIMARY).path("state").asText())
                    .isEqualTo("unhealthy");
                assertThat(view(members, "m1", PRIMARY).path("detail").asText())
                    .isEqualTo("scripted: " + DISSENT);
                assertThat(view(members, "m0", PRIMARY).path("state").asText())
                    .isEqualTo("healthy");
                assertThat(view(members, "m0", PRIMARY).path("detail").asText())
                    .isEqualTo("scripted: HTTP 200");
                for (String member : List.of("m0", "m1")) {
                  assertThat(view(members, member, BACKUP).path("state").asText())
                      .isEqualTo("healthy");
                  assertThat(Instant.parse(member(members, member).path("at").asText()))
                      .isNotNull();
                }
              }
            });

    // Only the leader reconciles, and one dissenting view of two does not fail over.
    Instant seen = Instant.now();
    await()
        .atMost(BOUND)
        .until(
            () -> {
              JsonNode last = status(leading).path("lastReconcile");
              return last.isTextual() && Instant.parse(last.asText()).isAfter(seen);
            });
    assertThat(answer()).containsExactly("192.0.2.10");
    JsonNode leaderStatus = status(leading);
    assertThat(leaderStatus.path("holding").isNull()).isTrue();
    assertThat(leaderStatus.path("records").get(0).path("current").path("values").get(0).asText())
        .isEqualTo("192.0.2.10");
    JsonNode followerStatus = status(following);
    assertThat(followerStatus.path("holding").asText()).isEqualTo("following leader " + leader);
    assertThat(followerStatus.path("lastReconcile").isNull())
        .as("a follower never reconciles")
        .isTrue();
    assertThat(followerStatus.path("ready").booleanValue()).isTrue();
    assertThat(get(following, "/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void withoutEtcdEveryMemberShowsTheProblemAndHoldsThenALeaderAgain() throws Exception {
    awaitOneLeader();
    await().atMost(BOUND).until(() -> answer().equals(List.of("192.0.2.10")));

    ETCD.cluster().member(0).stop();
    await()
        .atMost(BOUND)
        .untilAsserted(
            () -> {
              for (Node node : nodes) {
                JsonNode status = status(node);
                assertThat(status.path("cluster").path("problem").asText())
                    .as(node.name())
                    .contains("etcd unreachable");
                assertThat(status.path("cluster").path("leading").booleanValue()).isFalse();
                assertThat(status.path("holding").asText())
                    .as(node.name())
                    .contains("etcd unreachable")
                    .endsWith(": keeping the last answer");
              }
            });
    assertThat(answer()).containsExactly("192.0.2.10");

    ETCD.cluster().member(0).start();
    awaitOneLeader();
    for (Node node : nodes) {
      assertThat(status(node).path("cluster").path("problem").isNull()).isTrue();
    }
  }

  /**
   * An outage longer than {@code leaseTtl}: both members give up their leases while etcd is down,
   * but etcd keeps them (and extends them by a full TTL when it is back), so the old leader's
   * candidate key would lead again for up to one more TTL. From etcd's return until both agree on a
   * leader, every {@code /status} read must be consistent: no member names itself leader while
   * saying it does not lead (unless it shows a problem), and none holds "following leader
   * <itself>". Afterwards the new leader fails over.
   */
  @Test
  void afterAnEtcdOutageLongerThanTheLeaseNoMemberFollowsItselfAndALeaderFailsOver()
      throws Exception {
    awaitOneLeader();
    await().atMost(BOUND).until(() -> answer().equals(List.of("192.0.2.10")));

    ETCD.cluster().member(0).stop();
    // A member gives up its lease only after failing to renew it for leaseTtl.
    await()
        .atMost(BOUND)
        .until(
            () -> {
              for (Node node : nodes) {
                if (!status(node).path("holding").asText().contains("no etcd lease")) {
                  return false;
                }
              }
              return true;
            });
    ETCD.cluster().member(0).start();

    List<String> contradictions = new ArrayList<>();
    String leader =
        await()
            .atMost(BOUND)
            .pollInterval(Duration.ofMillis(20))
            .until(
                () -> {
                  List<JsonNode> statuses = new ArrayList<>();
                  for (Node node : nodes) {
                    statuses.add(status(node));
                  }
                  for (JsonNode status : statuses) {
                    JsonNode cluster = status.path("cluster");
                    String member = cluster.path("member").asText();
                    boolean namesItself = cluster.path("leader").asText("").equals(member);
                    if ((namesItself
                            && !cluster.path("leading").booleanValue()
                            && cluster.path("problem").isNull())
                        || status.path("holding").asText("").equals("following leader " + member)) {
                      contradictions.add(
                          "%s at %s: leader %s, leading %s, problem %s, holding %s"
                              .formatted(
                                  member,
                                  status.path("now").asText(),
                                  cluster.path("leader"),
                                  cluster.path("leading"),
                                  cluster.path("problem"),
                                  status.path("holding")));
                    }
                  }
                  return agreedLeader(statuses.stream().map(s -> s.path("cluster")).toList());
                },
                agreed -> agreed != null);
    assertThat(contradictions).as("/status read while leadership was re-established").isEmpty();

    nodes.forEach(node -> node.see(PRIMARY, Step.down("HTTP 503")));
    await().atMost(BOUND).until(() -> answer().equals(List.of("192.0.2.20")));
    assertThat(status(node(leader)).path("holding").isNull()).isTrue();
  }

  private Node start(String name) throws Exception {
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
            name,
            new Quorum.Majority(),
            LEASE_TTL);
    Clock clock = Clock.systemUTC();
    ClusterMember member = ClusterMember.start(cluster, config.ownerId(), clock);
    ScriptedCheckerFactory checks = new ScriptedCheckerFactory(clock);
    RecentActivity activity = new RecentActivity(clock);
    PrometheusMetrics metrics = new PrometheusMetrics();
    Daemon daemon =
        new Daemon(
            config,
            new Providers(Map.of("mem", member.fence(dns))),
            checks,
            Map.of(),
            clock,
            activity,
            member);
    member.onChange(daemon::wakeUp);
    StatusServer server =
        StatusServer.start(
            new InetSocketAddress("127.0.0.1", 0),
            daemon::state,
            activity,
            metrics,
            Optional.empty(),
            clock);
    Thread runner = Thread.ofPlatform().name("daemon-" + name).start(() -> runQuietly(daemon));
    return new Node(name, member, daemon, runner, checks, server, metrics);
  }

  /**
   * Waits until both members' {@code /status} name the same leader, that one says it leads and the
   * other says it does not; returns its name.
   */
  private String awaitOneLeader() {
    return await()
        .atMost(BOUND)
        .until(
            () -> {
              List<JsonNode> clusters = new ArrayList<>();
              for (Node node : nodes) {
                clusters.add(status(node).path("cluster"));
              }
              return agreedLeader(clusters);
            },
            leader -> leader != null);
  }

  /**
   * The leader every {@code cluster} object names, when they all name the same one, none shows a
   * problem, and exactly that member says it leads; otherwise null.
   */
  private static String agreedLeader(List<JsonNode> clusters) {
    String leader = clusters.getFirst().path("leader").asText("");
    boolean agreed =
        !leader.isEmpty()
            && clusters.stream()
                .allMatch(
                    cluster ->
                        cluster.path("leader").asText("").equals(leader)
                            && cluster.path("problem").isNull()
                            && cluster.path("leading").booleanValue()
                                == cluster.path("member").asText().equals(leader));
    return agreed ? leader : null;
  }

  private Node node(String name) {
    return nodes.stream().filter(node -> node.name().equals(name)).findFirst().orElseThrow();
  }

  private JsonNode status(Node node) throws Exception {
    HttpResponse<String> response = get(node, "/status");
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> get(Node node, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(node.server().uri().resolve(path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode member(JsonNode members, String name) {
    return list(members).stream()
        .filter(member -> member.path("member").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no view of " + name + " in " + members));
  }

  private static JsonNode view(JsonNode members, String member, String endpointKey) {
    return member(members, member).path("endpoints").path(endpointKey);
  }

  private static List<JsonNode> list(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).toList();
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

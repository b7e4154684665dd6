package io.dnsfailover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dnsfailover.testkit.etcd.EtcdExtension;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode through the packaged jar (docs/cluster.md): two {@code dnsfailover daemon}s with the
 * same config file, told apart only by {@code $HOSTNAME} (the default member name), on one real
 * etcd, with the {@code coredns} provider writing into that same etcd. Exactly one leads; it fails
 * over when a backend dies; stopped with SIGTERM it resigns, and the other takes over and keeps
 * reconciling. DNS is read where CoreDNS would read it: the SkyDNS keys in etcd.
 */
class ClusterDaemonIT {

  /** Generous: two JVMs, etcd and the build share a small, loaded machine. */
  private static final Duration BOUND = Duration.ofSeconds(60);

  private static final String APP_KEYS = "/skydns/test/example/app/";
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension(1);
  private static Client reader;

  @TempDir Path dir;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<JarRun.Running> daemons = new ArrayList<>();

  @BeforeAll
  static void connect() {
    reader = Client.builder().endpoints(ETCD.cluster().endpoint()).build();
  }

  @AfterAll
  static void disconnect() {
    if (reader != null) {
      reader.close();
    }
  }

  @AfterEach
  void killLeftovers() throws Exception {
    for (JarRun.Running daemon : daemons) {
      daemon.close();
      System.out.println(daemon.output()); // to the test's output file, for a failure
    }
    http.close();
  }

  @Test
  void oneLeaderFailsOverAndOnSigtermTheOtherTakesOverAndKeepsReconciling() throws Exception {
    Backend primary = new Backend("127.0.0.1");
    int primaryPort = primary.port();
    try (Backend backup = new Backend("127.0.0.2")) {
      Path config = writeConfig(primary.url(), backup.url());
      Member alpha = start("alpha", config);
      Member beta = start("beta", config);

      // Exactly one leads, and both say which one.
      String leaderName = awaitOneLeader(List.of(alpha, beta));
      Member leader = leaderName.equals("alpha") ? alpha : beta;
      Member follower = leader == alpha ? beta : alpha;
      await().atMost(BOUND).until(() -> served().equals(List.of("127.0.0.1")));
      JsonNode following = status(follower);
      assertThat(following.path("holding").asText()).isEqualTo("following leader " + leaderName);
      assertThat(following.path("lastReconcile").isNull())
          .as("a follower never reconciles")
          .isTrue();
      assertThat(following.path("ready").booleanValue()).isTrue();
      assertThat(status(leader).path("holding").isNull()).isTrue();

      // The primary dies: both members see it down, the leader fails over.
      primary.close();
      await().atMost(BOUND).until(() -> served().equals(List.of("127.0.0.2")));
      await()
          .atMost(BOUND)
          .untilAsserted(
              () ->
                  assertThat(changes(leader))
                      .anySatisfy(
                          change -> {
                            assertThat(change.path("from").asText()).isEqualTo("127.0.0.1");
                            assertThat(change.path("to").asText()).isEqualTo("127.0.0.2");
                            assertThat(change.path("reason").asText())
                                .contains("failing over to priority 2: backup (127.0.0.2)");
                          }));
      assertThat(changes(follower)).as("the follower wrote nothing").isEmpty();

      // The leader stops: it resigns, so the other leads at once and its view is gone.
      assertThat(leader.process().terminate(BOUND)).as(leader.process().log()).isZero();
      assertThat(leader.process().log()).contains("daemon stopped");
      await()
          .atMost(BOUND)
          .untilAsserted(
              () -> {
                JsonNode status = status(follower);
                JsonNode cluster = status.path("cluster");
                assertThat(cluster.path("leader").asText()).isEqualTo(follower.name());
                assertThat(cluster.path("leading").booleanValue()).isTrue();
                assertThat(status.path("holding").isNull()).isTrue();
                assertThat(list(cluster.path("members")))
                    .extracting(member -> member.path("member").asText())
                    .containsExactly(follower.name());
              });

      // It keeps reconciling: the primary comes back (same port), DNS follows.
      try (Backend revived = new Backend("127.0.0.1", primaryPort)) {
        await().atMost(BOUND).until(() -> served().equals(List.of("127.0.0.1")));
        // The change event is recorded once the apply has returned, just after etcd has it.
        await()
            .atMost(BOUND)
            .untilAsserted(
                () ->
                    assertThat(changes(follower))
                        .anySatisfy(
                            change ->
                                assertThat(change.path("to").asText()).isEqualTo("127.0.0.1")));
        assertThat(follower.process().terminate(BOUND)).as(follower.process().log()).isZero();
      }
    } finally {
      primary.close();
    }
  }

  @Test
  void aChangedClusterBlockIsAppliedOnReloadWithoutARestart() throws Exception {
    try (Backend primary = new Backend("127.0.0.1");
        Backend backup = new Backend("127.0.0.2")) {
      Path config = writeConfig(primary.url(), backup.url());
      Member alpha = start("alpha", config, true);
      // Asked of alpha itself: a daemon an earlier test killed leaves its candidate key in the
      // same election for up to leaseTtl, and all members may agree on that one for a while.
      await().atMost(BOUND).until(() -> status(alpha).path("cluster").path("leading").asBoolean());
      await().atMost(BOUND).until(() -> served().equals(List.of("127.0.0.1")));

      // The file watcher reloads the edited file: the member gets an explicit name.
      writeConfig(primary.url(), backup.url(), "  member: omega\n");
      await()
          .atMost(BOUND)
          .untilAsserted(
              () -> {
                JsonNode cluster = status(alpha).path("cluster");
                assertThat(cluster.path("member").asText()).isEqualTo("omega");
                assertThat(cluster.path("leader").asText()).isEqualTo("omega");
                assertThat(cluster.path("leading").booleanValue()).isTrue();
                assertThat(list(cluster.path("members")))
                    .extracting(member -> member.path("member").asText())
                    .containsExactly("omega");
              });
      assertThat(alpha.process().log())
          .contains(
              "cluster: the reloaded config changed the cluster: block or the ownerId: member"
                  + " alpha leaves the cluster (resigns, revokes its lease); member omega joins"
                  + " with the new settings");

      // Still the writer: the primary dies, DNS fails over.
      primary.close();
      await().atMost(BOUND).until(() -> served().equals(List.of("127.0.0.2")));
      assertThat(alpha.process().terminate(BOUND)).as(alpha.process().log()).isZero();
    }
  }

  /** One daemon of the pair, by member name. */
  private record Member(String name, JarRun.Running process, URI base) {}

  private Member start(String name, Path config) throws Exception {
    return start(name, config, false);
  }

  /** Starts a daemon named {@code name} by {@code $HOSTNAME}; {@code watch}: reload on edits. */
  private Member start(String name, Path config, boolean watch) throws Exception {
    List<String> arguments =
        new ArrayList<>(List.of("daemon", "-c", config.toString(), "--listen", "127.0.0.1:0"));
    if (!watch) {
      arguments.add("--no-watch");
    }
    JarRun.Running process =
        JarRun.start(
            dir.resolve(name), // its own journal, in its own XDG_STATE_HOME
            environment -> environment.put("HOSTNAME", name), // the default member name
            arguments.toArray(String[]::new));
    daemons.add(process);
    return new Member(name, process, process.awaitAddress(BOUND));
  }

  /**
   * Waits until every member's {@code /status} names the same leader, the leader says it leads and
   * the others that they do not; returns the leader's name.
   */
  private String awaitOneLeader(List<Member> members) {
    return await()
        .atMost(BOUND)
        .until(
            () -> {
              List<JsonNode> clusters = new ArrayList<>();
              for (Member member : members) {
                JsonNode cluster = status(member).path("cluster");
                assertThat(cluster.path("member").asText()).isEqualTo(member.name());
                clusters.add(cluster);
              }
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
            },
            leader -> leader != null);
  }

  private JsonNode status(Member member) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(member.base().resolve("/status"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** The DNS changes in the member's {@code /status} events (its own applies), newest first. */
  private List<JsonNode> changes(Member member) throws Exception {
    return list(status(member).path("events")).stream()
        .filter(event -> event.path("kind").asText().equals("change"))
        .toList();
  }

  /** The addresses CoreDNS would answer for app.example.test. A, sorted. */
  private static List<String> served() throws Exception {
    List<KeyValue> kvs =
        reader
            .getKVClient()
            .get(
                ByteSequence.from(APP_KEYS, StandardCharsets.UTF_8),
                GetOption.builder().isPrefix(true).build())
            .get(10, TimeUnit.SECONDS)
            .getKvs();
    List<String> hosts = new ArrayList<>();
    for (KeyValue kv : kvs) {
      hosts.add(
          JSON.readTree(kv.getValue().toString(StandardCharsets.UTF_8)).path("host").asText());
    }
    return hosts.stream().sorted().toList();
  }

  private static List<JsonNode> list(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).toList();
  }

  /**
   * Both daemons' config. Nothing here waits for a lease to run out (SIGTERM resigns), so the lease
   * is long enough that a JVM stalled on a loaded machine keeps it.
   */
  private Path writeConfig(String primaryUrl, String backupUrl) throws Exception {
    return writeConfig(primaryUrl, backupUrl, "");
  }

  /** The same, with {@code cluster} (indented lines) added to the cluster: block. */
  private Path writeConfig(String primaryUrl, String backupUrl, String cluster) throws Exception {
    return Files.writeString(
        dir.resolve("config.yaml"),
        """
        version: 1
        ownerId: cluster-it
        defaults:
          check: { interval: 1s, timeout: 900ms, rise: 1, fall: 2 }
        cluster:
          etcd: { endpoints: [%1$s], dialTimeout: 2s, requestTimeout: 2s }
          quorum: majority
          leaseTtl: 5s
        %4$sproviders:
          dns: { type: coredns, endpoints: [%1$s], requestTimeout: 2s }
        zones:
          - name: example.test.
            provider: dns
            records:
              - name: app
                type: A
                ttl: 20
                endpoints:
                  - { id: primary, address: 127.0.0.1, priority: 1, check: { type: http, url: "%2$s" } }
                  - { id: backup,  address: 127.0.0.2, priority: 2, check: { type: http, url: "%3$s" } }
        """
            .formatted(ETCD.cluster().endpoint(), primaryUrl, backupUrl, cluster));
  }
}

package io.dnsfailover.engine.server;

import static io.dnsfailover.engine.server.DaemonHarness.BACKUP;
import static io.dnsfailover.engine.server.DaemonHarness.PRIMARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dnsfailover.health.HealthStatus;
import io.dnsfailover.health.testing.ScriptedChecker.Step;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordType;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status server through a real HTTP client, in front of a real daemon. */
class StatusServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RECORD = "app.example.test.";

  @TempDir Path dir;

  @Test
  void readyzIs503UntilTheFirstReconcileThen200AndHealthzIsAlways200() throws Exception {
    try (DaemonHarness daemon = DaemonHarness.gated(dir)) {
      HttpResponse<String> notReady = daemon.get("/readyz");
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(notReady.body()).contains("waiting for the first reconcile");
      assertThat(daemon.get("/healthz").statusCode()).isEqualTo(200);
      JsonNode before = JSON.readTree(daemon.get("/status").body());
      assertThat(before.path("ready").asBoolean()).isFalse();
      assertThat(before.path("lastReconcile").isNull()).isTrue();
      assertThat(before.path("records").get(0).path("outcome").asText()).isEqualTo("pending");
      assertThat(before.path("endpoints").get(0).path("state").asText()).isEqualTo("unknown");
      assertThat(metrics(daemon).value("dnsfailover_ready")).isZero();

      daemon.openGate();

      await().atMost(Duration.ofSeconds(20)).until(() -> daemon.get("/readyz").statusCode() == 200);
      assertThat(daemon.get("/readyz").body()).isEqualTo("ready\n");
      assertThat(daemon.get("/healthz").body()).isEqualTo("ok\n");
      assertThat(metrics(daemon).value("dnsfailover_ready")).isEqualTo(1.0);
    }
  }

  @Test
  void metricsNameTheFailoverTheProbesAndTheProviderCalls() throws Exception {
    try (DaemonHarness daemon = DaemonHarness.running(dir)) {
      daemon.provider.failNextApplies(1, ProviderException.Kind.TRANSIENT);
      daemon.failOver(); // the first apply fails; the next reconcile succeeds
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  metrics(daemon).find("dnsfailover_failovers_total", "record", RECORD).stream()
                      .anyMatch(sample -> sample.value() == 1.0));

      HttpResponse<String> response = daemon.get("/metrics");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("text/plain; version=0.0.4; charset=utf-8");
      PrometheusText scrape = PrometheusText.parse(response.body());

      // Probes: results by endpoint and a latency histogram per endpoint.
      assertThat(scrape.value("dnsfailover_probes_total", "endpoint", PRIMARY, "result", "failure"))
          .isGreaterThanOrEqualTo(2.0);
      assertThat(scrape.value("dnsfailover_probes_total", "endpoint", BACKUP, "result", "success"))
          .isPositive();
      assertThat(
              scrape.value(
                  "dnsfailover_probe_duration_seconds_bucket", "endpoint", PRIMARY, "le", "+Inf"))
          .isPositive();
      assertThat(scrape.find("dnsfailover_probe_duration_seconds_bucket", "endpoint", BACKUP))
          .hasSizeGreaterThan(5);
      assertThat(scrape.value("dnsfailover_probe_duration_seconds_count", "endpoint", PRIMARY))
          .isPositive();
      // Health: 1 healthy, 0 unhealthy; transitions with from and to.
      assertThat(scrape.value("dnsfailover_endpoint_health", "endpoint", PRIMARY)).isEqualTo(0.0);
      assertThat(scrape.value("dnsfailover_endpoint_health", "endpoint", BACKUP)).isEqualTo(1.0);
      assertThat(
              scrape.value(
                  "dnsfailover_health_transitions_total",
                  "endpoint",
                  PRIMARY,
                  "from",
                  "healthy",
                  "to",
                  "unhealthy"))
          .isEqualTo(1.0);
      assertThat(
              scrape.value(
                  "dnsfailover_health_transitions_total",
                  "endpoint",
                  BACKUP,
                  "from",
                  "unknown",
                  "to",
                  "healthy"))
          .isEqualTo(1.0);
      // The failover, per record; every applied change by action.
      assertThat(scrape.value("dnsfailover_failovers_total", "record", RECORD, "type", "A"))
          .isEqualTo(1.0);
      assertThat(
              scrape.value(
                  "dnsfailover_record_changes_total",
                  "zone",
                  "example.test.",
                  "record",
                  RECORD,
                  "type",
                  "A",
                  "action",
                  "create"))
          .isEqualTo(1.0);
      assertThat(
              scrape.value(
                  "dnsfailover_record_changes_total", "record", RECORD, "action", "update"))
          .isEqualTo(1.0);
      // Provider calls, errors by kind, throttles, latency and writes.
      String[] apply = {"provider", "mem", "provider_type", "memory", "operation", "apply"};
      assertThat(scrape.value("dnsfailover_provider_calls_total", apply)).isEqualTo(3.0);
      assertThat(
              scrape.value("dnsfailover_provider_errors_total", with(apply, "kind", "transient")))
          .isEqualTo(1.0);
      assertThat(scrape.value("dnsfailover_provider_errors_total", with(apply, "kind", "auth")))
          .isZero();
      assertThat(scrape.value("dnsfailover_provider_throttles_total", apply))
          .as("'injected TRANSIENT failure' does not say throttling")
          .isZero();
      assertThat(
              scrape.value(
                  "dnsfailover_provider_calls_total", "provider", "mem", "operation", "records"))
          .isGreaterThanOrEqualTo(3.0);
      assertThat(scrape.value("dnsfailover_provider_call_duration_seconds_count", apply))
          .isEqualTo(3.0);
      assertThat(scrape.value("dnsfailover_provider_writes_total", "provider", "mem"))
          .as("writes of the applies that succeeded")
          .isEqualTo(2.0);
      // Reconciles: duration by result, the last reconcile and success times, zone failures.
      assertThat(scrape.value("dnsfailover_reconcile_duration_seconds_count", "result", "ok"))
          .isPositive();
      assertThat(scrape.value("dnsfailover_reconcile_duration_seconds_count", "result", "failed"))
          .isEqualTo(1.0);
      assertThat(
              scrape.value(
                  "dnsfailover_zone_failures_total",
                  "zone",
                  "example.test.",
                  "stage",
                  "apply",
                  "kind",
                  "transient"))
          .isEqualTo(1.0);
      double lastSuccess = scrape.value("dnsfailover_last_success_timestamp_seconds");
      assertThat(lastSuccess).isCloseTo(Instant.now().getEpochSecond(), Offset.offset(600.0));
      assertThat(scrape.value("dnsfailover_last_reconcile_timestamp_seconds"))
          .isGreaterThanOrEqualTo(lastSuccess);
      // Every metric of ours is prefixed; the JVM's keep their standard names.
      assertThat(
              scrape.samples().stream()
                  .map(PrometheusText.Sample::name)
                  .filter(name -> !name.startsWith("jvm_"))
                  .filter(name -> !name.startsWith("process_"))
                  .filter(name -> !name.startsWith("system_")))
          .allMatch(name -> name.startsWith("dnsfailover_"));
      assertThat(scrape.has("jvm_memory_used_bytes")).isTrue();
      assertThat(scrape.has("jvm_threads_live_threads")).isTrue();
      assertThat(scrape.has("jvm_classes_loaded_classes")).isTrue();
      assertThat(scrape.has("process_uptime_seconds")).isTrue();
      assertThat(scrape.has("system_cpu_count")).isTrue();
    }
  }

  @Test
  void statusReportsRecordsEndpointsAndEventsAfterAFailover() throws Exception {
    try (DaemonHarness daemon = DaemonHarness.running(dir)) {
      daemon.failOver();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> daemon.get("/status").body().contains("\"kind\":\"change\""));
      // The second change event is the failover (the first created the record).
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> daemon.get("/status").body().split("\"kind\":\"change\"").length == 3);

      HttpResponse<String> response = daemon.get("/status");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
      JsonNode status = JSON.readTree(response.body());
      assertThat(status.path("ready").asBoolean()).isTrue();
      assertThat(status.path("ownerId").asText()).isEqualTo("test");
      assertThat(Instant.parse(status.path("lastReconcile").asText())).isNotNull();
      assertThat(Instant.parse(status.path("lastSuccess").asText())).isNotNull();
      assertThat(status.path("lastError").isNull()).isTrue();
      assertThat(status.path("summary").path("healthy").asInt()).isEqualTo(1);
      assertThat(status.path("summary").path("unhealthy").asInt()).isEqualTo(1);

      JsonNode record = status.path("records").get(0);
      assertThat(record.path("name").asText()).isEqualTo(RECORD);
      assertThat(record.path("type").asText()).isEqualTo("A");
      assertThat(record.path("zone").asText()).isEqualTo("example.test.");
      assertThat(record.path("policy").asText()).isEqualTo("failover");
      assertThat(record.path("current").path("values").get(0).asText()).isEqualTo("192.0.2.20");
      assertThat(record.path("desired").path("values").get(0).asText()).isEqualTo("192.0.2.20");
      assertThat(record.path("outcome").asText()).isIn("update", "unchanged");
      assertThat(record.path("applied").asBoolean())
          .isEqualTo(record.path("outcome").asText().equals("update"));
      assertThat(record.path("reason").asText())
          .contains("primary (192.0.2.10) down: scripted: HTTP 503")
          .contains("failing over to priority 2: backup (192.0.2.20)");

      JsonNode primary = endpoint(status, PRIMARY);
      assertThat(primary.path("state").asText()).isEqualTo("unhealthy");
      assertThat(primary.path("id").asText()).isEqualTo("primary");
      assertThat(primary.path("address").asText()).isEqualTo("192.0.2.10");
      assertThat(primary.path("last").path("success").asBoolean()).isFalse();
      assertThat(primary.path("last").path("detail").asText()).isEqualTo("scripted: HTTP 503");
      assertThat(primary.path("last").path("latencyMs").asDouble()).isEqualTo(1.0);
      assertThat(Instant.parse(primary.path("since").asText())).isNotNull();
      assertThat(primary.path("consecutiveFailures").asInt()).isGreaterThanOrEqualTo(2);
      assertThat(primary.path("history").size()).isBetween(2, RecentActivity.DEFAULT_HISTORY);
      assertThat(endpoint(status, BACKUP).path("state").asText()).isEqualTo("healthy");

      List<JsonNode> events =
          StreamSupport.stream(status.path("events").spliterator(), false).toList();
      assertThat(events)
          .anySatisfy(
              event -> {
                assertThat(event.path("kind").asText()).isEqualTo("change");
                assertThat(event.path("subject").asText()).isEqualTo(RECORD + " A");
                assertThat(event.path("from").asText()).isEqualTo("192.0.2.10");
                assertThat(event.path("to").asText()).isEqualTo("192.0.2.20");
                assertThat(event.path("reason").asText()).contains("failing over");
              })
          .anySatisfy(
              event -> {
                assertThat(event.path("kind").asText()).isEqualTo("transition");
                assertThat(event.path("subject").asText()).isEqualTo(PRIMARY);
                assertThat(event.path("from").asText()).isEqualTo("healthy");
                assertThat(event.path("to").asText()).isEqualTo("unhealthy");
                assertThat(event.path("reason").asText()).contains("scripted: HTTP 503");
              });
      assertThat(events.getFirst().path("kind").asText())
          .as("newest first: the failover is the latest news")
          .isEqualTo("change");
    }
  }

  @Test
  void aDaemonAloneHasNoClusterSectionAndIsNotHolding() throws Exception {
    try (DaemonHarness daemon = DaemonHarness.running(dir)) {
      JsonNode status = status(daemon);

      assertThat(status.has("cluster")).as("the field is there, null").isTrue();
      assertThat(status.path("cluster").isNull()).isTrue();
      assertThat(status.has("holding")).isTrue();
      assertThat(status.path("holding").isNull()).isTrue();
    }
  }

  @Test
  void aClusterMemberShowsTheLeaderTheViewsAndWhyItIsNotWriting() throws Exception {
    FakeClusterView view = FakeClusterView.m0WithDissentingM1();
    view.follow("m1");
    try (DaemonHarness daemon = DaemonHarness.member(dir, view)) {
      // A follower is ready once it has decided to hold, though it never reconciles.
      await().atMost(Duration.ofSeconds(20)).until(() -> daemon.get("/readyz").statusCode() == 200);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> decided(view, PRIMARY, HealthStatus.HEALTHY));

      JsonNode follower = status(daemon);
      assertThat(follower.path("ready").asBoolean()).isTrue();
      assertThat(follower.path("holding").asText()).isEqualTo("following leader m1");
      assertThat(follower.path("lastReconcile").isNull()).isTrue();
      JsonNode cluster = follower.path("cluster");
      assertThat(cluster.path("member").asText()).isEqualTo("m0");
      assertThat(cluster.path("leader").asText()).isEqualTo("m1");
      assertThat(cluster.path("leading").isBoolean()).isTrue();
      assertThat(cluster.path("leading").booleanValue()).isFalse();
      assertThat(cluster.path("problem").isNull()).isTrue();
      List<JsonNode> members = list(cluster.path("members"));
      assertThat(members).extracting(m -> m.path("member").asText()).containsExactly("m0", "m1");
      for (JsonNode member : members) {
        assertThat(member.path("at").asText()).isEqualTo(FakeClusterView.PUBLISHED.toString());
        assertThat(member.path("endpoints").path(BACKUP).path("state").asText())
            .isEqualTo("healthy");
      }
      assertThat(members.get(0).path("endpoints").path(PRIMARY).path("state").asText())
          .isEqualTo("healthy");
      assertThat(members.get(0).path("endpoints").path(PRIMARY).path("detail").asText())
          .isEqualTo("scripted: HTTP 200");
      JsonNode dissent = members.get(1).path("endpoints").path(PRIMARY);
      assertThat(dissent.path("state").asText()).isEqualTo("unhealthy");
      assertThat(dissent.path("detail").asText()).isEqualTo(FakeClusterView.DISSENT);
      assertThat(daemon.provider.writeCalls())
          .as("a follower writes nothing, though its own probes see both endpoints up")
          .isZero();

      view.lead();
      daemon.awaitAnswer("192.0.2.10");
      JsonNode leader = status(daemon);
      assertThat(leader.path("holding").isNull()).isTrue();
      assertThat(Instant.parse(leader.path("lastReconcile").asText())).isNotNull();
      assertThat(leader.path("cluster").path("leader").asText()).isEqualTo("m0");
      assertThat(leader.path("cluster").path("leading").booleanValue()).isTrue();
      assertThat(leader.path("records").get(0).path("current").path("values").get(0).asText())
          .isEqualTo("192.0.2.10");

      String problem = "etcd unreachable or without quorum (no answer within 2000ms)";
      view.lose(problem);
      daemon.primary().setCurrent(Step.down("HTTP 503"));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> decided(view, PRIMARY, HealthStatus.UNHEALTHY));
      // The holding reason is set once that decision has returned.
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(status(daemon).path("holding").asText())
                      .isEqualTo(problem + ": keeping the last answer"));
      JsonNode cutOff = status(daemon);
      assertThat(cutOff.path("cluster").path("problem").asText()).isEqualTo(problem);
      assertThat(cutOff.path("cluster").path("leading").booleanValue()).isFalse();
      assertThat(cutOff.path("cluster").path("leader").asText())
          .as("the last leader etcd named")
          .isEqualTo("m0");
      assertThat(endpoint(cutOff, PRIMARY).path("state").asText()).isEqualTo("unhealthy");
      assertThat(daemon.answer()).as("DNS keeps its last answer").containsExactly("192.0.2.10");
    }
  }

  @Test
  void aTokenGuardsEverythingButTheProbes() throws Exception {
    String secret = "s3cret-token-for-tests";
    try (DaemonHarness daemon = DaemonHarness.running(dir, Optional.of(BearerToken.of(secret)))) {
      for (String path : List.of("/", "/status", "/metrics", "/no-such-page")) {
        HttpResponse<String> anonymous = daemon.get(path);
        assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
        assertThat(anonymous.headers().allValues("WWW-Authenticate"))
            .as(path)
            .anyMatch(value -> value.startsWith("Bearer"))
            .anyMatch(value -> value.startsWith("Basic"));
        assertThat(anonymous.body()).doesNotContain(secret);
        assertThat(daemon.get(path, "Authorization", "Bearer wrong").statusCode())
            .as(path)
            .isEqualTo(401);
        assertThat(daemon.get(path, "Authorization", "Bearer " + secret + "x").statusCode())
            .as(path)
            .isEqualTo(401);
        assertThat(daemon.get(path, "Authorization", secret).statusCode()).as(path).isEqualTo(401);
      }
      assertThat(daemon.get("/status", "Authorization", "Bearer " + secret).statusCode())
          .isEqualTo(200);
      assertThat(daemon.get("/metrics", "Authorization", "bearer " + secret).statusCode())
          .isEqualTo(200);
      assertThat(daemon.get("/", "Authorization", "Bearer " + secret).statusCode()).isEqualTo(200);
      assertThat(daemon.get("/no-such-page", "Authorization", "Bearer " + secret).statusCode())
          .isEqualTo(404);
      String basic =
          Base64.getEncoder().encodeToString(("anyone:" + secret).getBytes(StandardCharsets.UTF_8));
      assertThat(daemon.get("/status", "Authorization", "Basic " + basic).statusCode())
          .as("a browser sends the token as the Basic password")
          .isEqualTo(200);
      assertThat(daemon.get("/healthz").statusCode()).isEqualTo(200);
      assertThat(daemon.get("/readyz").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void thePageIsServedFromTheJarAndOnlyGetAndHeadAreAllowed() throws Exception {
    try (DaemonHarness daemon = DaemonHarness.running(dir)) {
      HttpResponse<String> page = daemon.get("/");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
      assertThat(page.headers().firstValue("Content-Security-Policy"))
          .hasValueSatisfying(policy -> assertThat(policy).contains("default-src 'none'"));
      assertThat(page.body())
          .contains("<title>dnsfailover</title>")
          .doesNotContain("http://", "https://", "src=\"//");

      HttpResponse<String> head =
          daemon.send(
              HttpRequest.newBuilder(daemon.uri("/healthz"))
                  .method("HEAD", HttpRequest.BodyPublishers.noBody())
                  .build());
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.body()).isEmpty();

      HttpResponse<String> post =
          daemon.send(
              HttpRequest.newBuilder(daemon.uri("/status"))
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build());
      assertThat(post.statusCode()).isEqualTo(405);
      assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
      assertThat(daemon.get("/nope").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void aRecordTheProviderRejectsIsAnErrorInStatusMetricsAndEvents() throws Exception {
    try (DaemonHarness daemon = DaemonHarness.gated(dir)) {
      daemon.provider.rejectAsInvalid(
          new RecordKey(DnsName.of(RECORD), RecordType.A),
          "RRSet with DNS name app.example.test. is not permitted");
      daemon.openGate();

      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> status(daemon).path("records").get(0).path("outcome").asText().equals("error"));

      JsonNode record = status(daemon).path("records").get(0);
      assertThat(record.path("applied").asBoolean()).isFalse();
      assertThat(record.path("reason").asText())
          .contains("apply failed (INVALID): the provider rejected one record as invalid")
          .contains("RRSet with DNS name app.example.test. is not permitted");
      assertThat(status(daemon).path("events").findValuesAsText("reason"))
          .anyMatch(reason -> reason.contains("rejected one record as invalid"));
      assertThat(
              metrics(daemon)
                  .value(
                      "dnsfailover_zone_failures_total",
                      "zone",
                      "example.test.",
                      "stage",
                      "apply",
                      "kind",
                      "invalid"))
          .isPositive();
    }
  }

  private static PrometheusText metrics(DaemonHarness daemon) throws Exception {
    return PrometheusText.parse(daemon.get("/metrics").body());
  }

  private static JsonNode status(DaemonHarness daemon) throws Exception {
    HttpResponse<String> response = daemon.get("/status");
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static List<JsonNode> list(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).toList();
  }

  /** Whether the daemon has asked the cluster view to decide with {@code key} in this state. */
  private static boolean decided(FakeClusterView view, String key, HealthStatus state) {
    return view.decisions().stream()
        .anyMatch(local -> local.containsKey(key) && local.get(key).status() == state);
  }

  private static JsonNode endpoint(JsonNode status, String key) {
    for (JsonNode endpoint : status.path("endpoints")) {
      if (endpoint.path("key").asText().equals(key)) {
        return endpoint;
      }
    }
    throw new AssertionError("no endpoint " + key + " in " + status);
  }

  private static String[] with(String[] labels, String key, String value) {
    String[] all = Arrays.copyOf(labels, labels.length + 2);
    all[labels.length] = key;
    all[labels.length + 1] = value;
    return all;
  }
}

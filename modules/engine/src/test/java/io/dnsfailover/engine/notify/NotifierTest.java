package io.dnsfailover.engine.notify;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.config.JournalConfig;
import io.dnsfailover.core.config.NotificationsConfig;
import io.dnsfailover.core.config.WebhookConfig;
import io.dnsfailover.engine.journal.Event;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Webhook delivery to a local server: payloads, retries, the rate limit, and no secret in logs. */
class NotifierTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Backoff FAST = new Backoff(Duration.ofMillis(10), Duration.ofMillis(40), 3);
  private static final Duration GATHER = Duration.ofMillis(100);
  private static final String APP = "app.example.test. A";
  private static final String DB = "db.example.test. A";

  private final MockWebServer server = new MockWebServer();
  private Notifier notifier;

  @BeforeEach
  void start() throws Exception {
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() throws Exception {
    if (notifier != null) {
      notifier.close();
    }
    server.close();
  }

  private Notifier notifier(WebhookConfig... webhooks) {
    notifier = new Notifier(new NotificationsConfig(List.of(webhooks)), "prod-eu", FAST, GATHER);
    return notifier;
  }

  private WebhookConfig webhook(WebhookConfig.Type type, Duration minInterval) {
    return new WebhookConfig(
        server.url("/hooks/s3cr3t-token").toString(),
        type,
        Map.of("Authorization", "Bearer header-s3cr3t"),
        WebhookConfig.DEFAULT_EVENTS,
        minInterval);
  }

  private static Event transition(String record, String from, String to, String reason) {
    return new Event(
        Instant.parse("2026-11-23T10:00:00Z"),
        Event.Kind.TRANSITION,
        Optional.empty(),
        Optional.of(record),
        Optional.of("primary"),
        Optional.empty(),
        Optional.of(from),
        Optional.of(to),
        reason);
  }

  private static Event change(String record) {
    return new Event(
        Instant.parse("2026-11-23T10:00:01Z"),
        Event.Kind.CHANGE,
        Optional.of("example.test."),
        Optional.of(record),
        Optional.empty(),
        Optional.of("update"),
        Optional.of("192.0.2.10 ttl 20"),
        Optional.of("192.0.2.20 ttl 20"),
        "failing over to priority 2: backup (192.0.2.20)");
  }

  private RecordedRequest next() throws InterruptedException {
    RecordedRequest request = server.takeRequest(20, TimeUnit.SECONDS);
    assertThat(request).as("a webhook request within 20 s").isNotNull();
    return request;
  }

  private static JsonNode body(RecordedRequest request) throws Exception {
    return JSON.readTree(request.getBody().utf8());
  }

  @Test
  void aTransitionAndTheChangeItCausesArriveAsOneJsonMessage() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).build());
    Notifier notifier = notifier(webhook(WebhookConfig.Type.json, Duration.ZERO));

    notifier.accept(transition(APP, "HEALTHY", "UNHEALTHY", "HTTP 503"));
    notifier.accept(change(APP));

    RecordedRequest request = next();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/hooks/s3cr3t-token");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer header-s3cr3t");
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    JsonNode body = body(request);
    assertThat(body.get("source").asText()).isEqualTo("dnsfailover");
    assertThat(body.get("owner").asText()).isEqualTo("prod-eu");
    assertThat(body.get("subject").asText()).isEqualTo(APP);
    assertThat(body.get("count").asInt()).isEqualTo(2);
    assertThat(body.get("events")).hasSize(2);
    assertThat(body.get("events").get(0).get("kind").asText()).isEqualTo("transition");
    assertThat(body.get("events").get(0).get("to").asText()).isEqualTo("UNHEALTHY");
    assertThat(body.get("events").get(1).get("kind").asText()).isEqualTo("change");
    assertThat(body.get("events").get(1).get("to").asText()).isEqualTo("192.0.2.20 ttl 20");
  }

  @Test
  void slackGetsATextMessage() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).build());
    Notifier notifier = notifier(webhook(WebhookConfig.Type.slack, Duration.ZERO));

    notifier.accept(transition(APP, "HEALTHY", "UNHEALTHY", "HTTP 503 <html>"));

    JsonNode body = body(next());
    assertThat(body.fieldNames()).toIterable().containsExactly("text");
    assertThat(body.get("text").asText())
        .isEqualTo(
            "*dnsfailover* (prod-eu): :red_circle: transition app.example.test. A primary: HEALTHY"
                + " -&gt; UNHEALTHY: HTTP 503 &lt;html&gt;");
  }

  @Test
  void aFailedDeliveryIsRetriedWithBackoffUntilItSucceeds() throws Exception {
    server.enqueue(new MockResponse.Builder().code(500).build());
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    Notifier notifier = notifier(webhook(WebhookConfig.Type.json, Duration.ZERO));

    notifier.accept(change(APP));

    String first = next().getBody().utf8();
    assertThat(next().getBody().utf8()).isEqualTo(first);
    assertThat(next().getBody().utf8()).isEqualTo(first);
  }

  @Test
  void retriesAreBoundedAndARejectionIsNotRetried() throws Exception {
    for (int i = 0; i < FAST.attempts(); i++) {
      server.enqueue(new MockResponse.Builder().code(500).build());
    }
    server.enqueue(new MockResponse.Builder().code(404).build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    Notifier notifier = notifier(webhook(WebhookConfig.Type.json, Duration.ZERO));

    notifier.accept(change(APP));
    for (int i = 0; i < FAST.attempts(); i++) {
      assertThat(body(next()).get("subject").asText()).isEqualTo(APP);
    }
    // Messages go out in order on one thread: what comes next shows nothing more was tried.
    notifier.accept(change(DB));
    assertThat(body(next()).get("subject").asText()).as("404, not retried").isEqualTo(DB);
    notifier.accept(transition(APP, "UNHEALTHY", "HEALTHY", "HTTP 200"));
    assertThat(body(next()).get("subject").asText()).isEqualTo(APP);
  }

  @Test
  void aFlappingRecordSendsOneSummaryPerIntervalWhileOthersGoOutAtOnce() throws Exception {
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse.Builder().code(200).build());
    }
    Notifier notifier = notifier(webhook(WebhookConfig.Type.json, Duration.ofSeconds(3)));

    notifier.accept(transition(APP, "HEALTHY", "UNHEALTHY", "flap 0"));
    assertThat(body(next()).get("count").asInt()).isEqualTo(1);

    for (int flap = 1; flap <= 6; flap++) {
      boolean down = flap % 2 == 0;
      notifier.accept(
          transition(
              APP, down ? "HEALTHY" : "UNHEALTHY", down ? "UNHEALTHY" : "HEALTHY", "flap " + flap));
    }
    notifier.accept(transition(DB, "HEALTHY", "UNHEALTHY", "other record"));

    JsonNode other = body(next());
    assertThat(other.get("subject").asText()).as("another record is not held back").isEqualTo(DB);
    JsonNode summary = body(next());
    assertThat(summary.get("subject").asText()).isEqualTo(APP);
    assertThat(summary.get("count").asInt()).isEqualTo(6);
    assertThat(summary.get("text").asText()).contains("6 events (coalesced)", "flap 6");
    assertThat(summary.get("events")).hasSize(6);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void closingSendsWhatTheRateLimitHeldBack() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    Notifier notifier = notifier(webhook(WebhookConfig.Type.json, Duration.ofHours(1)));
    notifier.accept(change(APP));
    next();
    notifier.accept(transition(APP, "UNHEALTHY", "HEALTHY", "HTTP 200"));

    notifier.close();

    assertThat(body(next()).get("events").get(0).get("reason").asText()).isEqualTo("HTTP 200");
  }

  @Test
  void onlyTheSubscribedKindsAreSentAndStartUpTransitionsAreNot() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).build());
    WebhookConfig changesOnly =
        new WebhookConfig(
            server.url("/hook").toString(),
            WebhookConfig.Type.json,
            Map.of(),
            Set.of(WebhookConfig.EventKind.change),
            Duration.ZERO);
    Notifier notifier = notifier(changesOnly);

    notifier.accept(transition(APP, "HEALTHY", "UNHEALTHY", "HTTP 503"));
    notifier.accept(change(DB));

    assertThat(body(next()).get("subject").asText()).isEqualTo(DB);
    assertThat(Notifier.notifiable(transition(APP, "UNKNOWN", "HEALTHY", "first probe"))).isEmpty();
    assertThat(Notifier.notifiable(transition(APP, "UNKNOWN", "UNHEALTHY", "first probe")))
        .contains(WebhookConfig.EventKind.transition);
    assertThat(Notifier.notifiable(Event.of(Instant.EPOCH, Event.Kind.PLAN, "x"))).isEmpty();
  }

  @Test
  void aReloadSendsToTheNewWebhooks() throws Exception {
    try (MockWebServer other = new MockWebServer()) {
      other.start(InetAddress.getLoopbackAddress(), 0);
      other.enqueue(new MockResponse.Builder().code(200).build());
      Notifier notifier = notifier(webhook(WebhookConfig.Type.json, Duration.ZERO));
      WebhookConfig moved =
          new WebhookConfig(
              other.url("/moved").toString(),
              WebhookConfig.Type.slack,
              Map.of(),
              WebhookConfig.DEFAULT_EVENTS,
              Duration.ZERO);

      notifier.onReload(
          new Config(
              Path.of("config.yaml"),
              1,
              "prod-eu",
              Map.of(),
              List.of(),
              JournalConfig.DEFAULT,
              new NotificationsConfig(List.of(moved)),
              Optional.empty()));
      notifier.accept(change(APP));

      RecordedRequest request = other.takeRequest(20, TimeUnit.SECONDS);
      assertThat(request).isNotNull();
      assertThat(request.getTarget()).isEqualTo("/moved");
      assertThat(server.getRequestCount()).isZero();
    }
  }

  @Test
  void logsNameTheWebhookByHostOnlyNeverItsPathOrHeaders() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger("io.dnsfailover.engine.notify");
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    logger.addAppender(captured);
    try {
      for (int i = 0; i < FAST.attempts(); i++) {
        server.enqueue(new MockResponse.Builder().code(502).build());
      }
      WebhookConfig unreachable =
          new WebhookConfig(
              "http://127.0.0.1:1/services/T000/unreachable-s3cr3t",
              WebhookConfig.Type.slack,
              Map.of("X-Token", "header-s3cr3t"),
              WebhookConfig.DEFAULT_EVENTS,
              Duration.ZERO);
      Notifier notifier = notifier(webhook(WebhookConfig.Type.json, Duration.ZERO), unreachable);

      notifier.accept(change(APP));
      for (int i = 0; i < FAST.attempts(); i++) {
        next();
      }
      notifier.close();

      List<String> lines = captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
      assertThat(lines)
          .anySatisfy(line -> assertThat(line).contains("127.0.0.1:1", "gave up after 3 tries"))
          .anySatisfy(
              line ->
                  assertThat(line)
                      .contains(":" + server.getPort(), "gave up after 3 tries: HTTP 502"))
          .allSatisfy(line -> assertThat(line).doesNotContain("s3cr3t", "/services", "/hooks"));
    } finally {
      logger.detachAppender(captured);
    }
  }

  @Test
  void backoffDoublesUpToItsLimit() {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), 6);
    assertThat(List.of(1, 2, 3, 4, 5).stream().map(backoff::delayAfter))
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5));
  }
}

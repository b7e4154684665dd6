package io.dnsfailover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code daemon} from the packaged jar with its status server: a free port from {@code --listen
 * 127.0.0.1:0} found in the log, the token from the environment, SIGTERM ends it with 0.
 */
class DaemonServerIT {

  private static final String TOKEN = "it-token-0f8a2c";

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void servesProbesOpenlyAndEverythingElseWithTheTokenThenStopsOnSigterm() throws Exception {
    Path zoneFile = dir.resolve("example.test.zone");
    try (Backend primary = new Backend("127.0.0.1")) {
      Path config = dir.resolve("config.yaml");
      Files.writeString(
          config,
          """
          version: 1
          ownerId: it
          defaults:
            check: { interval: 500ms, timeout: 400ms, rise: 1, fall: 1 }
          providers:
            local: { type: zonefile, path: "%s" }
          zones:
            - name: example.test.
              provider: local
              records:
                - name: app
                  type: A
                  endpoints:
                    - { id: primary, address: 127.0.0.1, priority: 1, check: { type: http, url: "%s" } }
          """
              .formatted(zoneFile, primary.url()));
      try (JarRun.Running daemon =
          JarRun.start(
              dir.resolve("daemon"),
              environment -> environment.put("DNSFAILOVER_IT_TOKEN", TOKEN),
              "daemon",
              "-c",
              config.toString(),
              "--listen",
              "127.0.0.1:0",
              "--token-env",
              "DNSFAILOVER_IT_TOKEN")) {
        URI base = daemon.awaitAddress(Duration.ofSeconds(30));

        assertThat(get(base.resolve("/healthz"), null).statusCode()).isEqualTo(200);
        assertThat(get(base.resolve("/metrics"), null).statusCode()).isEqualTo(401);
        assertThat(get(base.resolve("/status"), "wrong").statusCode()).isEqualTo(401);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> get(base.resolve("/readyz"), null).statusCode() == 200);
        // The first probes of a cold JVM may time out; wait for the record to be published.
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    get(base.resolve("/status"), TOKEN)
                        .body()
                        .contains("\"current\":{\"ttl\":30,\"values\":[\"127.0.0.1\"]"));
        HttpResponse<String> metrics = get(base.resolve("/metrics"), TOKEN);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
            .contains("dnsfailover_endpoint_health{endpoint=\"app.example.test./A/primary\"} 1.0")
            .contains(
                "dnsfailover_provider_calls_total{operation=\"records\",provider=\"local\","
                    + "provider_type=\"zonefile\"}")
            .contains("jvm_memory_used_bytes");
        assertThat(get(base.resolve("/status"), TOKEN).body()).contains("\"ready\":true");
        assertThat(get(base, TOKEN).body()).contains("<title>dnsfailover</title>");

        assertThat(daemon.terminate(Duration.ofSeconds(30))).as(daemon.log()).isZero();
        assertThat(daemon.log()).contains("daemon stopped");
        assertThat(daemon.output()).doesNotContain(TOKEN);
      }
    }
  }

  private HttpResponse<String> get(URI uri, String token) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}

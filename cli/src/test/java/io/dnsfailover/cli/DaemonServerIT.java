package io.dnsfailover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code daemon} from the packaged jar with its status server: a free port from {@code --listen
 * 127.0.0.1:0} found in the log, the token from the environment, SIGTERM ends it with 0.
 */
class DaemonServerIT {

  private static final Path JAR =
      Path.of(System.getProperty("dnsfailover.jar", "target/dnsfailover.jar"));
  private static final Pattern LISTENING =
      Pattern.compile("status server listening on (http://127\\.0\\.0\\.1:\\d+/)");
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
      ProcessBuilder builder =
          new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-jar",
              JAR.toString(),
              "daemon",
              "-c",
              config.toString(),
              "--listen",
              "127.0.0.1:0",
              "--token-env",
              "DNSFAILOVER_IT_TOKEN");
      builder.environment().put("DNSFAILOVER_IT_TOKEN", TOKEN);
      Process daemon = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      List<String> log = new ArrayList<>();
      Thread reader = Thread.ofVirtual().start(() -> collect(daemon, log));
      try {
        URI base = await().atMost(Duration.ofSeconds(30)).until(() -> address(log), u -> u != null);

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
      } finally {
        daemon.toHandle().destroy(); // SIGTERM, keeping stderr open to read the last lines
        assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
        reader.join(Duration.ofSeconds(5));
      }
      String output;
      synchronized (log) {
        output = String.join("\n", log);
      }
      assertThat(daemon.exitValue()).as(output).isZero();
      assertThat(output).contains("daemon stopped").doesNotContain(TOKEN);
    }
  }

  private HttpResponse<String> get(URI uri, String token) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI address(List<String> log) {
    synchronized (log) {
      for (String line : log) {
        Matcher matcher = LISTENING.matcher(line);
        if (matcher.find()) {
          return URI.create(matcher.group(1));
        }
      }
    }
    return null;
  }

  private static void collect(Process process, List<String> log) {
    try (BufferedReader err =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line = err.readLine(); line != null; line = err.readLine()) {
        synchronized (log) {
          log.add(line);
        }
      }
    } catch (IOException e) {
      synchronized (log) {
        log.add("reading stderr failed: " + e);
      }
    }
  }
}

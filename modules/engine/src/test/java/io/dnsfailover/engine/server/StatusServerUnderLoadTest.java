package io.dnsfailover.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status server of a real daemon while clients misbehave: half-open connections that never
 * finish their request, and hundreds of requests at once. Every request must be answered; how fast
 * is measured by {@code scripts/status-load.sh} (docs/PERFORMANCE.md), not asserted here beyond
 * generous bounds.
 */
class StatusServerUnderLoadTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final List<Socket> halfOpen = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  @AfterEach
  void close() throws IOException {
    for (Socket socket : halfOpen) {
      socket.close();
    }
    http.close();
  }

  @Test
  void probesAreAnsweredWhileFiftyHalfOpenConnectionsAndTwoHundredStatusRequestsAreInFlight()
      throws Exception {
    try (DaemonHarness daemon = DaemonHarness.running(dir)) {
      for (int i = 0; i < 50; i++) {
        Socket socket = new Socket("127.0.0.1", daemon.server.address().getPort());
        socket
            .getOutputStream()
            .write("GET /healthz HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        halfOpen.add(socket);
      }
      List<CompletableFuture<HttpResponse<String>>> statuses = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        statuses.add(
            http.sendAsync(request(daemon, "/status"), HttpResponse.BodyHandlers.ofString()));
      }

      HttpResponse<String> healthz =
          http.send(request(daemon, "/healthz"), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> readyz =
          http.send(request(daemon, "/readyz"), HttpResponse.BodyHandlers.ofString());

      assertThat(healthz.statusCode()).isEqualTo(200);
      assertThat(healthz.body()).isEqualTo("ok\n");
      assertThat(readyz.statusCode()).isEqualTo(200);
      for (CompletableFuture<HttpResponse<String>> status : statuses) {
        HttpResponse<String> response = status.get(60, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode document = JSON.readTree(response.body());
        assertThat(document.path("records").get(0).path("name").asText())
            .isEqualTo("app.example.test.");
      }
    }
  }

  @Test
  void twoHundredConcurrentScrapesAreAllAnswered() throws Exception {
    try (DaemonHarness daemon = DaemonHarness.running(dir)) {
      List<CompletableFuture<HttpResponse<String>>> scrapes = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        scrapes.add(
            http.sendAsync(request(daemon, "/metrics"), HttpResponse.BodyHandlers.ofString()));
      }

      for (CompletableFuture<HttpResponse<String>> scrape : scrapes) {
        HttpResponse<String> response = scrape.get(60, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(PrometheusText.parse(response.body()).value("dnsfailover_ready")).isEqualTo(1.0);
      }
    }
  }

  private static HttpRequest request(DaemonHarness daemon, String path) {
    return HttpRequest.newBuilder(daemon.uri(path)).timeout(Duration.ofSeconds(30)).GET().build();
  }
}

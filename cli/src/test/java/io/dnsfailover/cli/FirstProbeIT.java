package io.dnsfailover.cli;

import static io.dnsfailover.cli.JarRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dnsfailover.cli.JarRun.Result;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cron job's first probe measures the backend, not the JVM starting: a fresh JVM (the jar, as
 * cron runs it) probes a loopback backend that answers in about a millisecond, with a 200 ms
 * timeout, while every core is busy. Before the checkers were warmed up and the timeout counted
 * from the probe's first I/O, class loading and TLS set-up ran inside the timeout and such a probe
 * took 300 to 600 ms: "timed out after 200ms" for a healthy backend.
 */
class FirstProbeIT {

  @TempDir Path dir;

  @Test
  void aHealthyBackendIsHealthyOnAColdJvmWhileTheCpuIsBusy() throws Exception {
    try (Backend backend = new Backend("127.0.0.1")) {
      warm(backend); // the backend's own first answer is not what this test is about
      Path config = dir.resolve("config.yaml");
      Files.writeString(
          config,
          """
          version: 1
          ownerId: first-probe
          providers:
            local: { type: zonefile, path: "%s" }
          zones:
            - name: example.test.
              provider: local
              records:
                - name: app
                  type: A
                  check: { type: http, url: "%s", interval: 10s, timeout: 200ms, rise: 1, fall: 1 }
                  endpoints:
                    - { id: primary, address: 127.0.0.1 }
          """
              .formatted(dir.resolve("example.test.zone"), backend.url()));

      List<Result> results = new ArrayList<>();
      try (BusyCpu busy = BusyCpu.start(2 * Runtime.getRuntime().availableProcessors())) {
        for (int i = 0; i < 2; i++) {
          results.add(
              run(
                  "check",
                  "-c",
                  config.toString(),
                  "-o",
                  "json",
                  "--state",
                  dir.resolve("state-" + i + ".json").toString()));
        }
      }

      for (Result result : results) {
        assertThat(result.exitCode()).as(result.output()).isZero();
        JsonNode endpoint = new ObjectMapper().readTree(result.stdout()).path("endpoints").get(0);
        assertThat(endpoint.path("state").asText())
            .as("first probe of a fresh JVM under load:%n%s", result.output())
            .isEqualTo("HEALTHY");
        assertThat(endpoint.path("detail").asText()).isEqualTo("HTTP 200");
      }
    }
  }

  private static void warm(Backend backend) throws IOException, InterruptedException {
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create(backend.url())).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
    }
  }

  /** {@code yes > /dev/null} processes, one per CPU to keep busy; stopped on close. */
  private static final class BusyCpu implements AutoCloseable {
    private final List<Process> spinners;

    private BusyCpu(List<Process> spinners) {
      this.spinners = spinners;
    }

    static BusyCpu start(int count) throws IOException {
      assumeTrue(onPath("yes"), "yes is not installed (coreutils)");
      List<Process> spinners = new ArrayList<>();
      BusyCpu busy = new BusyCpu(spinners);
      try {
        for (int i = 0; i < count; i++) {
          spinners.add(
              new ProcessBuilder("yes").redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
      } catch (IOException | RuntimeException e) {
        busy.close();
        throw e;
      }
      return busy;
    }

    @Override
    public void close() {
      for (Process spinner : spinners) {
        spinner.destroyForcibly();
      }
      for (Process spinner : spinners) {
        try {
          spinner.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private static boolean onPath(String command) {
      for (String directory : System.getenv("PATH").split(":")) {
        if (Files.isExecutable(Path.of(directory, command))) {
          return true;
        }
      }
      return false;
    }
  }
}

package io.dnsfailover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as a container runs it, through the packaged jar: SIGTERM arrives while an apply is in
 * flight (the zone file's lock is held by this test, so the apply waits for it), the apply still
 * finishes, and the process exits 0; on the way, every log line is JSON, no secret reaches the
 * logs, the journal holds what happened, and the webhook hears of the change.
 */
class DaemonIT {

  private static final String SECRET = "s3cr3t-webhook-token";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void sigtermDuringAnApplyLetsItFinishThenExitsZero() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs Linux /proc to see the apply");
    Path zoneFile = dir.resolve("example.test.zone");
    Path lockFile = dir.resolve("example.test.zone.lock");
    Path journal = dir.resolve("events.jsonl");
    List<String> webhookBodies = new CopyOnWriteArrayList<>();
    HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    webhook.createContext(
        "/",
        exchange -> {
          webhookBodies.add(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    webhook.start();
    String hookUrl =
        "http://127.0.0.1:" + webhook.getAddress().getPort() + "/services/T0/B0/" + SECRET;

    try (Backend backend = new Backend("127.0.0.1");
        FileChannel lockChannel =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      Path config = writeConfig(zoneFile, journal, backend.url());
      FileLock held = lockChannel.lock();
      try (JarRun.Running daemon =
          JarRun.start(
              dir.resolve("daemon"),
              environment -> environment.put("HOOK_URL", hookUrl),
              "--log-format",
              "json",
              "daemon",
              "-c",
              config.toString(),
              "--no-watch")) {
        daemon.awaitUntil(
            "the daemon applying, waiting for the zone file's lock",
            Duration.ofSeconds(30),
            () -> holdsOpen(daemon.pid(), lockFile));

        daemon.sigterm();
        daemon.awaitUntil(
            "the daemon acknowledging SIGTERM",
            Duration.ofSeconds(30),
            () -> daemon.log().contains("SIGTERM received"));
        assertThat(daemon.isAlive()).as("still applying").isTrue();
        held.release();

        assertThat(daemon.awaitExit(Duration.ofSeconds(60))).as(daemon.log()).isZero();

        List<String> logLines = daemon.log().lines().toList();
        assertThat(logLines).isNotEmpty();
        for (String line : logLines) {
          JsonNode node = JSON.readTree(line);
          assertThat(node.has("time") && node.has("level") && node.has("message"))
              .as(line)
              .isTrue();
        }
        assertThat(daemon.log())
            .contains("daemon stopped", "127.0.0.1:")
            .doesNotContain(SECRET, "/services/");
      } finally {
        webhook.stop(0);
      }
    }

    assertThat(Files.readString(zoneFile))
        .as("the apply in flight at SIGTERM finished")
        .containsPattern("app\\.example\\.test\\.\\s+20\\s+IN\\s+A\\s+127\\.0\\.0\\.1");

    List<String> kinds = new ArrayList<>();
    for (String line : Files.readAllLines(journal)) {
      kinds.add(JSON.readTree(line).get("kind").asText());
    }
    assertThat(kinds).startsWith("start").endsWith("stop").contains("transition", "plan", "change");
    assertThat(Files.readString(journal)).doesNotContain(SECRET);

    assertThat(webhookBodies).as("sent at shutdown at the latest").isNotEmpty();
    assertThat(String.join("\n", webhookBodies)).contains("change app.example.test. A create");

    JarRun.Result events = JarRun.run("events", "--journal", journal.toString());
    assertThat(events.exitCode()).as(events.output()).isZero();
    assertThat(events.stdout())
        .contains("change app.example.test. A create: (none) -> 127.0.0.1 ttl 20");
  }

  /**
   * Whether the process has the file open: the zone-file provider holds its lock file only while
   * applying.
   */
  private static boolean holdsOpen(long pid, Path file) throws IOException {
    Path target = file.toRealPath();
    try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
      return fds.anyMatch(
          fd -> {
            try {
              return Files.readSymbolicLink(fd).equals(target);
            } catch (IOException e) {
              return false; // closed meanwhile
            }
          });
    }
  }

  private Path writeConfig(Path zoneFile, Path journal, String backendUrl) throws IOException {
    return Files.writeString(
        dir.resolve("config.yaml"),
        """
        version: 1
        ownerId: sigterm
        defaults:
          check: { interval: 200ms, timeout: 150ms, rise: 1, fall: 1 }
        providers:
          local: { type: zonefile, path: "%s" }
        journal: { path: "%s" }
        notifications:
          webhooks:
            - { url: "${HOOK_URL}", type: slack, minInterval: 0s }
        zones:
          - name: example.test.
            provider: local
            records:
              - name: app
                type: A
                ttl: 20
                check: { type: http, url: "%s" }
                endpoints:
                  - { id: primary, address: 127.0.0.1, priority: 1 }
        """
            .formatted(zoneFile, journal, backendUrl));
  }
}

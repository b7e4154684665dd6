package io.dnsfailover.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as the .deb's systemd unit runs it: {@code bin/dnsfailover daemon}, reloaded with
 * {@code kill -HUP $MAINPID} and stopped with SIGTERM. Both signals go to the process the launcher
 * started, so the launcher must hand its process over to Java ({@code exec}), not run it as a
 * child.
 */
class DaemonReleaseIT {

  @TempDir Path dir;

  @Test
  void sighupReloadsTheConfigAndSigtermStopsWithExitZero() throws Exception {
    Path release = Release.unpack(dir.resolve("opt"));
    Path config = dir.resolve("config.yaml");
    Path zone = dir.resolve("example.test.zone");
    HttpServer backend = Release.healthyBackend();
    Process daemon = null;
    try {
      int port = backend.getAddress().getPort();
      Files.writeString(config, config(zone, port, 20));
      ProcessBuilder builder =
          new ProcessBuilder(
                  release.resolve("bin/dnsfailover").toString(),
                  "daemon",
                  "-c",
                  config.toString(),
                  "--listen",
                  "127.0.0.1:0",
                  "--no-watch")
              .directory(dir.toFile())
              .redirectOutput(dir.resolve("stdout.log").toFile())
              .redirectError(dir.resolve("stderr.log").toFile());
      builder.environment().clear();
      builder.environment().put("PATH", "/usr/bin:/bin");
      builder.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
      builder.environment().put("DNSFAILOVER_JAVA_OPTS", Release.requireStartUpCache(release));
      daemon = builder.start();
      Process running = daemon;

      awaitRecord(running, zone, "20");
      assertThat(running.info().command())
          .as("the launcher exec'd the runtime's java")
          .hasValueSatisfying(command -> assertThat(command).endsWith("/runtime/bin/java"));

      Files.writeString(config, config(zone, port, 40));
      Release.tool(dir, "kill", "-HUP", Long.toString(running.pid()));
      awaitRecord(running, zone, "40");

      running.destroy(); // SIGTERM
      assertThat(running.waitFor(30, TimeUnit.SECONDS)).as(log()).isTrue();
      assertThat(running.exitValue()).as(log()).isZero();
      assertThat(Files.readString(dir.resolve("stderr.log")))
          .contains("reloading the config (SIGHUP)");
    } finally {
      backend.stop(0);
      if (daemon != null && daemon.isAlive()) {
        daemon.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private void awaitRecord(Process daemon, Path zone, String ttl) {
    await("app.example.test. with ttl " + ttl)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              assertThat(daemon.isAlive()).as(this::log).isTrue();
              return Files.exists(zone)
                  && Files.readString(zone)
                      .matches(
                          "(?s).*\\napp\\.example\\.test\\.\\s+"
                              + ttl
                              + "\\s+IN\\s+A\\s+127\\.0\\.0\\.1\\n.*");
            });
  }

  private String log() {
    try {
      return "daemon's stderr:\n" + Files.readString(dir.resolve("stderr.log"));
    } catch (IOException e) {
      return "(no stderr: " + e + ")";
    }
  }

  private static String config(Path zone, int port, int ttl) {
    return """
        version: 1
        ownerId: release-test
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
                ttl: %d
                check: { type: http, url: "http://{address}:%d/healthz" }
                endpoints:
                  - { id: primary, address: 127.0.0.1 }
        """
        .formatted(zone, ttl, port);
  }
}

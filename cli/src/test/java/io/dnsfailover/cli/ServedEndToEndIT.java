package io.dnsfailover.cli;

import static io.dnsfailover.cli.JarRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dnsfailover.cli.JarRun.Result;
import io.dnsfailover.testkit.dns.DnsClient;
import io.dnsfailover.testkit.dns.DnsServerExtension;
import io.dnsfailover.testkit.dns.DnsZone;
import io.dnsfailover.testkit.dns.KnotServer;
import io.dnsfailover.testkit.dns.NamedServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failover counts when the server answers it: the zone-file provider behind a real {@code named}
 * that serves the file, told by {@code reloadCommand: [rndc, ...]}, with {@code verify:} asking
 * named until it answers the change. Through the jar, as a BIND operator runs it.
 */
class ServedEndToEndIT {

  private static final String ZONE = "example.test.";
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final DnsServerExtension<NamedServer> NAMED =
      new DnsServerExtension<>(
          () -> NamedServer.builder().zone(DnsZone.file(ZONE)).rndc().startOrSkip());

  @TempDir Path dir;

  private DnsClient dig;

  @BeforeEach
  void freshZone() throws IOException {
    Files.writeString(zoneFile(), DnsZone.minimalText(ZONE));
    NAMED.server().reload(ZONE);
    dig = NAMED.server().client(null);
  }

  @Test
  void onceReloadsNamedAndWaitsUntilItAnswersTheFailover() throws Exception {
    try (Backend primary = new Backend("127.0.0.1");
        Backend backup = new Backend("127.0.0.2")) {
      Path config = writeConfig(reloadWithRndc(), "10s", primary.url(), backup.url());

      Result first = once(config);
      assertThat(first.exitCode()).as(first.output()).isZero();
      assertThat(first.stdout())
          .containsPattern("Served: 1/1 servers answer the change to example.test. after \\d");
      assertThat(dig.values("app." + ZONE, "A")).containsExactly("127.0.0.1");

      primary.close();
      Result oneFailure = once(config);
      assertThat(oneFailure.exitCode()).as(oneFailure.output()).isZero();
      assertThat(oneFailure.stdout())
          .as("nothing written, nothing to verify")
          .doesNotContain("Served:");

      Result failover = once(config);
      assertThat(failover.exitCode()).as(failover.output()).isZero();
      assertThat(failover.stdout()).contains("Served: 1/1 servers answer the change");
      assertThat(dig.values("app." + ZONE, "A")).containsExactly("127.0.0.2");
    }
  }

  @Test
  void knotIsToldWithKnotcZoneReload() throws Exception {
    try (KnotServer knot = KnotServer.builder().zone(DnsZone.file(ZONE)).startOrSkip();
        Backend primary = new Backend("127.0.0.1")) {
      String reload =
          "[knotc, -c, \""
              + knot.configFile()
              + "\", -s, \""
              + knot.directory().resolve("knot.sock")
              + "\", -b, zone-reload, \"{zone}\"]";
      Path config =
          Files.writeString(
              dir.resolve("config.yaml"),
              Files.readString(writeConfig(reload, "10s", primary.url(), primary.url()))
                  .replace(zoneFile().toString(), knot.zoneFile(ZONE).toString())
                  .replace(NAMED.server().hostPort(), knot.hostPort()));

      Result first = once(config);

      assertThat(first.exitCode()).as(first.output()).isZero();
      assertThat(first.stdout()).contains("Served: 1/1 servers answer the change to example.test.");
      assertThat(knot.client(null).values("app." + ZONE, "A"))
          .as(first.output())
          .containsExactly("127.0.0.1");
    }
  }

  @Test
  void aFailingReloadExitsOneQuotingItAndIsRunAgainUntilItSucceeds() throws Exception {
    try (Backend primary = new Backend("127.0.0.1")) {
      String failing =
          "[/bin/sh, -c, \"echo 'rndc: connect failed: 127.0.0.1#953: connection refused' >&2;"
              + " exit 1\"]";
      Path config = writeConfig(failing, "2s", primary.url(), primary.url());

      Result failed = once(config);

      assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
      assertThat(failed.stderr())
          .contains("reload failed")
          .contains("rndc: connect failed: 127.0.0.1#953: connection refused");
      assertThat(Files.readString(zoneFile()))
          .as("the written file stays")
          .containsPattern("app\\.example\\.test\\.\\s+20\\s+IN\\s+A\\s+127\\.0\\.0\\.1");
      assertThat(dig.values("app." + ZONE, "A")).as("named was never told").isEmpty();

      Path fixed = writeConfig(reloadWithRndc(), "10s", primary.url(), primary.url());
      Result retried = once(fixed);

      assertThat(retried.exitCode()).as(retried.output()).isZero();
      assertThat(retried.stdout())
          .as("no change this run, yet the owed reload ran and was verified")
          .contains("No changes")
          .contains("Served: 1/1 servers answer the change");
      assertThat(dig.values("app." + ZONE, "A")).containsExactly("127.0.0.1");

      Result settled = once(fixed);
      assertThat(settled.exitCode()).as(settled.output()).isZero();
      assertThat(settled.stdout()).doesNotContain("Served:");
    }
  }

  @Test
  void verifyWithoutAReloadSaysNotServedUntilTheServerLoadsTheFile() throws Exception {
    try (Backend primary = new Backend("127.0.0.1")) {
      Path config = writeConfig(null, "1s", primary.url(), primary.url());

      Result written = once(config);

      assertThat(written.exitCode()).as(written.output()).isEqualTo(1);
      assertThat(written.stdout())
          .contains("Served: 0/1 servers answer the change to example.test. within")
          .contains("not served by " + NAMED.server().hostPort())
          .contains("app.example.test. A answers no record, not 127.0.0.1");
      assertThat(written.stderr()).contains("not served by 1 of 1 servers within 1s");

      Result stillNot = once(config);
      assertThat(stillNot.exitCode()).as("asked again next run").isEqualTo(1);
      assertThat(stillNot.stdout()).contains("not served by");

      NAMED.server().reload(ZONE);
      Result served = once(config);
      assertThat(served.exitCode()).as(served.output()).isZero();
      assertThat(served.stdout()).contains("Served: 1/1 servers answer the change");
    }
  }

  @Test
  void theDaemonReloadsVerifiesAndReportsServingOnStatusAndInTheJournal() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path journal = dir.resolve("events.jsonl");
    try (Backend primary = new Backend("127.0.0.1");
        Backend backup = new Backend("127.0.0.2")) {
      Path config = writeConfig(reloadWithRndc(), "10s", primary.url(), backup.url());
      Files.writeString(
          config,
          Files.readString(config)
                  .replace("interval: 10s, timeout: 5s", "interval: 200ms, timeout: 150ms")
              + "journal: { path: \""
              + journal
              + "\" }\n");
      try (JarRun.Running daemon =
          JarRun.start(
              dir.resolve("daemon"),
              environment -> {},
              "daemon",
              "-c",
              config.toString(),
              "--listen",
              "127.0.0.1:" + port,
              "--no-watch")) {
        daemon.awaitUntil(
            "named answering the primary",
            Duration.ofSeconds(30),
            () -> dig.values("app." + ZONE, "A").equals(List.of("127.0.0.1")));
        primary.close();
        daemon.awaitUntil(
            "named answering the backup",
            Duration.ofSeconds(30),
            () -> dig.values("app." + ZONE, "A").equals(List.of("127.0.0.2")));
        daemon.awaitUntil(
            "/status saying the failover is served",
            Duration.ofSeconds(30),
            () -> {
              JsonNode served = status(port).path("records").get(0).path("served");
              return served.path("state").asText().equals("served")
                  && status(port)
                      .path("records")
                      .get(0)
                      .path("current")
                      .toString()
                      .contains("127.0.0.2");
            });
        daemon.sigterm();
        assertThat(daemon.awaitExit(Duration.ofSeconds(30))).as(daemon.log()).isZero();
      }
    }
    List<String> kinds = new ArrayList<>();
    for (String line : Files.readAllLines(journal)) {
      kinds.add(JSON.readTree(line).get("kind").asText());
    }
    assertThat(kinds).contains("served").doesNotContain("not-served", "error");
    assertThat(Files.readString(journal))
        .contains("Served: 1/1 servers answer the change to example.test. after")
        .contains("(" + NAMED.server().hostPort() + " ");
  }

  private static JsonNode status(int port) throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status")).build(),
              HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(response.body());
    }
  }

  private static Path zoneFile() {
    return NAMED.server().zoneFile(ZONE);
  }

  /** {@code [rndc, -c, <this named's rndc.conf>, reload, "{zone}"]}. */
  private static String reloadWithRndc() {
    return "[rndc, -c, \"" + NAMED.server().rndcConf() + "\", reload, \"{zone}\"]";
  }

  /** A zone-file config for named's file; {@code reloadCommand} left out when null. */
  private Path writeConfig(
      String reloadCommand, String verifyTimeout, String primary, String backup)
      throws IOException {
    return Files.writeString(
        dir.resolve("config.yaml"),
        """
        version: 1
        ownerId: served
        defaults:
          check: { interval: 10s, timeout: 5s, rise: 2, fall: 2 }
        providers:
          named:
            type: zonefile
            path: "%s"
        %s
        zones:
          - name: example.test.
            provider: named
            verify: { servers: ["%s"], timeout: %s }
            records:
              - name: app
                type: A
                ttl: 20
                endpoints:
                  - { id: primary, address: 127.0.0.1, priority: 1, check: { type: http, url: "%s" } }
                  - { id: backup,  address: 127.0.0.2, priority: 2, check: { type: http, url: "%s" } }
        """
            .formatted(
                zoneFile(),
                reloadCommand == null ? "" : "    reloadCommand: " + reloadCommand,
                NAMED.server().hostPort(),
                verifyTimeout,
                primary,
                backup));
  }

  private Result once(Path config) throws Exception {
    return run("once", "-c", config.toString(), "--state", dir.resolve("state.json").toString());
  }
}

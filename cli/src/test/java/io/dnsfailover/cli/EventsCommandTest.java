package io.dnsfailover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dnsfailover.engine.journal.Event;
import io.dnsfailover.engine.journal.Journal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EventsCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private static Event transition(Instant time, String to) {
    return new Event(
        time,
        Event.Kind.TRANSITION,
        Optional.empty(),
        Optional.of("app.example.test. A"),
        Optional.of("primary"),
        Optional.empty(),
        Optional.of(to.equals("HEALTHY") ? "UNHEALTHY" : "HEALTHY"),
        Optional.of(to),
        "probe at " + time);
  }

  /** Twelve events, one every 10 minutes up to now, across rotated files. */
  private Path journal(Path path) throws Exception {
    Instant now = Instant.now();
    try (Journal journal = new Journal(path, 1024, 10)) {
      for (int n = 11; n >= 0; n--) {
        journal.append(
            transition(
                now.minus(Duration.ofMinutes(10L * n)), n % 2 == 0 ? "HEALTHY" : "UNHEALTHY"));
      }
    }
    return path;
  }

  @Test
  void sinceADurationPrintsTheRecentEventsAcrossRotatedFilesOldestFirst() throws Exception {
    Path path = journal(dir.resolve("events.jsonl"));
    assertThat(Journal.rotated(path, 1)).exists();

    assertThat(run("events", "--journal", path.toString(), "--since", "45m")).isZero();

    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(5);
    assertThat(lines)
        .allSatisfy(
            line ->
                assertThat(line)
                    .matches(
                        "\\S+Z  transition app\\.example\\.test\\. A primary: \\w+ -> \\w+: probe"
                            + " at .*"));
    assertThat(lines.getLast()).contains("UNHEALTHY -> HEALTHY");
    assertThat(lines).isSorted();
  }

  @Test
  void sinceATimeAndJsonOutputGiveTheJournalLines() throws Exception {
    Path path = dir.resolve("events.jsonl");
    try (Journal journal = new Journal(path, 1 << 20, 1)) {
      journal.append(transition(Instant.parse("2026-11-23T09:59:59Z"), "UNHEALTHY"));
      journal.append(transition(Instant.parse("2026-11-23T10:00:00Z"), "UNHEALTHY"));
      journal.append(Event.of(Instant.parse("2026-11-23T10:00:01Z"), Event.Kind.ERROR, "boom"));
    }

    assertThat(
            run(
                "events",
                "--journal",
                path.toString(),
                "--since",
                "2026-11-23T10:00:00Z",
                "-o",
                "json"))
        .isZero();

    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(2);
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(lines.get(0)).get("time").asText()).isEqualTo("2026-11-23T10:00:00Z");
    assertThat(json.readTree(lines.get(1)).get("kind").asText()).isEqualTo("error");
    assertThat(json.readTree(lines.get(1)).get("reason").asText()).isEqualTo("boom");
  }

  @Test
  void theConfigNamesTheJournal() throws Exception {
    Path path = journal(dir.resolve("journal/events.jsonl"));
    Path config =
        Files.writeString(
            dir.resolve("config.yaml"),
            """
            version: 1
            ownerId: test
            journal: { path: "%s" }
            notifications:
              webhooks: [{ url: "${DNSFAILOVER_TEST_UNSET_WEBHOOK}" }]
            providers:
              local: { type: zonefile, path: zone.db }
            zones:
              - name: example.test.
                provider: local
                records:
                  - name: app
                    type: A
                    check: { type: tcp, port: 80 }
                    endpoints: [{ id: primary, address: 192.0.2.10 }]
            """
                .formatted(path));

    assertThat(run("events", "-c", config.toString())).as(err.toString()).isEqualTo(1);
    assertThat(err.toString()).contains("pass --journal FILE instead");

    Files.writeString(
        config, Files.readString(config).replace("${DNSFAILOVER_TEST_UNSET_WEBHOOK}", "https://h"));
    out.getBuffer().setLength(0);
    assertThat(run("events", "-c", config.toString())).as(err.toString()).isZero();
    assertThat(out.toString().lines()).hasSize(12);
  }

  @Test
  void noJournalYetIsNotAnError() {
    assertThat(run("events", "--journal", dir.resolve("none.jsonl").toString())).isZero();
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).contains("no journal at");
  }

  @Test
  void aBadSinceOrNoJournalIsAUsageError() {
    assertThat(run("events", "--journal", "x.jsonl", "--since", "yesterday")).isEqualTo(64);
    assertThat(err.toString()).contains("Invalid value for --since: 'yesterday'");
    assertThat(run("events")).isEqualTo(64);
    assertThat(err.toString()).contains("Missing journal: pass --journal FILE, or -c FILE");
  }
}

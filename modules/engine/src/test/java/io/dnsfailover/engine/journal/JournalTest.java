package io.dnsfailover.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  @TempDir Path dir;

  private static Event event(int n) {
    return Event.of(T0.plusSeconds(n), Event.Kind.ERROR, "event number " + n);
  }

  @Test
  void eachEventIsOneJsonLineThatReadsBack() throws Exception {
    Path path = dir.resolve("sub/dir/events.jsonl");
    Event transition =
        new Event(
            T0,
            Event.Kind.TRANSITION,
            Optional.empty(),
            Optional.of("app.example.test. A"),
            Optional.of("primary"),
            Optional.empty(),
            Optional.of("HEALTHY"),
            Optional.of("UNHEALTHY"),
            "HTTP 503 \"unavailable\"\n(3 consecutive failures)");
    try (Journal journal = new Journal(path, 1 << 20, 3)) {
      journal.append(transition);
    }

    List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    assertThat(lines)
        .containsExactly(
            "{\"time\":\"2026-11-23T10:00:00Z\",\"kind\":\"transition\",\"record\":\"app.example.test."
                + " A\",\"endpoint\":\"primary\",\"from\":\"HEALTHY\",\"to\":\"UNHEALTHY\","
                + "\"reason\":\"HTTP 503 \\\"unavailable\\\"\\n(3 consecutive failures)\"}");
    assertThat(JournalReader.read(path, Optional.empty()).events()).containsExactly(transition);
  }

  @Test
  void rotatesBySizeKeepingTheNewestFilesAndReadsThemInTimeOrder() throws Exception {
    Path path = dir.resolve("events.jsonl");
    int lineLength = (EventJson.toLine(event(10)) + "\n").length();
    try (Journal journal = new Journal(path, lineLength * 4L, 2)) {
      for (int n = 10; n < 30; n++) {
        journal.append(event(n));
      }
    }

    assertThat(path).exists();
    assertThat(Journal.rotated(path, 1)).exists();
    assertThat(Journal.rotated(path, 2)).exists();
    assertThat(Journal.rotated(path, 3)).doesNotExist();
    for (Path file : JournalReader.files(path)) {
      assertThat(Files.size(file)).isLessThanOrEqualTo(lineLength * 4L);
    }
    List<Event> events = JournalReader.read(path, Optional.empty()).events();
    assertThat(events).extracting(Event::reason).first().isEqualTo("event number 18");
    assertThat(events).extracting(Event::reason).last().isEqualTo("event number 29");
    assertThat(events).extracting(Event::time).isSorted().hasSize(12);
  }

  @Test
  void keepZeroKeepsOnlyTheCurrentFile() throws Exception {
    Path path = dir.resolve("events.jsonl");
    int lineLength = (EventJson.toLine(event(10)) + "\n").length();
    try (Journal journal = new Journal(path, lineLength * 2L, 0)) {
      for (int n = 10; n < 15; n++) {
        journal.append(event(n));
      }
    }
    assertThat(JournalReader.files(path)).containsExactly(path);
    assertThat(JournalReader.read(path, Optional.empty()).events())
        .extracting(Event::reason)
        .containsExactly("event number 14");
  }

  @Test
  void sinceLeavesOutOlderEventsAcrossRotatedFiles() throws Exception {
    Path path = dir.resolve("events.jsonl");
    try (Journal journal = new Journal(path, 1024, 10)) {
      for (int n = 0; n < 40; n++) {
        journal.append(event(n * 60));
      }
    }
    assertThat(JournalReader.files(path)).hasSizeGreaterThan(2);

    List<Event> recent =
        JournalReader.read(path, Optional.of(T0.plus(Duration.ofMinutes(35)))).events();

    assertThat(recent)
        .extracting(Event::reason)
        .containsExactly(
            "event number 2100",
            "event number 2160",
            "event number 2220",
            "event number 2280",
            "event number 2340");
  }

  @Test
  void concurrentWritersNeverTearALine() throws Exception {
    Path path = dir.resolve("events.jsonl");
    int threads = 8;
    int perThread = 250;
    try (Journal journal = new Journal(path, 64 * 1024, 50)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int base = t * perThread;
        done.add(
            pool.submit(
                () -> {
                  for (int n = 0; n < perThread; n++) {
                    journal.accept(event(base + n));
                  }
                }));
      }
      for (Future<?> future : done) {
        future.get();
      }
      pool.shutdown();
    }

    JournalReader.Result result = JournalReader.read(path, Optional.empty());
    assertThat(result.skipped()).isZero();
    assertThat(result.events()).hasSize(threads * perThread);
    assertThat(result.events()).extracting(Event::reason).doesNotHaveDuplicates();
  }

  @Test
  void aTornLastLineIsSkippedAndCounted() throws Exception {
    Path path = dir.resolve("events.jsonl");
    Files.writeString(path, EventJson.toLine(event(1)) + "\n{\"time\":\"2026-11-2");

    JournalReader.Result result = JournalReader.read(path, Optional.empty());

    assertThat(result.events()).containsExactly(event(1));
    assertThat(result.skipped()).isEqualTo(1);
  }

  @Test
  void aMissingJournalReadsAsEmpty() throws Exception {
    assertThat(JournalReader.read(dir.resolve("none.jsonl"), Optional.empty()).events()).isEmpty();
  }

  @Test
  void aJournalThatCannotBeWrittenDoesNotThrowFromAccept() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
    Journal journal = new Journal(file.resolve("events.jsonl"), 1024, 1);

    journal.accept(event(1));
    journal.close();
  }
}

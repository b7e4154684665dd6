package io.dnsfailover.engine.journal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a journal back: the rotated files, oldest first, then the current one, in time order. A
 * line that is not an event (a line torn by a crash) is skipped and counted.
 */
public final class JournalReader {

  /**
   * What was read.
   *
   * @param events in time order (ties in the order written)
   * @param skipped lines that were not events
   */
  public record Result(List<Event> events, int skipped) {
    public Result {
      events = List.copyOf(events);
    }
  }

  private JournalReader() {}

  /** The events at or after {@code since} (all when empty); nothing when there is no journal. */
  public static Result read(Path path, Optional<Instant> since) throws IOException {
    List<Event> events = new ArrayList<>();
    int skipped = 0;
    for (Path file : files(path)) {
      try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          if (line.isBlank()) {
            continue;
          }
          Optional<Event> event = EventJson.parse(line);
          if (event.isEmpty()) {
            skipped++;
          } else if (since.isEmpty() || !event.get().time().isBefore(since.get())) {
            events.add(event.get());
          }
        }
      } catch (NoSuchFileException e) {
        // rotated away between listing and reading: its events are in the next file
      }
    }
    events.sort(Comparator.comparing(Event::time));
    return new Result(events, skipped);
  }

  /**
   * The journal's files, oldest first: {@code <path>.N} ... {@code <path>.1}, then {@code <path>}.
   */
  public static List<Path> files(Path path) throws IOException {
    Path directory = path.toAbsolutePath().getParent();
    String name = path.getFileName().toString();
    Pattern rotated = Pattern.compile(Pattern.quote(name) + "\\.(\\d{1,9})");
    TreeMap<Integer, Path> byAge = new TreeMap<>(Comparator.reverseOrder());
    if (directory != null && Files.isDirectory(directory)) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, name + ".*")) {
        for (Path entry : entries) {
          Matcher matcher = rotated.matcher(entry.getFileName().toString());
          if (matcher.matches()) {
            byAge.put(Integer.parseInt(matcher.group(1)), entry);
          }
        }
      }
    }
    List<Path> files = new ArrayList<>(byAge.values());
    if (Files.exists(path)) {
      files.add(path);
    }
    return files;
  }
}

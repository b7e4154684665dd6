package io.dnsfailover.cli;

import io.dnsfailover.core.config.ConfigLoader;
import io.dnsfailover.core.config.LoadResult;
import io.dnsfailover.engine.journal.Event;
import io.dnsfailover.engine.journal.EventJson;
import io.dnsfailover.engine.journal.Journal;
import io.dnsfailover.engine.journal.JournalReader;
import io.dnsfailover.spi.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code events}: reads the daemon's event journal, the rotated files included, in time order. */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    description =
        "Print the daemon's event journal: health transitions, planned and applied changes,"
            + " errors and reloads, oldest first. The journal is the config's journal.path"
            + " (default $XDG_STATE_HOME/dnsfailover/OWNER.events.jsonl), or --journal FILE.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ok (also when there is no journal yet)", "1:invalid config or I/O error"})
final class EventsCommand implements Callable<Integer> {

  private static final Pattern DAYS = Pattern.compile("(\\d+)d");

  @Spec CommandSpec spec;

  @Mixin ConfigOptions options;

  @Option(
      names = "--journal",
      paramLabel = "FILE",
      description = "Read this journal file instead of the one the config names.")
  Path journal;

  @Option(
      names = "--since",
      paramLabel = "WHEN",
      description =
          "Only events at or after WHEN: a duration back from now (30m, 1h, 7d) or a time"
              + " (2026-11-23T10:00:00Z).")
  String since;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text (one line per event) or json (the journal's JSON lines).")
  Output output;

  @Override
  public Integer call() throws IOException {
    Optional<Instant> from = since == null ? Optional.empty() : Optional.of(since(since));
    Optional<Path> path = journalPath();
    if (path.isEmpty()) {
      return ExitCodes.FAILURE;
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (JournalReader.files(path.get()).isEmpty()) {
      err.println("no journal at " + path.get() + " yet: the daemon writes it");
      return ExitCodes.OK;
    }
    JournalReader.Result result = JournalReader.read(path.get(), from);
    for (Event event : result.events()) {
      out.println(
          switch (output) {
            case text -> event.time() + "  " + event.describe();
            case json -> EventJson.toLine(event);
          });
    }
    out.flush();
    if (result.skipped() > 0) {
      err.println(
          "warning: "
              + result.skipped()
              + " line(s) of "
              + path.get()
              + " are not events and were skipped");
    }
    return ExitCodes.OK;
  }

  private Optional<Path> journalPath() {
    if (journal != null) {
      return Optional.of(journal);
    }
    if (options.config == null) {
      throw new ParameterException(
          spec.commandLine(),
          "Missing journal: pass --journal FILE, or -c FILE (or set DNSFAILOVER_CONFIG)");
    }
    // Validate-only: reading the journal needs no secret, so unset variables are only warnings.
    Optional<LoadResult> loaded = options.load(ConfigLoader.Mode.VALIDATE_ONLY);
    if (loaded.isEmpty()) {
      return Optional.empty();
    }
    if (loaded.get().config().isEmpty()) {
      spec.commandLine()
          .getErr()
          .println(
              "error: the config needs environment variables that are not set (see above); pass"
                  + " --journal FILE instead");
      return Optional.empty();
    }
    return Optional.of(Journal.path(loaded.get().config().get(), System.getenv()));
  }

  private Instant since(String text) {
    String trimmed = text.trim();
    try {
      Matcher days = DAYS.matcher(trimmed);
      Duration back =
          days.matches()
              ? Duration.ofDays(Long.parseLong(days.group(1)))
              : Durations.parse(trimmed);
      return Clock.systemUTC().instant().minus(back);
    } catch (IllegalArgumentException e) {
      // not a duration: a time, below
    }
    try {
      return OffsetDateTime.parse(trimmed).toInstant();
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(),
          "Invalid value for --since: '"
              + text
              + "': write a duration (30m, 1h, 7d) or a time like 2026-11-23T10:00:00Z");
    }
  }
}

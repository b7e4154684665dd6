package io.dnsfailover.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Result rows, appended to a tab-separated file: benchmark, metric, value, target, verdict, the
 * 1/5/15-minute load average when the row was written, and the number of cores.
 */
final class Results {

  private final Path file;

  Results(Path file) {
    this.file = file;
  }

  /** A row with a target; {@code met} says whether the value meets it. */
  void add(String benchmark, String metric, String value, String target, boolean met) {
    write(benchmark, metric, value, target, met ? "meets" : "MISSES");
  }

  /** A row that only informs. */
  void info(String benchmark, String metric, String value) {
    write(benchmark, metric, value, "-", "-");
  }

  private void write(String benchmark, String metric, String value, String target, String verdict) {
    String row =
        String.join(
                "\t",
                benchmark,
                metric,
                value,
                target,
                verdict,
                Machine.loadAverage(),
                Integer.toString(Runtime.getRuntime().availableProcessors()))
            + "\n";
    System.out.print("RESULT " + row);
    try {
      Files.writeString(
          file, row, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

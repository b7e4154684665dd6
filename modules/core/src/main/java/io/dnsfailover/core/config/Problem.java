package io.dnsfailover.core.config;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;

/**
 * One thing wrong with a config file, located at the value it is about.
 *
 * <p>{@link #toString()} is the form users see, one per line:
 *
 * <pre>
 * FILE:LINE:COL: key.path: message
 * FILE:LINE:COL: warning: key.path: message
 * </pre>
 *
 * The key path part is left out when a problem is about the file as a whole (a YAML syntax error);
 * the line and column are left out when the file could not be read at all ({@code line == 0}).
 *
 * @param line 1-based; 0 when the problem has no position in the file
 * @param column 1-based; 0 when the problem has no position in the file
 * @param path the key path, like {@code zones[0].records[1].endpoints[0].address}; empty when the
 *     problem is about the whole file
 * @param message what is wrong and what is allowed; never contains a value read from the
 *     environment
 */
public record Problem(
    Severity severity, Path file, int line, int column, String path, String message) {

  /** Whether a problem stops the config from loading. */
  public enum Severity {
    /** The config does not load. */
    ERROR,
    /** The config loads, but something in it is probably not what the user meant. */
    WARNING
  }

  /** File order, so a user reads the problems top to bottom. */
  static final Comparator<Problem> IN_FILE_ORDER =
      Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column);

  public Problem {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder().append(file).append(':');
    if (line > 0) {
      text.append(line).append(':').append(column).append(':');
    }
    text.append(' ');
    if (severity == Severity.WARNING) {
      text.append("warning: ");
    }
    if (!path.isEmpty()) {
      text.append(path).append(": ");
    }
    return text.append(message).toString();
  }
}

package io.dnsfailover.core.config;

import io.dnsfailover.core.config.Problem.Severity;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the problems of one load. The same problem reported twice is kept once: a record's check
 * is merged into each of its endpoints, and a bad value in it must be reported once.
 */
final class Problems {

  private final Path file;
  private final ConfigLoader.Mode mode;
  private final Set<Problem> problems = new LinkedHashSet<>();
  private boolean unresolved;

  Problems(Path file, ConfigLoader.Mode mode) {
    this.file = file;
    this.mode = mode;
  }

  void error(Node at, String path, String message) {
    add(Severity.ERROR, at.line(), at.column(), path, message);
  }

  void warning(Node at, String path, String message) {
    add(Severity.WARNING, at.line(), at.column(), path, message);
  }

  /** A problem about the file as a whole, at a position the YAML parser gave. */
  void error(int line, int column, String message) {
    add(Severity.ERROR, line, column, "", message);
  }

  /**
   * A value that needs an environment variable that is not set: an error when the values are used,
   * a warning when the config is only validated (CI validates without production secrets).
   */
  void unsetVariable(Node at, String path, String message) {
    unresolved = true;
    add(
        mode == ConfigLoader.Mode.STRICT ? Severity.ERROR : Severity.WARNING,
        at.line(),
        at.column(),
        path,
        message);
  }

  private void add(Severity severity, int line, int column, String path, String message) {
    problems.add(new Problem(severity, file, line, column, path, message));
  }

  /** How many problems (errors, warnings and unset variables) have been reported so far. */
  int count() {
    return problems.size();
  }

  boolean hasErrors() {
    return problems.stream().anyMatch(Problem::isError);
  }

  /** True when some value could not be known because a variable it needs is unset. */
  boolean hasUnresolvedValues() {
    return unresolved;
  }

  List<Problem> all() {
    return problems.stream().sorted(Problem.IN_FILE_ORDER).toList();
  }

  List<Problem> warnings() {
    return all().stream().filter(problem -> !problem.isError()).toList();
  }
}

package io.dnsfailover.core.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A config that does not load. Holds every problem found in one pass, errors and warnings, in file
 * order; the message is one {@link Problem} per line.
 */
public final class ConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  private final List<Problem> problems;

  public ConfigException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, errors and warnings, in file order. */
  public List<Problem> problems() {
    return problems;
  }

  /** Only the problems that stopped the config from loading. */
  public List<Problem> errors() {
    return problems.stream().filter(Problem::isError).toList();
  }
}

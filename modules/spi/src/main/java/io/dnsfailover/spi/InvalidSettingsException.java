package io.dnsfailover.spi;

import java.io.Serial;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Settings that did not pass their factory's checks, with every problem found. {@link
 * DnsProviderFactory#create} throws it; {@code validate} reports the same problems one per line.
 */
public final class InvalidSettingsException extends IllegalArgumentException {

  @Serial private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // an immutable List.copyOf; never serialised in practice
  private final List<SettingProblem> problems;

  public InvalidSettingsException(String type, List<SettingProblem> problems) {
    super(
        type
            + " provider: "
            + problems.stream().map(SettingProblem::toString).collect(Collectors.joining("; ")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an InvalidSettingsException needs a problem");
    }
    this.problems = List.copyOf(problems);
  }

  public List<SettingProblem> problems() {
    return problems;
  }
}

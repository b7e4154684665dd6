package io.dnsfailover.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvalidSettingsExceptionTest {

  @Test
  void theMessageNamesTheProviderTypeAndEveryProblem() {
    InvalidSettingsException e =
        new InvalidSettingsException(
            "route53",
            List.of(
                new SettingProblem("region", "'mars-1' is not a region"),
                new SettingProblem("endpoint", "is not a URL")));

    assertThat(e)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("route53 provider: region: 'mars-1' is not a region; endpoint: is not a URL");
  }

  @Test
  void keepsItsOwnCopyOfTheProblems() {
    List<SettingProblem> problems = new ArrayList<>();
    problems.add(new SettingProblem("region", "missing"));
    InvalidSettingsException e = new InvalidSettingsException("route53", problems);

    problems.add(new SettingProblem("endpoint", "added later"));

    assertThat(e.problems()).containsExactly(new SettingProblem("region", "missing"));
    assertThatThrownBy(() -> e.problems().add(new SettingProblem("x", "y")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void needsAtLeastOneProblem() {
    assertThatThrownBy(() -> new InvalidSettingsException("route53", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an InvalidSettingsException needs a problem");
  }
}

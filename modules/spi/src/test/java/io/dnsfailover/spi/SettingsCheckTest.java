package io.dnsfailover.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsCheckTest {

  /** Reads {@code host} (required) and {@code port} (a number), reporting both when both fail. */
  private static Optional<String> read(ProviderConfig config, SettingsCheck check) {
    Optional<String> host = check.requiredText(config, "host");
    Optional<Integer> port =
        check.text(config, "port").flatMap(text -> check.read("port", () -> number(text)));
    if (!check.ok()) {
      return Optional.empty();
    }
    return Optional.of(host.orElseThrow() + ":" + port.orElse(53));
  }

  private static int number(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a port number", e);
    }
  }

  private static ProviderConfig config(Map<String, Object> settings) {
    return new ProviderConfig("local", "test", settings);
  }

  @Test
  void problemsListsEveryProblemTheReaderReports() {
    assertThat(SettingsCheck.problems(config(Map.of("port", "x")), SettingsCheckTest::read))
        .containsExactly(
            new SettingProblem("host", "required key is missing: test providers need host"),
            new SettingProblem("port", "'x' is not a port number"));
    assertThat(SettingsCheck.problems(config(Map.of("host", "ns1")), SettingsCheckTest::read))
        .isEmpty();
  }

  @Test
  void settingsReturnsWhatTheReaderReadOrThrowsWithEveryProblem() {
    assertThat(
            SettingsCheck.settings(
                config(Map.of("host", "ns1", "port", "5353")), "test", SettingsCheckTest::read))
        .isEqualTo("ns1:5353");
    assertThatThrownBy(
            () ->
                SettingsCheck.settings(
                    config(Map.of("port", "x")), "test", SettingsCheckTest::read))
        .isInstanceOfSatisfying(
            InvalidSettingsException.class,
            e ->
                assertThat(e.problems())
                    .extracting(SettingProblem::key)
                    .containsExactly("host", "port"));
  }
}

package io.dnsfailover.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A factory's reading of its settings: every problem collected, each at its key. */
class SettingsCheckTest {

  private final SettingsCheck check = new SettingsCheck();

  private static ProviderConfig config(Map<String, Object> settings) {
    return new ProviderConfig("dyn", "rfc2136", settings);
  }

  @Test
  void collectsEveryProblemInOrder() {
    check.report("server", "is not a host:port");
    assertThat(check.require(true, "timeout", "never reported")).isTrue();
    assertThat(check.require(false, "tsig.secret", "is not base64")).isFalse();

    assertThat(check.ok()).isFalse();
    assertThat(check.problems())
        .containsExactly(
            new SettingProblem("server", "is not a host:port"),
            new SettingProblem("tsig.secret", "is not base64"));
  }

  @Test
  void readReportsAnIllegalArgumentAtItsKey() {
    ProviderConfig config = config(Map.of("timeout", "soon"));

    assertThat(check.read("timeout", () -> config.duration("timeout").orElseThrow())).isEmpty();
    assertThat(check.problems())
        .containsExactly(
            new SettingProblem(
                "timeout",
                "'soon' is not a duration: write a whole number with ms, s, m or h, like 500ms or"
                    + " 10s"));
  }

  @Test
  void readGivesTheValueWhenItCanBeRead() {
    ProviderConfig config = config(Map.of("timeout", "2s"));

    assertThat(check.read("timeout", () -> config.duration("timeout").orElseThrow()))
        .contains(Duration.ofSeconds(2));
    assertThat(check.read("absent", () -> null)).isEmpty();
    assertThat(check.ok()).isTrue();
  }

  @Test
  void readLetsOtherFailuresThrough() {
    assertThatThrownBy(
            () ->
                check.read(
                    "key",
                    () -> {
                      throw new IllegalStateException("a bug, not a setting");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(check.ok()).isTrue();
  }

  @Test
  void textIsTrimmedAndAnUnsetKeyIsNoProblem() {
    ProviderConfig config = config(Map.of("server", "  127.0.0.1:53  "));

    assertThat(check.text(config, "server")).contains("127.0.0.1:53");
    assertThat(check.text(config, "absent")).isEmpty();
    assertThat(check.ok()).isTrue();
  }

  @Test
  void textReportsAListAMappingAndABlankValue() {
    ProviderConfig config =
        config(Map.of("server", List.of("a", "b"), "tsig", Map.of("name", "x"), "zone", "  "));

    assertThat(check.text(config, "server")).isEmpty();
    assertThat(check.text(config, "tsig")).isEmpty();
    assertThat(check.text(config, "zone")).isEmpty();
    assertThat(check.problems())
        .containsExactly(
            new SettingProblem("server", "must be a single value, not a list"),
            new SettingProblem("tsig", "must be a single value, not a mapping"),
            new SettingProblem("zone", "is empty: give it a value or leave the key out"));
  }

  @Test
  void requiredTextReportsAMissingKeyInTheLoadersWords() {
    assertThat(check.requiredText(config(Map.of()), "server")).isEmpty();
    assertThat(check.problems())
        .containsExactly(
            new SettingProblem("server", "required key is missing: rfc2136 providers need server"));
  }

  @Test
  void throwIfAnyThrowsEveryProblemAtOnce() {
    check.report("server", "is not a host:port");
    check.report("timeout", "must be longer than 0");

    assertThatThrownBy(() -> check.throwIfAny("rfc2136"))
        .isInstanceOfSatisfying(
            InvalidSettingsException.class,
            e -> assertThat(e.problems()).isEqualTo(check.problems()))
        .hasMessage("rfc2136 provider: server: is not a host:port; timeout: must be longer than 0");
  }

  @Test
  void throwIfAnyDoesNothingWithoutProblems() {
    check.throwIfAny("rfc2136");

    assertThat(check.ok()).isTrue();
    assertThat(check.problems()).isEmpty();
  }

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

  private static ProviderConfig testConfig(Map<String, Object> settings) {
    return new ProviderConfig("local", "test", settings);
  }

  @Test
  void problemsListsEveryProblemTheReaderReports() {
    assertThat(SettingsCheck.problems(testConfig(Map.of("port", "x")), SettingsCheckTest::read))
        .containsExactly(
            new SettingProblem("host", "required key is missing: test providers need host"),
            new SettingProblem("port", "'x' is not a port number"));
    assertThat(SettingsCheck.problems(testConfig(Map.of("host", "ns1")), SettingsCheckTest::read))
        .isEmpty();
  }

  @Test
  void settingsReturnsWhatTheReaderReadOrThrowsWithEveryProblem() {
    assertThat(
            SettingsCheck.settings(
                testConfig(Map.of("host", "ns1", "port", "5353")), "test", SettingsCheckTest::read))
        .isEqualTo("ns1:5353");
    assertThatThrownBy(
            () ->
                SettingsCheck.settings(
                    testConfig(Map.of("port", "x")), "test", SettingsCheckTest::read))
        .isInstanceOfSatisfying(
            InvalidSettingsException.class,
            e ->
                assertThat(e.problems())
                    .extracting(SettingProblem::key)
                    .containsExactly("host", "port"));
  }
}

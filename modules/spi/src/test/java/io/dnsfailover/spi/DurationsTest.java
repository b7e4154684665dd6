package io.dnsfailover.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void parsesEveryUnitTheConfigAllows() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("10s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(Durations.parse("1m")).isEqualTo(Duration.ofMinutes(1));
    assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(Durations.parse(" 0s ")).isZero();
  }

  @Test
  void refusesAnythingElseSayingWhatToWrite() {
    for (String text : new String[] {"10", "1.5s", "-1s", "10 s", "1d", "s", ""}) {
      assertThatThrownBy(() -> Durations.parse(text))
          .as(text)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "'"
                  + text
                  + "' is not a duration: write a whole number with ms, s, m or h, like 500ms or"
                  + " 10s");
    }
  }

  @Test
  void formatsInTheLargestUnitThatDividesIt() {
    assertThat(Durations.format(Duration.ofHours(2))).isEqualTo("2h");
    assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
    assertThat(Durations.format(Duration.ofMinutes(1))).isEqualTo("1m");
    assertThat(Durations.format(Duration.ofSeconds(2))).isEqualTo("2s");
    assertThat(Durations.format(Duration.ofSeconds(61))).isEqualTo("61s");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(Durations.format(Duration.ofMillis(500))).isEqualTo("500ms");
  }

  @Test
  void formatsZeroAsSecondsAndDropsWhatIsBelowAMillisecond() {
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(Durations.format(Duration.ofNanos(1_500_000))).isEqualTo("1ms");
  }

  @Test
  void whatItFormatsParsesBackToTheSameDuration() {
    for (long millis : new long[] {0, 1, 999, 1000, 59_000, 60_000, 3_599_000, 3_600_000, 90_061}) {
      Duration duration = Duration.ofMillis(millis);
      assertThat(Durations.parse(Durations.format(duration)))
          .as("%d ms", millis)
          .isEqualTo(duration);
    }
  }
}

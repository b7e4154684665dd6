package io.dnsfailover.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class FakeClockTest {

  @Test
  void movesOnlyWhenTold() {
    FakeClock clock = new FakeClock(Instant.parse("2025-06-01T12:00:00Z"));

    assertThat(clock.instant()).isEqualTo(Instant.parse("2025-06-01T12:00:00Z"));
    assertThat(clock.advance(Duration.ofSeconds(90))).isEqualTo("2025-06-01T12:01:30Z");
    clock.setInstant(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(clock.millis()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z").toEpochMilli());
  }

  @Test
  void zonedCopiesShareTheTime() {
    FakeClock clock = new FakeClock();
    Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));

    clock.advance(Duration.ofMinutes(5));

    assertThat(paris.instant()).isEqualTo(FakeClock.DEFAULT_START.plus(Duration.ofMinutes(5)));
    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
  }

  @Test
  void asATickerSleepingMovesTheTimeAtOnceAndIsRemembered() {
    FakeClock clock = new FakeClock();
    long start = clock.nanoTime();

    clock.sleep(Duration.ofMillis(250));
    clock.advance(Duration.ofSeconds(1));
    clock.sleep(Duration.ofSeconds(2));

    assertThat(clock.nanoTime() - start).isEqualTo(Duration.ofMillis(3250).toNanos());
    assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(250), Duration.ofSeconds(2));
    assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(3250));
    assertThat(clock.instant()).isEqualTo(FakeClock.DEFAULT_START.plusMillis(3250));
  }
}

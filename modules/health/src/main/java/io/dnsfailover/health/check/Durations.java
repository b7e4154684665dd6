package io.dnsfailover.health.check;

import java.time.Duration;

/** Formats durations the way the config writes them: {@code 500ms}, {@code 2s}, {@code 1m}. */
final class Durations {

  private Durations() {}

  static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis >= 60_000 && millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    if (millis >= 1_000 && millis % 1_000 == 0) {
      return millis / 1_000 + "s";
    }
    return millis + "ms";
  }
}

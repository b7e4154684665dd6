package io.dnsfailover.spi;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the config writes them: {@code 500ms}, {@code 10s}, {@code 1m}, {@code 2h}. The one
 * place that reads and writes them: config values, provider settings and {@code --since} are parsed
 * here, and every message that names a duration (a check's "timed out after 2s", a provider's
 * timeout) formats it here, so a person reads it the way they would write it.
 */
public final class Durations {

  private static final Pattern FORMAT = Pattern.compile("(\\d+)(ms|s|m|h)");

  private Durations() {}

  /**
   * Parses a duration; throws {@link IllegalArgumentException} with the allowed forms otherwise.
   */
  public static Duration parse(String text) {
    Matcher matcher = FORMAT.matcher(text.trim());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a duration: write a whole number with ms, s, m or h, like 500ms or 10s");
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> throw new AssertionError(matcher.group(2));
    };
  }

  /**
   * The shortest form that {@link #parse} reads back to the same duration, in whole milliseconds
   * (less is dropped): {@code 2h}, {@code 90m}, {@code 2s}, {@code 1500ms}; zero is {@code 0s}.
   */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 3_600_000 == 0 && millis > 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0 && millis > 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return millis + "ms";
  }
}

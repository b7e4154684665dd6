package io.dnsfailover.provider.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.util.DateTimeRfc1123;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * How long an Azure response asks the caller to wait before the next attempt, read exactly as
 * azure-core's {@code RetryPolicy} reads it (1.57.1, {@code ImplUtils.getRetryAfterFromHeaders}),
 * so that the provider judges the same wait the policy would sleep: the first of {@code
 * x-ms-retry-after-ms}, {@code retry-after-ms} (milliseconds) and {@code Retry-After} (seconds, or
 * an HTTP date counted in whole seconds from now) that holds a usable value. A value that does not
 * parse, a negative number or a date in the past is skipped, as azure-core skips it.
 *
 * @param delay the wait asked for
 * @param header the header that asked for it
 * @param value that header's value as sent
 */
record RetryHint(Duration delay, String header, String value) {

  private static final List<HttpHeaderName> MILLISECOND_HEADERS =
      List.of(HttpHeaderName.X_MS_RETRY_AFTER_MS, HttpHeaderName.RETRY_AFTER_MS);

  /** The wait {@code headers} ask for, or empty when none of the three headers gives one. */
  static Optional<RetryHint> of(HttpHeaders headers, Clock clock) {
    for (HttpHeaderName name : MILLISECOND_HEADERS) {
      String value = headers.getValue(name);
      long millis = parseLong(value);
      if (millis >= 0) {
        return Optional.of(
            new RetryHint(Duration.ofMillis(millis), name.getCaseSensitiveName(), value));
      }
    }
    String value = headers.getValue(HttpHeaderName.RETRY_AFTER);
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    // azure-core tries the date first and falls back to a number; no value is both, so the number
    // goes first here and a plain "3600" never reaches the date parser.
    long seconds = parseLong(value);
    if (seconds < 0) {
      try {
        OffsetDateTime until = new DateTimeRfc1123(value).getDateTime();
        seconds = OffsetDateTime.now(clock).until(until, ChronoUnit.SECONDS);
      } catch (DateTimeException notADate) {
        return Optional.empty();
      }
    }
    return seconds >= 0
        ? Optional.of(new RetryHint(Duration.ofSeconds(seconds), "Retry-After", value))
        : Optional.empty();
  }

  /** For messages: "3600 s (Retry-After: 3600)". */
  String describe() {
    return seconds(delay) + " (" + header + ": " + value + ")";
  }

  /** "3600 s", "0.25 s": whole seconds when the duration has no fraction. */
  static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return (millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0))
        + " s";
  }

  private static long parseLong(String value) {
    if (value == null || value.isEmpty()) {
      return -1;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}

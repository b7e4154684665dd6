package io.dnsfailover.engine.notify;

import java.time.Duration;

/**
 * How a failed delivery is retried: after {@code first}, then twice as long each time up to {@code
 * max}, for at most {@code attempts} tries in all.
 */
public record Backoff(Duration first, Duration max, int attempts) {

  /** 1s, 2s, 4s, 8s between five tries: about 15 s before a message is given up. */
  public static final Backoff DEFAULT =
      new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 5);

  public Backoff {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
    }
    if (first.isNegative() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("need 0 <= first <= max, was " + first + ", " + max);
    }
  }

  /** The wait before try {@code attempt + 1}, after {@code attempt} (1-based) failed. */
  public Duration delayAfter(int attempt) {
    Duration delay = first;
    for (int i = 1; i < attempt && delay.compareTo(max) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(max) > 0 ? max : delay;
  }
}

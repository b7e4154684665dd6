package io.dnsfailover.provider.rfc2136;

import io.dnsfailover.spi.ProviderException;
import java.time.Duration;

/**
 * Tries a request again when it failed in a way that may pass: a {@link
 * ProviderException.Kind#TRANSIENT} failure (no answer in time, connection refused or lost,
 * SERVFAIL). Bounded: {@code attempts} tries in all, waiting {@code firstDelay}, then twice that,
 * and so on, between them. Any other kind fails at once: REFUSED, NOTAUTH, a TSIG error or a failed
 * prerequisite will not change by asking again.
 */
final class Retrier {

  /** Waits between attempts; tests pass one that records the waits instead of sleeping. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** One request. */
  interface Attempt<T> {
    T run() throws ProviderException;
  }

  static final int ATTEMPTS = 3;
  static final Duration FIRST_DELAY = Duration.ofMillis(250);

  private final int attempts;
  private final Duration firstDelay;
  private final Sleeper sleeper;

  Retrier(int attempts, Duration firstDelay, Sleeper sleeper) {
    if (attempts < 1) {
      throw new IllegalArgumentException("at least one attempt, was " + attempts);
    }
    this.attempts = attempts;
    this.firstDelay = firstDelay;
    this.sleeper = sleeper;
  }

  /** Three attempts, 250 ms then 500 ms apart. */
  static Retrier standard() {
    return new Retrier(ATTEMPTS, FIRST_DELAY, duration -> Thread.sleep(duration.toMillis()));
  }

  <T> T call(Attempt<T> attempt) throws ProviderException {
    Duration delay = firstDelay;
    for (int tried = 1; ; tried++) {
      try {
        return attempt.run();
      } catch (ProviderException e) {
        if (e.kind() != ProviderException.Kind.TRANSIENT) {
          throw e;
        }
        if (tried == attempts) {
          throw attempts == 1
              ? e
              : new ProviderException(
                  e.kind(), e.getMessage() + " (tried " + attempts + " times)", e);
        }
      }
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new ProviderException(
            ProviderException.Kind.TRANSIENT, "interrupted while waiting to try again");
      }
      delay = delay.multipliedBy(2);
    }
  }
}

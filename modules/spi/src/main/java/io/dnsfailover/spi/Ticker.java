package io.dnsfailover.spi;

import java.time.Duration;

/**
 * Monotonic time and waiting: all that backoff, rate limiting, polling and lease keeping need.
 * Injected wherever code waits, so tests run on virtual time (testkit's {@code FakeClock} is one:
 * its {@link #sleep} moves its time instead of waiting); {@link #system()} in production.
 * Wall-clock time, for what is shown or stored, comes from a {@link java.time.Clock} instead: it
 * may jump, this never goes back.
 */
public interface Ticker {

  /** Nanoseconds from an arbitrary origin, never going back: {@link System#nanoTime()}. */
  long nanoTime();

  /** Waits {@code duration}, or until interrupted. */
  void sleep(Duration duration) throws InterruptedException;

  /** The JVM's monotonic clock and {@link Thread#sleep(Duration)}. */
  static Ticker system() {
    return SystemTicker.INSTANCE;
  }
}

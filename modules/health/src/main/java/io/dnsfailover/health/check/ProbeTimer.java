package io.dnsfailover.health.check;

import java.time.Duration;

/**
 * One probe's clock: its timeout and its latency count from the moment the probe starts its I/O
 * (name lookup, connect, the ping process), not from the moment it was called. On a cold or busy
 * JVM the work before that (loading classes, building the request) is ours, not the network's, and
 * must not make a healthy endpoint look slow or time out. {@link DefaultCheckerFactory#warmUp} does
 * most of that work once before the first probe; this keeps what remains out of the count.
 *
 * <p>Used by the probing thread only.
 */
final class ProbeTimer {

  private final long timeoutNanos;
  private final long created = System.nanoTime();
  private long started;
  private boolean running;

  ProbeTimer(Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
  }

  /**
   * Starts the clock unless it runs already (a redirect's second request keeps the first one's
   * deadline): call it right before the first I/O.
   *
   * @return the deadline, as {@link System#nanoTime()}
   */
  long start() {
    if (!running) {
      started = System.nanoTime();
      running = true;
    }
    return started + timeoutNanos;
  }

  /** Time since the I/O started; since the probe was called when it never got that far. */
  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - (running ? started : created));
  }
}

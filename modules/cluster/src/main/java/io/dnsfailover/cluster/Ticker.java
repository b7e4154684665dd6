package io.dnsfailover.cluster;

import java.time.Duration;

/**
 * The monotonic clock a member measures its own lease by, and the pause between two keeper steps.
 * Injected so that tests run a member on virtual time; {@link #SYSTEM} in production. (Wall-clock
 * time, only ever displayed, comes from a {@link java.time.Clock}.)
 */
interface Ticker {

  /** Nanoseconds from an arbitrary origin, never going back: {@link System#nanoTime()}. */
  long nanoTime();

  /** Waits {@code duration}, or until interrupted. */
  void sleep(Duration duration) throws InterruptedException;

  Ticker SYSTEM =
      new Ticker() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
          Thread.sleep(duration);
        }
      };
}

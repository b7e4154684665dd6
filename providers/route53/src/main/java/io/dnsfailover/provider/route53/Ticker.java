package io.dnsfailover.provider.route53;

import java.time.Duration;

/**
 * Monotonic time and waiting, the only two things the rate limiter, the retry backoff and the
 * INSYNC poll need. Tests pass a fake that advances on {@link #sleep} instead of sleeping.
 */
interface Ticker {

  long nanoTime();

  void sleep(Duration duration) throws InterruptedException;

  static Ticker system() {
    return SystemTicker.INSTANCE;
  }

  /** The real clock. */
  enum SystemTicker implements Ticker {
    INSTANCE;

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
      Thread.sleep(duration);
    }
  }
}

package io.dnsfailover.provider.route53;

import io.dnsfailover.spi.Ticker;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Spaces requests at least {@code 1/rate} seconds apart, so no one-second window holds more than
 * {@code rate} of them. No bursts: Route 53's documented floor is 5 requests per second per
 * account, shared by everything using that account, and a daemon has no reason to spend it in
 * bursts.
 *
 * <p>{@link #shared} hands out one limiter per key for the whole process, so every zone and every
 * provider entry using the same account shares it. Waiting happens outside the lock: a caller
 * reserves its slot, then sleeps until it.
 */
final class RateLimiter {

  private static final ConcurrentMap<String, RateLimiter> SHARED = new ConcurrentHashMap<>();

  private final long intervalNanos;
  private final double permitsPerSecond;
  private final Ticker ticker;
  private long nextFree;

  RateLimiter(double permitsPerSecond, Ticker ticker) {
    if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
      throw new IllegalArgumentException(
          "the request rate must be a positive number, was " + permitsPerSecond);
    }
    this.permitsPerSecond = permitsPerSecond;
    this.intervalNanos = Math.max(1, Math.round(1_000_000_000d / permitsPerSecond));
    this.ticker = ticker;
    this.nextFree = ticker.nanoTime();
  }

  /**
   * The process-wide limiter for {@code key} (see {@link Route53Settings#limiterKey()}). The first
   * caller's rate wins; providers sharing an account should set the same {@code
   * maxRequestsPerSecond}.
   */
  static RateLimiter shared(String key, double permitsPerSecond) {
    return SHARED.computeIfAbsent(
        key, unused -> new RateLimiter(permitsPerSecond, Ticker.system()));
  }

  double permitsPerSecond() {
    return permitsPerSecond;
  }

  /** Waits for this caller's slot. */
  void acquire() throws InterruptedException {
    long wait;
    synchronized (this) {
      long now = ticker.nanoTime();
      long slot = now - nextFree >= 0 ? now : nextFree;
      nextFree = slot + intervalNanos;
      wait = slot - now;
    }
    if (wait > 0) {
      ticker.sleep(Duration.ofNanos(wait));
    }
  }
}

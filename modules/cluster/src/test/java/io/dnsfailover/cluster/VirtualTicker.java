package io.dnsfailover.cluster;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Monotonic time that only moves when a test moves it; {@link #sleep} moves it. */
final class VirtualTicker implements Ticker {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public void sleep(Duration duration) {
    advance(duration);
  }

  void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }
}

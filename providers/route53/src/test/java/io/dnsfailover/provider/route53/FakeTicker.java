package io.dnsfailover.provider.route53;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A ticker whose time moves only when someone sleeps on it; remembers every sleep. */
final class FakeTicker implements Ticker {

  private long now = 1_000_000_000L;
  private final List<Duration> sleeps = new ArrayList<>();

  @Override
  public synchronized long nanoTime() {
    return now;
  }

  @Override
  public synchronized void sleep(Duration duration) {
    sleeps.add(duration);
    now += duration.toNanos();
  }

  synchronized void advance(Duration duration) {
    now += duration.toNanos();
  }

  synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  synchronized Duration elapsed() {
    return Duration.ofNanos(now - 1_000_000_000L);
  }
}

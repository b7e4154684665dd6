package io.dnsfailover.provider.clouddns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link CloudDnsProvider.Pacer} whose sleeps only advance its own clock, and are recorded. */
final class TestTiming implements CloudDnsProvider.Pacer {

  static final CloudDnsProvider.Timing TIMING =
      CloudDnsProvider.Timing.defaults(Duration.ofSeconds(60));

  private final List<Duration> sleeps = new ArrayList<>();
  private long nanos;

  @Override
  public synchronized long nanoTime() {
    return nanos;
  }

  @Override
  public synchronized void sleep(Duration duration) {
    sleeps.add(duration);
    nanos += duration.toNanos();
  }

  synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }
}

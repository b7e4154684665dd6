package io.dnsfailover.health.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.core.config.CheckSpec;
import io.dnsfailover.core.config.Probe;
import io.dnsfailover.health.ProbeResult;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProbeTimerTest {

  private static final Duration LIMIT = Duration.ofMillis(100);

  @Test
  void workBeforeTheFirstIoCountsNeitherAsLatencyNorAgainstMaxLatency() {
    // Slow set-up (a cold JVM loading classes), then quick I/O: the network was fast.
    ProbeResult result = new Scripted(Duration.ofMillis(300), Duration.ZERO).probe();

    assertThat(result.success()).as(result.detail()).isTrue();
    assertThat(result.latency()).isLessThan(LIMIT);
  }

  @Test
  void ioSlowerThanMaxLatencyStillFails() {
    ProbeResult result = new Scripted(Duration.ZERO, Duration.ofMillis(200)).probe();

    assertThat(result.success()).isFalse();
    assertThat(result.detail()).startsWith("latency ").endsWith("ms > 100ms");
    assertThat(result.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void aProbeThatNeverReachedItsIoReportsTheTimeItTook() {
    ProbeTimer timer = new ProbeTimer(LIMIT);

    assertThat(timer.elapsed()).isLessThan(LIMIT);
    long deadline = timer.start();
    assertThat(timer.start()).as("a second start keeps the first deadline").isEqualTo(deadline);
  }

  /** Sleeps {@code setUp}, starts the timer, sleeps {@code io}, succeeds. */
  private static final class Scripted extends AbstractChecker {
    private final Duration setUp;
    private final Duration io;

    Scripted(Duration setUp, Duration io) {
      super(
          new CheckSpec(
              Duration.ofSeconds(1),
              LIMIT,
              1,
              1,
              Optional.of(LIMIT),
              Optional.empty(),
              new Probe.Tcp("127.0.0.1", 9)),
          Clock.systemUTC());
      this.setUp = setUp;
      this.io = io;
    }

    @Override
    Attempt attempt(ProbeTimer timer) throws InterruptedException {
      Thread.sleep(setUp);
      timer.start();
      Thread.sleep(io);
      return Attempt.success("done");
    }
  }
}

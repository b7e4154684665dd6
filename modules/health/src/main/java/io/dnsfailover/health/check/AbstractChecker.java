package io.dnsfailover.health.check;

import io.dnsfailover.core.config.CheckSpec;
import io.dnsfailover.health.Checker;
import io.dnsfailover.health.ProbeResult;
import io.dnsfailover.spi.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The part every checker shares: it times the attempt, turns any exception into a failure with a
 * short detail, and fails a success that was slower than {@code maxLatency}.
 */
abstract class AbstractChecker implements Checker {

  private final Clock clock;
  private final Duration timeout;
  private final Optional<Duration> maxLatency;

  AbstractChecker(CheckSpec spec, Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timeout = spec.timeout();
    this.maxLatency = spec.maxLatency();
  }

  /** Probes once; may throw, and {@link #describe} turns the exception into a detail. */
  abstract Attempt attempt() throws Exception;

  /** The detail for an exception the attempt threw. */
  String describe(Exception error) {
    return Failures.describe(error, "timed out after " + Durations.format(timeout));
  }

  final Duration timeout() {
    return timeout;
  }

  @Override
  public final ProbeResult probe() {
    long start = System.nanoTime();
    Attempt outcome;
    try {
      outcome = attempt();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = Attempt.failure("interrupted");
    } catch (Exception e) {
      outcome = Attempt.failure(describe(e));
    }
    Duration latency =
        outcome.latency().orElseGet(() -> Duration.ofNanos(System.nanoTime() - start));
    Instant at = clock.instant();
    if (!outcome.success()) {
      return ProbeResult.failure(latency, outcome.detail(), at);
    }
    if (maxLatency.isPresent() && latency.compareTo(maxLatency.get()) > 0) {
      String detail =
          "latency " + latency.toMillis() + "ms > " + Durations.format(maxLatency.get());
      return ProbeResult.failure(latency, detail, at);
    }
    return ProbeResult.success(latency, outcome.detail(), at);
  }
}

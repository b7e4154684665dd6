package io.dnsfailover.health.check;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one probe attempt found, before {@link AbstractChecker} applies the latency limit and stamps
 * it into the {@link io.dnsfailover.health.ProbeResult} a checker returns. (Named for the attempt,
 * not "Outcome", so it is not mistaken for the planner's {@code RecordPlan.Outcome}.)
 *
 * @param latency the latency to report when the check measures it better than wall time (ICMP
 *     round-trip time); empty means the wall time of the attempt
 */
record Attempt(boolean success, String detail, Optional<Duration> latency) {

  Attempt {
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(latency, "latency");
  }

  static Attempt success(String detail) {
    return new Attempt(true, detail, Optional.empty());
  }

  static Attempt failure(String detail) {
    return new Attempt(false, detail, Optional.empty());
  }
}

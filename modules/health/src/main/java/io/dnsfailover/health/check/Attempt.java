package io.dnsfailover.health.check;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one probe attempt found, before the latency limit is applied.
 *
 * @param latency the latency to report when the check measures it better than wall time (ICMP
 *     round-trip time); empty means the wall time of the attempt
 */
record Outcome(boolean success, String detail, Optional<Duration> latency) {

  Outcome {
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(latency, "latency");
  }

  static Outcome success(String detail) {
    return new Outcome(true, detail, Optional.empty());
  }

  static Outcome failure(String detail) {
    return new Outcome(false, detail, Optional.empty());
  }
}

package io.dnsfailover.health;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An endpoint's health at one moment: what the policy reads, and what the state file keeps between
 * cron runs so rise/fall count across them.
 *
 * @param successes consecutive successful probes up to now (0 after a failure)
 * @param failures consecutive failed probes up to now (0 after a success)
 * @param since when {@code status} last changed
 * @param last the latest probe, if any
 */
public record HealthSnapshot(
    HealthStatus status,
    int successes,
    int failures,
    Optional<Instant> since,
    Optional<ProbeResult> last) {

  public HealthSnapshot {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(last, "last");
  }

  public static HealthSnapshot unknown() {
    return new HealthSnapshot(HealthStatus.UNKNOWN, 0, 0, Optional.empty(), Optional.empty());
  }

  public boolean healthy() {
    return status == HealthStatus.HEALTHY;
  }
}

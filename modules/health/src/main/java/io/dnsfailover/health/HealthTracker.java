package io.dnsfailover.health;

import java.util.Objects;
import java.util.Optional;

/**
 * One endpoint's rise/fall hysteresis: turns a stream of probe results into a {@link HealthStatus}.
 * Thread-safe.
 *
 * <ul>
 *   <li>UNKNOWN: the first probe decides at once (success: HEALTHY, failure: UNHEALTHY).
 *   <li>HEALTHY becomes UNHEALTHY after {@code fall} consecutive failures.
 *   <li>UNHEALTHY becomes HEALTHY after {@code rise} consecutive successes.
 *   <li>A success resets the failure count, and a failure the success count.
 * </ul>
 *
 * Starting from a snapshot restored from the state file makes rise/fall count across cron runs.
 */
public final class HealthTracker {

  private final String endpointKey;
  private final int rise;
  private final int fall;
  private HealthSnapshot current;

  /**
   * @param rise consecutive successes that turn an unhealthy endpoint healthy; at least 1
   * @param fall consecutive failures that turn a healthy endpoint unhealthy; at least 1
   * @param initial the state to continue from: {@link HealthSnapshot#unknown()} for a new endpoint
   */
  public HealthTracker(String endpointKey, int rise, int fall, HealthSnapshot initial) {
    this.endpointKey = Objects.requireNonNull(endpointKey, "endpointKey");
    if (rise < 1 || fall < 1) {
      throw new IllegalArgumentException(
          "rise and fall must be at least 1, were " + rise + " and " + fall);
    }
    this.rise = rise;
    this.fall = fall;
    this.current = Objects.requireNonNull(initial, "initial");
  }

  /** Counts one probe; returns the transition it caused, if any. */
  public synchronized Optional<Transition> record(ProbeResult result) {
    HealthStatus from = current.status();
    int successes = result.success() ? saturatedIncrement(current.successes()) : 0;
    int failures = result.success() ? 0 : saturatedIncrement(current.failures());
    HealthStatus to = next(from, result.success(), successes, failures);
    boolean changed = to != from;
    current =
        new HealthSnapshot(
            to,
            successes,
            failures,
            changed ? Optional.of(result.at()) : current.since(),
            Optional.of(result));
    if (!changed) {
      return Optional.empty();
    }
    return Optional.of(
        new Transition(
            endpointKey, from, to, reason(from, result, successes, failures), result.at()));
  }

  public synchronized HealthSnapshot snapshot() {
    return current;
  }

  public String endpointKey() {
    return endpointKey;
  }

  private HealthStatus next(HealthStatus from, boolean success, int successes, int failures) {
    return switch (from) {
      case UNKNOWN -> success ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY;
      case HEALTHY -> failures >= fall ? HealthStatus.UNHEALTHY : HealthStatus.HEALTHY;
      case UNHEALTHY -> successes >= rise ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY;
    };
  }

  private String reason(HealthStatus from, ProbeResult result, int successes, int failures) {
    if (from == HealthStatus.UNKNOWN) {
      return "first probe: " + result.detail();
    }
    if (result.success()) {
      return result.detail()
          + " ("
          + count(successes, "success", "successes")
          + ", rise "
          + rise
          + ")";
    }
    return result.detail() + " (" + count(failures, "failure", "failures") + ", fall " + fall + ")";
  }

  private static String count(int n, String one, String many) {
    return n + " consecutive " + (n == 1 ? one : many);
  }

  private static int saturatedIncrement(int n) {
    return n == Integer.MAX_VALUE ? n : n + 1;
  }
}

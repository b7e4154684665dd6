package io.dnsfailover.core.plan;

import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import java.util.Objects;
import java.util.Optional;

/**
 * What the plan decided for one managed record: what the provider holds, what the policy wants, and
 * why. This is what {@code plan} prints per record and what {@code /status} reports.
 */
public record RecordPlan(
    RecordKey key,
    Optional<RecordSet> current,
    Optional<RecordSet> desired,
    Outcome outcome,
    String reason) {

  /** The decision for one record. */
  public enum Outcome {
    /** The provider already answers what the policy wants. */
    UNCHANGED,
    CREATE,
    UPDATE,
    DELETE,
    /** The policy keeps the record as it is (all endpoints down with {@code keep}, or waiting). */
    KEEP,
    /** The record exists but is not ours: reported and left alone. */
    CONFLICT
  }

  public RecordPlan {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(desired, "desired");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reason, "reason");
  }

  public boolean changes() {
    return outcome == Outcome.CREATE || outcome == Outcome.UPDATE || outcome == Outcome.DELETE;
  }
}

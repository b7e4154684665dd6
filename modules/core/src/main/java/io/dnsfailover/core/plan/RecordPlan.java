package io.dnsfailover.core.plan;

import io.dnsfailover.spi.Location;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the plan decided for one managed record: what the provider holds, what the policy wants, and
 * why. This is what {@code plan} prints per record and what {@code /status} reports.
 *
 * @param locations for a geo record whose locations were decided one by one, why each answers what
 *     it does, in location order (what each answers is in {@code current} and {@code desired});
 *     empty for every other record, and for a geo record decided as a whole (waiting for probes,
 *     every endpoint down)
 */
public record RecordPlan(
    RecordKey key,
    Optional<RecordSet> current,
    Optional<RecordSet> desired,
    Outcome outcome,
    String reason,
    List<LocationReason> locations) {

  /** Why one location of a geo record answers what it does. */
  public record LocationReason(Location location, String reason) {
    public LocationReason {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(reason, "reason");
    }
  }

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
    locations = List.copyOf(locations);
  }

  /** A record decided as a whole. */
  public RecordPlan(
      RecordKey key,
      Optional<RecordSet> current,
      Optional<RecordSet> desired,
      Outcome outcome,
      String reason) {
    this(key, current, desired, outcome, reason, List.of());
  }

  public boolean changes() {
    return outcome == Outcome.CREATE || outcome == Outcome.UPDATE || outcome == Outcome.DELETE;
  }
}

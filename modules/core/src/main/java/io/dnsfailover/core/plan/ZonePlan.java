package io.dnsfailover.core.plan;

import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.Zone;
import java.util.List;
import java.util.Objects;

/**
 * The plan for one zone: the changes to send to its provider in one apply, the decision for every
 * managed record, and notes (such as "published as multi-value: no native weights").
 */
public record ZonePlan(
    Zone zone,
    String providerType,
    List<Change> changes,
    List<RecordPlan> records,
    List<String> notes) {

  public ZonePlan {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(providerType, "providerType");
    changes = List.copyOf(changes);
    records = List.copyOf(records);
    notes = List.copyOf(notes);
  }

  public List<RecordPlan> conflicts() {
    return records.stream()
        .filter(record -> record.outcome() == RecordPlan.Outcome.CONFLICT)
        .toList();
  }
}

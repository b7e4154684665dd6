package io.dnsfailover.core.plan;

import io.dnsfailover.spi.Change;
import java.util.List;

/** The plan for a whole config: one {@link ZonePlan} per zone, in config order. */
public record Plan(List<ZonePlan> zones) {

  public Plan {
    zones = List.copyOf(zones);
  }

  public boolean hasChanges() {
    return zones.stream().anyMatch(zone -> !zone.changes().isEmpty());
  }

  public List<Change> changes() {
    return zones.stream().flatMap(zone -> zone.changes().stream()).toList();
  }

  public List<RecordPlan> conflicts() {
    return zones.stream().flatMap(zone -> zone.conflicts().stream()).toList();
  }

  public long count(Class<? extends Change> kind) {
    return changes().stream().filter(kind::isInstance).count();
  }
}

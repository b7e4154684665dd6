package io.dnsfailover.engine.report;

import io.dnsfailover.core.plan.RecordPlan;
import io.dnsfailover.spi.Location;
import io.dnsfailover.spi.RecordSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A geo record location by location, as {@code plan} and {@code /status} show it: what each
 * location answers now, what it will answer, and why. Shared by the text, JSON and Markdown plans
 * and the status document, so they never disagree.
 */
public final class LocationRows {

  /**
   * One location of a geo record.
   *
   * @param current what users there get now; empty when the provider holds no answer for them
   * @param desired what they will get; empty when the location is left out (its users fall back)
   * @param reason why, when the plan decided the location on its own
   */
  public record Row(
      Location location,
      Optional<List<String>> current,
      Optional<List<String>> desired,
      Optional<String> reason) {
    public Row {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(current, "current");
      Objects.requireNonNull(desired, "desired");
      Objects.requireNonNull(reason, "reason");
    }
  }

  private LocationRows() {}

  /** True when {@code plan} is about a geo record: one of its record sets or reasons is. */
  public static boolean isGeo(RecordPlan plan) {
    return !plan.locations().isEmpty()
        || plan.current().filter(RecordSet::isGeo).isPresent()
        || plan.desired().filter(RecordSet::isGeo).isPresent();
  }

  /** The rows of {@code plan}'s record, as the plan read and planned it. */
  public static List<Row> of(RecordPlan plan) {
    Optional<RecordSet> desired =
        plan.outcome() == RecordPlan.Outcome.CONFLICT ? plan.current() : plan.desired();
    return of(plan.current(), desired, plan.locations(), List.of());
  }

  /**
   * A row for every location of {@code configured}, of {@code current} and {@code desired}, and of
   * {@code reasons}, in location order.
   */
  public static List<Row> of(
      Optional<RecordSet> current,
      Optional<RecordSet> desired,
      List<RecordPlan.LocationReason> reasons,
      Collection<Location> configured) {
    SortedSet<Location> locations = new TreeSet<>(configured);
    current.ifPresent(set -> locations.addAll(set.locations().keySet()));
    desired.ifPresent(set -> locations.addAll(set.locations().keySet()));
    Map<Location, String> why = new HashMap<>();
    for (RecordPlan.LocationReason reason : reasons) {
      locations.add(reason.location());
      why.put(reason.location(), reason.reason());
    }
    List<Row> rows = new ArrayList<>();
    for (Location location : locations) {
      rows.add(
          new Row(
              location,
              current.map(set -> set.locations().get(location)),
              desired.map(set -> set.locations().get(location)),
              Optional.ofNullable(why.get(location))));
    }
    return List.copyOf(rows);
  }

  /** "192.0.2.10", "192.0.2.10 -> 192.0.2.11", "192.0.2.20 -> (none)". */
  public static String change(Row row) {
    String now = values(row.current());
    String then = values(row.desired());
    return now.equals(then) ? now : now + " -> " + then;
  }

  static String values(Optional<List<String>> values) {
    return values.map(list -> String.join(",", list)).orElse("(none)");
  }
}

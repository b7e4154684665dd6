package io.dnsfailover.engine.verify;

import io.dnsfailover.core.plan.RecordPlan;
import io.dnsfailover.core.plan.ZonePlan;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a server must answer for one managed record once a change is served.
 *
 * @param values the record's values; empty when the record must not exist
 * @param oneOf true for a native weighted record (Route 53), whose answers each hold some of the
 *     members, and for a geo record, whose answer is that of the location the querier is in: an
 *     answer counts when it is a non-empty subset of {@code values}
 */
public record Expectation(RecordKey key, List<String> values, boolean oneOf) {

  public Expectation {
    Objects.requireNonNull(key, "key");
    values = values.stream().sorted().distinct().toList();
  }

  /** True when {@code answer} is what this expects. */
  public boolean isMetBy(List<String> answer) {
    if (oneOf && !values.isEmpty()) {
      return !answer.isEmpty() && values.containsAll(answer);
    }
    return answer.stream().sorted().distinct().toList().equals(values);
  }

  /** "192.0.2.20", "no record". */
  public String describeValues() {
    return describe(values);
  }

  static String describe(List<String> values) {
    return values.isEmpty() ? "no record" : String.join(",", values);
  }

  /**
   * What every server should answer for the zone's address and alias records once {@code plan} is
   * in effect: the new values of each changed record, the current values of the others. Ownership
   * markers and records left alone because of a conflict are not checked.
   */
  public static List<Expectation> of(ZonePlan plan) {
    List<Expectation> expectations = new ArrayList<>();
    for (RecordPlan record : plan.records()) {
      if (record.key().type() == RecordType.TXT
          || record.outcome() == RecordPlan.Outcome.CONFLICT) {
        continue;
      }
      Optional<RecordSet> held = record.changes() ? record.desired() : record.current();
      expectations.add(
          new Expectation(
              record.key(),
              held.map(RecordSet::values).orElse(List.of()),
              held.map(set -> set.isWeighted() || set.isGeo()).orElse(false)));
    }
    return expectations;
  }
}

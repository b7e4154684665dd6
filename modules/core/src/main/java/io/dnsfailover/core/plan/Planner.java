package io.dnsfailover.core.plan;

import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.core.config.Policy;
import io.dnsfailover.core.config.RecordConfig;
import io.dnsfailover.core.config.ZoneConfig;
import io.dnsfailover.core.plan.RecordPlan.Outcome;
import io.dnsfailover.core.policy.Answer;
import io.dnsfailover.spi.Capabilities;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.WeightedValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Diffs what the policies want against what a zone's provider holds, under the ownership rules of
 * DESIGN.md: a record is changed only when its {@code _dnsfailover.<name>} marker names our owner
 * (or the record does not exist yet, or {@code adopt: true} says to take it over); a record the
 * config does not list is never read, let alone changed. Health-driven changes are never capped: a
 * data-centre outage fails over every record at once.
 */
public final class Planner {

  private final String ownerId;

  public Planner(String ownerId) {
    this.ownerId = ownerId;
  }

  /**
   * The keys to read from the provider for {@code zone}: every managed record, its ownership
   * marker, and the record types that cannot share a name with it (CNAME beside A/AAAA), so a clash
   * is reported instead of failing at the provider.
   */
  public static Set<RecordKey> keysToRead(ZoneConfig zone) {
    Set<RecordKey> keys = new TreeSet<>();
    for (RecordConfig record : zone.records()) {
      keys.add(record.key());
      keys.add(RecordKey.markerFor(record.name()));
      for (RecordType clashing : clashingTypes(record.type())) {
        keys.add(new RecordKey(record.name(), clashing));
      }
    }
    return keys;
  }

  /** Plans {@code zone}: {@code answers} by record key, {@code current} as the provider listed. */
  public ZonePlan plan(
      ZoneConfig zone,
      String providerType,
      Capabilities capabilities,
      Map<RecordKey, Answer> answers,
      List<RecordSet> current) {
    Map<RecordKey, RecordSet> held =
        current.stream()
            .collect(Collectors.toMap(RecordSet::key, Function.identity(), (a, b) -> a));
    Set<RecordKey> managed =
        zone.records().stream().map(RecordConfig::key).collect(Collectors.toSet());
    List<Change> markerChanges = new ArrayList<>();
    List<Change> recordChanges = new ArrayList<>();
    List<RecordPlan> decisions = new ArrayList<>();
    Set<String> notes = new LinkedHashSet<>();
    Map<DnsName, Ownership> ownershipByName = new HashMap<>();

    for (RecordConfig record : zone.records()) {
      Answer answer = answers.get(record.key());
      if (answer == null) {
        throw new IllegalArgumentException("no answer for " + record.key());
      }
      Optional<RecordSet> before = Optional.ofNullable(held.get(record.key()));
      Ownership ownership =
          ownershipByName.computeIfAbsent(record.name(), name -> ownership(zone, name, held));
      Optional<String> clash = clash(record, held, managed);
      if (clash.isPresent() || ownership.conflict().isPresent()) {
        String why = clash.orElseGet(() -> ownership.conflict().orElseThrow());
        decisions.add(
            new RecordPlan(record.key(), before, Optional.empty(), Outcome.CONFLICT, why));
        continue;
      }
      Optional<RecordSet> after = desired(record, answer, before, capabilities, notes);
      RecordPlan decision = decide(record.key(), before, after, answer);
      decisions.add(decision);
      Optional<Change> change = change(decision);
      change.ifPresent(recordChanges::add);
      // A new record, or an adopted one, gets our marker in the same apply.
      if (ownership.needsMarker() && after.isPresent()) {
        RecordSet marker = OwnershipMarker.recordFor(record.name(), ownerId, record.ttl());
        markerChanges.add(new Change.Create(marker, ownership.markerReason()));
        ownershipByName.put(record.name(), ownership.markerWritten());
      }
    }
    List<Change> changes = new ArrayList<>(markerChanges);
    changes.addAll(recordChanges);
    return new ZonePlan(zone.zone(), providerType, changes, decisions, List.copyOf(notes));
  }

  /** Who owns a name, decided once per name from its marker and whether records exist. */
  private record Ownership(Optional<String> conflict, boolean needsMarker, String markerReason) {
    Ownership markerWritten() {
      return new Ownership(conflict, false, markerReason);
    }
  }

  private Ownership ownership(ZoneConfig zone, DnsName name, Map<RecordKey, RecordSet> held) {
    RecordSet marker = held.get(RecordKey.markerFor(name));
    if (marker != null) {
      Optional<String> owner = OwnershipMarker.ownerOf(marker);
      if (owner.isPresent() && owner.get().equals(ownerId)) {
        return new Ownership(Optional.empty(), false, "");
      }
      String why =
          owner
              .map(other -> "owned by " + other + " (marker " + name.markerName() + ")")
              .orElse(
                  "a TXT record that is not our ownership marker exists at " + name.markerName());
      return new Ownership(Optional.of(why + "; left alone"), false, "");
    }
    List<RecordConfig> unmarked =
        zone.records().stream()
            .filter(record -> record.name().equals(name) && held.containsKey(record.key()))
            .toList();
    if (unmarked.isEmpty()) {
      return new Ownership(Optional.empty(), true, "marks " + name + " as owned by " + ownerId);
    }
    if (unmarked.stream().allMatch(RecordConfig::adopt)) {
      return new Ownership(
          Optional.empty(), true, "adopt: true takes over " + name + " for " + ownerId);
    }
    return new Ownership(
        Optional.of(
            "exists without an ownership marker ("
                + name.markerName()
                + "); left alone: set adopt: true on the record to take it over"),
        false,
        "");
  }

  private static Optional<String> clash(
      RecordConfig record, Map<RecordKey, RecordSet> held, Set<RecordKey> managed) {
    for (RecordType type : clashingTypes(record.type())) {
      RecordKey other = new RecordKey(record.name(), type);
      if (held.containsKey(other) && !managed.contains(other)) {
        return Optional.of(
            "a "
                + type
                + " record exists at "
                + record.name()
                + " and cannot share its name with "
                + record.type()
                + "; left alone");
      }
    }
    return Optional.empty();
  }

  private static List<RecordType> clashingTypes(RecordType type) {
    return switch (type) {
      case A, AAAA -> List.of(RecordType.CNAME);
      case CNAME -> List.of(RecordType.A, RecordType.AAAA);
      case TXT -> List.of();
    };
  }

  private static Optional<RecordSet> desired(
      RecordConfig record,
      Answer answer,
      Optional<RecordSet> before,
      Capabilities capabilities,
      Set<String> notes) {
    return switch (answer) {
      case Answer.Keep keep -> before;
      case Answer.Remove remove -> Optional.empty();
      case Answer.Publish publish -> Optional.of(publish(record, publish, capabilities, notes));
    };
  }

  private static RecordSet publish(
      RecordConfig record, Answer.Publish publish, Capabilities capabilities, Set<String> notes) {
    int ttl = Math.max(record.ttl(), capabilities.minTtl());
    if (ttl != record.ttl()) {
      notes.add(
          record.key() + ": ttl " + record.ttl() + " raised to the provider's minimum " + ttl);
    }
    if (record.policy() == Policy.WEIGHTED && capabilities.nativeWeights()) {
      List<WeightedValue> members =
          publish.endpoints().stream()
              .map(e -> new WeightedValue(e.id(), e.address(), e.weight()))
              .toList();
      return RecordSet.weighted(record.name(), record.type(), ttl, members);
    }
    if (record.policy() == Policy.WEIGHTED) {
      notes.add(
          record.key()
              + ": weighted is published as a multi-value answer (the provider has no native"
              + " weights)");
    }
    List<String> values = publish.endpoints().stream().map(EndpointConfig::address).toList();
    return RecordSet.of(record.name(), record.type(), ttl, values);
  }

  private static RecordPlan decide(
      RecordKey key, Optional<RecordSet> before, Optional<RecordSet> after, Answer answer) {
    Outcome outcome;
    if (answer instanceof Answer.Keep) {
      outcome = Outcome.KEEP;
    } else if (before.equals(after)) {
      outcome = Outcome.UNCHANGED;
    } else if (before.isEmpty()) {
      outcome = Outcome.CREATE;
    } else if (after.isEmpty()) {
      outcome = Outcome.DELETE;
    } else {
      outcome = Outcome.UPDATE;
    }
    return new RecordPlan(key, before, after, outcome, answer.reason());
  }

  private static Optional<Change> change(RecordPlan decision) {
    return switch (decision.outcome()) {
      case CREATE ->
          Optional.of(new Change.Create(decision.desired().orElseThrow(), decision.reason()));
      case UPDATE ->
          Optional.of(
              new Change.Update(
                  decision.current().orElseThrow(),
                  decision.desired().orElseThrow(),
                  decision.reason()));
      case DELETE ->
          Optional.of(new Change.Delete(decision.current().orElseThrow(), decision.reason()));
      case UNCHANGED, KEEP, CONFLICT -> Optional.empty();
    };
  }
}

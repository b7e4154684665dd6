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
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.Location;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.WeightedValue;
import io.dnsfailover.spi.ZoneContents;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Diffs what the policies want against what a zone's provider holds, under the ownership rules of
 * DESIGN.md: a record is changed only when its {@code _dnsfailover.<name>} marker names our owner
 * (or the record does not exist yet, or {@code adopt: true} says to take it over); a record the
 * config does not list is never read, let alone changed. Nor does it plan what a server would
 * refuse to load: a CNAME beside any other data at its name, or other data beside a CNAME, is a
 * conflict whoever owns it. Health-driven changes are never capped: a data-centre outage fails over
 * every record at once.
 */
public final class Planner {

  /**
   * Types a CNAME may have beside it (RFC 4035 2.5: the DNSSEC records of the CNAME itself; RFC
   * 2535's KEY, SIG and NXT before them). BIND accepts these at a CNAME's name.
   */
  private static final Set<String> BESIDE_CNAME = Set.of("RRSIG", "NSEC", "KEY", "SIG", "NXT");

  private final String ownerId;

  public Planner(String ownerId) {
    this.ownerId = ownerId;
  }

  /**
   * The keys to read from the provider for {@code zone}: every managed record, its ownership
   * marker, the record types that cannot share a name with it (a CNAME shares its name with
   * nothing), and a CNAME at the marker's name (the marker's TXT cannot go beside one), so a clash
   * is reported instead of written. Data of other types (MX, SRV, ...) comes with {@link
   * DnsProvider#contents}.
   */
  public static Set<RecordKey> keysToRead(ZoneConfig zone) {
    Set<RecordKey> keys = new TreeSet<>();
    for (RecordConfig record : zone.records()) {
      keys.add(record.key());
      keys.add(RecordKey.markerFor(record.name()));
      keys.add(new RecordKey(record.name().markerName(), RecordType.CNAME));
      for (RecordType clashing : clashingTypes(record.type())) {
        keys.add(new RecordKey(record.name(), clashing));
      }
    }
    return keys;
  }

  /**
   * Plans {@code zone} against record sets only, as from a provider that reports no other data (see
   * {@link DnsProvider#contents}).
   */
  public ZonePlan plan(
      ZoneConfig zone,
      String providerType,
      Capabilities capabilities,
      Map<RecordKey, Answer> answers,
      List<RecordSet> current) {
    return plan(zone, providerType, capabilities, answers, ZoneContents.of(current));
  }

  /**
   * Plans {@code zone}: {@code answers} by record key, {@code current} as the provider read it for
   * {@link #keysToRead}.
   */
  public ZonePlan plan(
      ZoneConfig zone,
      String providerType,
      Capabilities capabilities,
      Map<RecordKey, Answer> answers,
      ZoneContents current) {
    Map<RecordKey, RecordSet> held =
        current.recordSets().stream()
            .collect(Collectors.toMap(RecordSet::key, Function.identity(), (a, b) -> a));
    List<Change> markerChanges = new ArrayList<>();
    List<Change> recordChanges = new ArrayList<>();
    List<RecordPlan> decisions = new ArrayList<>();
    Set<String> notes = new LinkedHashSet<>();
    Map<DnsName, Ownership> ownershipByName = new HashMap<>();
    Map<DnsName, List<RecordConfig>> recordsByName = new HashMap<>();
    for (RecordConfig record : zone.records()) {
      recordsByName.computeIfAbsent(record.name(), unused -> new ArrayList<>(1)).add(record);
    }

    for (RecordConfig record : zone.records()) {
      Answer answer = answers.get(record.key());
      if (answer == null) {
        throw new IllegalArgumentException("no answer for " + record.key());
      }
      Optional<RecordSet> before = Optional.ofNullable(held.get(record.key()));
      Ownership ownership =
          ownershipByName.computeIfAbsent(
              record.name(), name -> ownership(name, recordsByName.get(name), held));
      Optional<String> clash =
          unanswerable(record, providerType, capabilities).or(() -> clash(record, held, current));
      if (clash.isPresent() || ownership.conflict().isPresent()) {
        String why = clash.orElseGet(() -> ownership.conflict().orElseThrow());
        decisions.add(
            new RecordPlan(record.key(), before, Optional.empty(), Outcome.CONFLICT, why));
        continue;
      }
      Optional<RecordSet> after = desired(record, answer, before, capabilities, notes);
      RecordPlan decision = decide(record.key(), before, after, answer, capabilities);
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

  /**
   * @param atName the zone's records at {@code name}: looked up, not filtered out of the whole zone
   *     per name, so a zone's plan costs time in proportion to its records
   */
  private Ownership ownership(
      DnsName name, List<RecordConfig> atName, Map<RecordKey, RecordSet> held) {
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
    if (held.containsKey(new RecordKey(name.markerName(), RecordType.CNAME))) {
      return new Ownership(
          Optional.of(
              "a CNAME record exists at "
                  + name.markerName()
                  + ", where the ownership marker (TXT) must go; left alone"),
          false,
          "");
    }
    List<RecordConfig> unmarked =
        atName.stream().filter(record -> held.containsKey(record.key())).toList();
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

  /**
   * Why {@code record} cannot be published at its name, or empty when it can. A CNAME must be the
   * only data at its name (RFC 1034 3.6.2), whoever owns the rest: a server refuses the whole zone
   * otherwise, so a clash is a conflict even when all of it is ours. DNSSEC records are the
   * exception RFC 4035 makes.
   */
  private static Optional<String> clash(
      RecordConfig record, Map<RecordKey, RecordSet> held, ZoneContents current) {
    DnsName name = record.name();
    Set<String> others = new TreeSet<>();
    for (RecordType type : clashingTypes(record.type())) {
      if (held.containsKey(new RecordKey(name, type))) {
        others.add(type.name());
      }
    }
    if (record.type() == RecordType.CNAME) {
      current.otherTypesAt(name).stream()
          .filter(type -> !BESIDE_CNAME.contains(type))
          .forEach(others::add);
      if (others.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          "other records exist at "
              + name
              + " ("
              + String.join(", ", others)
              + ") and a CNAME cannot share its name with them; left alone");
    }
    if (others.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "a CNAME record exists at "
            + name
            + " and cannot share its name with "
            + record.type()
            + "; left alone");
  }

  /**
   * Why the provider cannot publish {@code record} at all: a geo record on a provider that does not
   * answer by its kinds of location. {@code validate} refuses such a config; this keeps a provider
   * reached some other way from publishing one answer for everyone.
   */
  private static Optional<String> unanswerable(
      RecordConfig record, String providerType, Capabilities capabilities) {
    if (record.policy() != Policy.GEO) {
      return Optional.empty();
    }
    Set<Location.Kind> kinds = new TreeSet<>();
    record.endpoints().forEach(endpoint -> endpoint.location().ifPresent(l -> kinds.add(l.kind())));
    if (capabilities.answersBy(kinds)) {
      return Optional.empty();
    }
    return Optional.of(
        "the "
            + providerType
            + " provider cannot answer by "
            + Location.describe(kinds)
            + " locations; left alone");
  }

  /** The types that cannot share a name with {@code type}: everything, for a CNAME. */
  private static List<RecordType> clashingTypes(RecordType type) {
    return switch (type) {
      case A, AAAA, TXT -> List.of(RecordType.CNAME);
      case CNAME ->
          Arrays.stream(RecordType.values()).filter(other -> other != RecordType.CNAME).toList();
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
      case Answer.ByLocation byLocation ->
          byLocation(record, byLocation, before, capabilities, notes);
    };
  }

  /**
   * A geo record set of what each location publishes, or keeps as the provider holds it there; a
   * removed location is absent. Nothing left anywhere removes the record.
   */
  private static Optional<RecordSet> byLocation(
      RecordConfig record,
      Answer.ByLocation answer,
      Optional<RecordSet> before,
      Capabilities capabilities,
      Set<String> notes) {
    Map<Location, List<String>> locations = new TreeMap<>();
    for (Answer.Located located : answer.locations()) {
      Location location = located.location();
      switch (located.answer()) {
        case Answer.Publish publish ->
            locations.put(
                location, publish.endpoints().stream().map(EndpointConfig::address).toList());
        case Answer.Keep keep ->
            before
                .map(held -> held.locations().get(location))
                .ifPresent(values -> locations.put(location, values));
        case Answer.Remove remove -> {}
        case Answer.ByLocation nested ->
            throw new IllegalArgumentException("a location's answer cannot be by location");
      }
    }
    if (locations.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        RecordSet.geo(record.name(), record.type(), ttl(record, capabilities, notes), locations));
  }

  private static int ttl(RecordConfig record, Capabilities capabilities, Set<String> notes) {
    int ttl = Math.max(record.ttl(), capabilities.minTtl());
    if (ttl != record.ttl()) {
      notes.add(
          record.key() + ": ttl " + record.ttl() + " raised to the provider's minimum " + ttl);
    }
    return ttl;
  }

  private static RecordSet publish(
      RecordConfig record, Answer.Publish publish, Capabilities capabilities, Set<String> notes) {
    int ttl = ttl(record, capabilities, notes);
    if (record.policy() == Policy.GEO) {
      // whenAllDown: all on the whole record: every endpoint answers in its own location.
      Map<Location, List<String>> locations = new TreeMap<>();
      for (EndpointConfig endpoint : publish.endpoints()) {
        locations
            .computeIfAbsent(endpoint.location().orElseThrow(), unused -> new ArrayList<>())
            .add(endpoint.address());
      }
      return RecordSet.geo(record.name(), record.type(), ttl, locations);
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
      RecordKey key,
      Optional<RecordSet> before,
      Optional<RecordSet> after,
      Answer answer,
      Capabilities capabilities) {
    Outcome outcome;
    if (answer instanceof Answer.Keep) {
      outcome = Outcome.KEEP;
    } else if (before.equals(after.map(desired -> asHeld(desired, capabilities)))) {
      outcome = Outcome.UNCHANGED;
    } else if (before.isEmpty()) {
      outcome = Outcome.CREATE;
    } else if (after.isEmpty()) {
      outcome = Outcome.DELETE;
    } else {
      outcome = Outcome.UPDATE;
    }
    List<RecordPlan.LocationReason> locations =
        answer instanceof Answer.ByLocation byLocation
            ? byLocation.locations().stream()
                .map(
                    located ->
                        new RecordPlan.LocationReason(
                            located.location(), located.answer().reason()))
                .toList()
            : List.of();
    return new RecordPlan(key, before, after, outcome, answer.reason(), locations);
  }

  /**
   * {@code desired} as the provider would read it back: a provider that cannot keep member ids
   * names each weighted member by its value, so endpoint ids are no difference there. A member it
   * reads back under another name (Cloud DNS: a part of a routing policy someone else wrote) still
   * differs, and is replaced.
   */
  private static RecordSet asHeld(RecordSet desired, Capabilities capabilities) {
    return capabilities.keepsMemberIds() ? desired : desired.withValuesAsMemberIds();
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

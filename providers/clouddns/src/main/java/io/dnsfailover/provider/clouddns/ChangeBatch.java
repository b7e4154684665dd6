package io.dnsfailover.provider.clouddns;

import com.google.api.services.dns.model.ResourceRecordSet;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One Cloud DNS change: the engine's changes it carries and the deletions and additions that make
 * them. {@link #plan} packs a list of changes into as few as the API's limits allow (normally one).
 *
 * <ul>
 *   <li>Deletions are the rrsets exactly as {@link CloudDnsProvider#records} listed them, when what
 *       was listed is the change's {@code before}; otherwise {@code before} encoded.
 *   <li>An update that changes nothing Cloud DNS stores (only member ids differ) sends no rrsets.
 *   <li>Weighted members' ids are written into the ownership marker of their name ({@link
 *       MemberIds}): into the marker the same call creates, or by replacing the listed marker when
 *       it lacks an id. A marker is only ever extended this way, never created by the provider.
 * </ul>
 */
record ChangeBatch(
    List<Change> changes, List<ResourceRecordSet> deletions, List<ResourceRecordSet> additions) {

  ChangeBatch {
    changes = List.copyOf(changes);
    deletions = List.copyOf(deletions);
    additions = List.copyOf(additions);
  }

  boolean isEmpty() {
    return deletions.isEmpty() && additions.isEmpty();
  }

  /** The request body. */
  com.google.api.services.dns.model.Change body() {
    com.google.api.services.dns.model.Change body = new com.google.api.services.dns.model.Change();
    if (!deletions.isEmpty()) {
      body.setDeletions(new ArrayList<>(deletions));
    }
    if (!additions.isEmpty()) {
      body.setAdditions(new ArrayList<>(additions));
    }
    return body;
  }

  /** What one engine change (or one marker extension) needs, kept together in one batch. */
  private record Unit(
      Optional<Change> change,
      List<ResourceRecordSet> deletions,
      List<ResourceRecordSet> additions) {
    int bytes() {
      int bytes = 0;
      for (ResourceRecordSet rrset : deletions) {
        bytes += RrsetCodec.rrdataBytes(rrset);
      }
      for (ResourceRecordSet rrset : additions) {
        bytes += RrsetCodec.rrdataBytes(rrset);
      }
      return bytes;
    }
  }

  /**
   * Packs {@code changes} into batches, splitting only where one change would pass {@link
   * CloudDnsProvider#MAX_RECORDS_PER_CHANGE} additions or deletions or {@link
   * CloudDnsProvider#MAX_RRDATA_BYTES_PER_CHANGE} bytes.
   *
   * @param listed the rrsets as last listed, by key
   */
  static List<ChangeBatch> plan(List<Change> changes, Map<RecordKey, ResourceRecordSet> listed) {
    Map<RecordKey, RecordSet> markerAfters = new HashMap<>();
    List<Unit> units = new ArrayList<>();
    markerExtensions(changes, listed, markerAfters, units);
    for (Change change : changes) {
      units.add(unit(change, listed, markerAfters));
    }
    return pack(units);
  }

  private static Unit unit(
      Change change,
      Map<RecordKey, ResourceRecordSet> listed,
      Map<RecordKey, RecordSet> markerAfters) {
    return switch (change) {
      case Change.Create create ->
          new Unit(
              Optional.of(change),
              List.of(),
              List.of(RrsetCodec.toRrset(markerAfters.getOrDefault(create.key(), create.after()))));
      case Change.Update update -> {
        RecordSet after = markerAfters.getOrDefault(update.key(), update.after());
        if (WireForm.same(update.before(), after) && !markerAfters.containsKey(update.key())) {
          yield new Unit(Optional.of(change), List.of(), List.of());
        }
        yield new Unit(
            Optional.of(change),
            List.of(deletion(update.before(), listed)),
            List.of(RrsetCodec.toRrset(after)));
      }
      case Change.Delete delete ->
          new Unit(Optional.of(change), List.of(deletion(delete.before(), listed)), List.of());
    };
  }

  /** The rrset to delete for {@code before}: as listed when that is what {@code before} is. */
  static ResourceRecordSet deletion(RecordSet before, Map<RecordKey, ResourceRecordSet> listed) {
    ResourceRecordSet raw = listed.get(before.key());
    if (raw != null && WireForm.same(RrsetCodec.fromRrset(raw, before.type(), Map.of()), before)) {
      return raw;
    }
    return RrsetCodec.toRrset(before);
  }

  /**
   * Records weighted members' ids in their names' markers: the marker a change in this call creates
   * or updates gets them in {@code markerAfters}; a listed marker that lacks one is replaced by a
   * unit of its own.
   */
  private static void markerExtensions(
      List<Change> changes,
      Map<RecordKey, ResourceRecordSet> listed,
      Map<RecordKey, RecordSet> markerAfters,
      List<Unit> units) {
    Map<RecordKey, Change> byKey = new LinkedHashMap<>();
    changes.forEach(change -> byKey.put(change.key(), change));
    Map<DnsName, Map<RecordType, Map<String, String>>> idsByName = new TreeMap<>();
    for (Change change : changes) {
      Optional<RecordSet> after =
          switch (change) {
            case Change.Create create -> Optional.of(create.after());
            case Change.Update update -> Optional.of(update.after());
            case Change.Delete delete -> Optional.empty();
          };
      if (after.isPresent() && after.get().isWeighted() && !after.get().name().isMarker()) {
        idsByName
            .computeIfAbsent(after.get().name(), name -> new EnumMap<>(RecordType.class))
            .put(after.get().type(), WireForm.idsByValue(after.get()));
      }
    }
    idsByName.forEach(
        (name, idsByType) -> {
          RecordKey markerKey = RecordKey.markerFor(name);
          Change markerChange = byKey.get(markerKey);
          switch (markerChange) {
            case Change.Create create ->
                markerAfters.put(markerKey, withIds(create.after(), idsByType));
            case Change.Update update ->
                markerAfters.put(markerKey, withIds(update.after(), idsByType));
            case Change.Delete delete -> {}
            case null -> {
              ResourceRecordSet raw = listed.get(markerKey);
              if (raw == null || raw.getRoutingPolicy() != null) {
                return;
              }
              RecordSet current = RrsetCodec.fromRrset(raw, RecordType.TXT, Map.of());
              RecordSet extended = withIds(current, idsByType);
              if (!extended.equals(current)) {
                units.add(
                    new Unit(
                        Optional.empty(), List.of(raw), List.of(RrsetCodec.toRrset(extended))));
              }
            }
          }
        });
  }

  /** {@code marker} with {@code idsByType} added to the ids it already records. */
  private static RecordSet withIds(
      RecordSet marker, Map<RecordType, Map<String, String>> idsByType) {
    List<String> values = new ArrayList<>();
    for (String value : marker.values()) {
      String text = value;
      if (MemberIds.isMarkerText(text)) {
        Map<RecordType, Map<String, String>> recorded = MemberIds.parse(text);
        for (Map.Entry<RecordType, Map<String, String>> entry : idsByType.entrySet()) {
          Map<String, String> ids = new TreeMap<>(recorded.getOrDefault(entry.getKey(), Map.of()));
          ids.putAll(entry.getValue());
          text = MemberIds.with(text, entry.getKey(), ids);
        }
      }
      values.add(text);
    }
    return RecordSet.of(marker.name(), marker.type(), marker.ttl(), values);
  }

  private static List<ChangeBatch> pack(List<Unit> units) {
    List<ChangeBatch> batches = new ArrayList<>();
    List<Change> changes = new ArrayList<>();
    List<ResourceRecordSet> deletions = new ArrayList<>();
    List<ResourceRecordSet> additions = new ArrayList<>();
    int bytes = 0;
    for (Unit unit : units) {
      int unitBytes = unit.bytes();
      boolean full =
          deletions.size() + unit.deletions().size() > CloudDnsProvider.MAX_RECORDS_PER_CHANGE
              || additions.size() + unit.additions().size()
                  > CloudDnsProvider.MAX_RECORDS_PER_CHANGE
              || bytes + unitBytes > CloudDnsProvider.MAX_RRDATA_BYTES_PER_CHANGE;
      if (full && !(deletions.isEmpty() && additions.isEmpty())) {
        batches.add(new ChangeBatch(changes, deletions, additions));
        changes = new ArrayList<>();
        deletions = new ArrayList<>();
        additions = new ArrayList<>();
        bytes = 0;
      }
      unit.change().ifPresent(changes::add);
      deletions.addAll(unit.deletions());
      additions.addAll(unit.additions());
      bytes += unitBytes;
    }
    if (!changes.isEmpty() || !deletions.isEmpty() || !additions.isEmpty()) {
      batches.add(new ChangeBatch(changes, deletions, additions));
    }
    return batches;
  }
}

package io.dnsfailover.testkit;

import io.dnsfailover.spi.ApplyResult;
import io.dnsfailover.spi.Capabilities;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.Location;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.spi.ZoneContents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A thread-safe in-memory DNS provider that behaves like a strict DNS API, for engine and CLI
 * tests.
 *
 * <p>What it holds:
 *
 * <ul>
 *   <li>Every zone exists (an unknown zone is simply empty); records are keyed by name and type.
 *   <li>{@link #seed} puts records in directly, as another tool or a person would: use it for
 *       "foreign" records. Seeding is neither a read nor a write call.
 *   <li>{@link #seedOther} puts data of types the SPI cannot express (MX, SRV, ...) at a name;
 *       {@link #contents} reports it, as a provider that lists whole names does.
 *   <li>{@link #all} shows everything held in a zone, including records {@link #records} would not
 *       return because their keys were not asked for.
 * </ul>
 *
 * <p>How {@link #apply} behaves, like a real API with atomic change batches:
 *
 * <ul>
 *   <li>All or nothing: every change is validated before any is applied.
 *   <li>A create of a key that exists, or an update or delete whose {@code before} is not exactly
 *       what is held (values, TTL, weights), fails with {@link ProviderException.Kind#CONFLICT}.
 *   <li>Two changes to the same key in one call, a TTL below {@link Capabilities#minTtl()}, a CNAME
 *       with more than one target (which Route 53, Cloud DNS, Azure and zone files refuse), a
 *       change to a key marked with {@link #rejectAsInvalid}, or a batch that would leave a CNAME
 *       beside any other data at its name (as Route 53 and Cloud DNS refuse it), fail the whole
 *       call with {@link ProviderException.Kind#INVALID}.
 *   <li>Without {@link Capabilities#nativeWeights()} a weighted record set is stored unweighted,
 *       the way a provider without native weights publishes it.
 *   <li>A geo record set whose locations are not all of {@link Capabilities#locationKinds()} fails
 *       with {@link ProviderException.Kind#INVALID}, as an API refuses a location it does not know;
 *       a geo CNAME holds one target per location.
 *   <li>An empty change list returns at once: no write call is counted and no injected failure is
 *       used up.
 *   <li>A non-empty call counts {@code ceil(changes / maxChangesPerBatch)} write calls (one when
 *       there is no batch limit), also when it fails: a real API would have been called.
 * </ul>
 */
public final class InMemoryDnsProvider implements DnsProvider {

  private final String type;
  private final Object lock = new Object();
  private final Map<DnsName, Map<RecordKey, RecordSet>> zones = new HashMap<>();
  private final Map<DnsName, Map<DnsName, Set<String>>> otherData = new HashMap<>();
  private final List<Change> appliedChanges = new ArrayList<>();
  private final Map<RecordKey, String> invalid = new HashMap<>();
  private Capabilities capabilities;
  private int readCalls;
  private int writeCalls;
  private int failuresLeft;
  private int reloadFailuresLeft;
  private int readFailuresLeft;
  private ProviderException.Kind readFailureKind = ProviderException.Kind.TRANSIENT;
  private final List<Zone> reloads = new ArrayList<>();
  private ProviderException.Kind failureKind = ProviderException.Kind.TRANSIENT;

  /** A provider of type {@code memory} with {@link Capabilities#plain()}. */
  public InMemoryDnsProvider() {
    this("memory", Capabilities.plain());
  }

  public InMemoryDnsProvider(String type, Capabilities capabilities) {
    this.type = Objects.requireNonNull(type, "type");
    this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public Capabilities capabilities() {
    synchronized (lock) {
      return capabilities;
    }
  }

  public void setCapabilities(Capabilities capabilities) {
    synchronized (lock) {
      this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
    }
  }

  /** Puts record sets into {@code zone} directly, replacing any with the same key. */
  public void seed(Zone zone, RecordSet... recordSets) {
    synchronized (lock) {
      Map<RecordKey, RecordSet> held = zoneRecords(zone);
      for (RecordSet recordSet : recordSets) {
        held.put(recordSet.key(), recordSet);
      }
    }
  }

  /**
   * Puts data of {@code types} the SPI has no record type for ({@code "MX"}, {@code "SRV"}, ...) at
   * {@code name} in {@code zone}, as another tool or a person would. Not a read or write call.
   */
  public void seedOther(Zone zone, DnsName name, String... types) {
    synchronized (lock) {
      otherData
          .computeIfAbsent(zone.name(), unused -> new TreeMap<>())
          .computeIfAbsent(name, unused -> new TreeSet<>())
          .addAll(List.of(types));
    }
  }

  /** Everything held in {@code zone}, sorted by key. Not counted as a read call. */
  public List<RecordSet> all(Zone zone) {
    synchronized (lock) {
      return List.copyOf(zoneRecords(zone).values());
    }
  }

  /**
   * The values published at {@code name} with {@code type} in {@code zone} (the answer a resolver
   * would get), empty when there is none. Not counted as a read call.
   */
  public List<String> values(Zone zone, DnsName name, RecordType type) {
    return all(zone).stream()
        .filter(set -> set.name().equals(name) && set.type() == type)
        .map(RecordSet::values)
        .findFirst()
        .orElse(List.of());
  }

  /** How many times {@link #records} or {@link #contents} was called. */
  public int readCalls() {
    synchronized (lock) {
      return readCalls;
    }
  }

  /** How many write calls {@link #apply} made, failed ones included (see the class docs). */
  public int writeCalls() {
    synchronized (lock) {
      return writeCalls;
    }
  }

  /** Every change applied so far, in order. */
  public List<Change> appliedChanges() {
    synchronized (lock) {
      return List.copyOf(appliedChanges);
    }
  }

  /**
   * Makes the next {@code count} non-empty {@link #apply} calls fail with {@code kind}, applying
   * nothing.
   */
  public void failNextApplies(int count, ProviderException.Kind kind) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative, was " + count);
    }
    synchronized (lock) {
      failuresLeft = count;
      failureKind = Objects.requireNonNull(kind, "kind");
    }
  }

  /** Makes the next {@code count} {@link #records} calls fail with {@code kind}. */
  public void failNextReads(int count, ProviderException.Kind kind) {
    synchronized (lock) {
      readFailuresLeft = count;
      readFailureKind = Objects.requireNonNull(kind, "kind");
    }
  }

  /**
   * Makes the next {@code count} {@link #reload} calls fail as a reload command that exits 1 would
   * (TRANSIENT).
   */
  public void failNextReloads(int count) {
    synchronized (lock) {
      reloadFailuresLeft = count;
    }
  }

  /** Every zone {@link #reload} was called for, failed calls included, oldest first. */
  public List<Zone> reloads() {
    synchronized (lock) {
      return List.copyOf(reloads);
    }
  }

  /**
   * Makes every {@link #apply} call that holds a change to {@code key} fail as {@link
   * ProviderException.Kind#INVALID} with {@code reason}, applying nothing, the way a real API
   * rejects a whole batch for one record it refuses.
   */
  public void rejectAsInvalid(RecordKey key, String reason) {
    synchronized (lock) {
      invalid.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(reason, "reason"));
    }
  }

  @Override
  public void reload(Zone zone) throws ProviderException {
    synchronized (lock) {
      reloads.add(zone);
      if (reloadFailuresLeft > 0) {
        reloadFailuresLeft--;
        throw new ProviderException(
            ProviderException.Kind.TRANSIENT,
            "reload command `rndc reload " + zone.name() + "` exited 1: rndc: connection refused");
      }
    }
  }

  @Override
  public List<RecordSet> records(Zone zone, Set<RecordKey> keys) throws ProviderException {
    synchronized (lock) {
      readCalls++;
      if (readFailuresLeft > 0) {
        readFailuresLeft--;
        throw new ProviderException(readFailureKind, "reading " + zone.name() + " failed");
      }
      return zoneRecords(zone).values().stream()
          .filter(recordSet -> keys.contains(recordSet.key()))
          .toList();
    }
  }

  @Override
  public ZoneContents contents(Zone zone, Set<RecordKey> keys) throws ProviderException {
    synchronized (lock) {
      List<RecordSet> recordSets = records(zone, keys);
      Map<DnsName, Set<String>> others = new TreeMap<>();
      Map<DnsName, Set<String>> held = otherData.getOrDefault(zone.name(), Map.of());
      for (RecordKey key : keys) {
        Set<String> types = held.get(key.name());
        if (types != null) {
          others.put(key.name(), types);
        }
      }
      return new ZoneContents(recordSets, others);
    }
  }

  @Override
  public ApplyResult apply(Zone zone, List<Change> changes) throws ProviderException {
    if (changes.isEmpty()) {
      return new ApplyResult(List.of(), 0);
    }
    synchronized (lock) {
      int calls = writeCallsFor(changes.size());
      writeCalls += calls;
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new ProviderException(failureKind, "injected " + failureKind + " failure");
      }
      Map<RecordKey, RecordSet> held = zoneRecords(zone);
      validate(held, changes);
      checkCnamesStandAlone(zone, held, changes);
      for (Change change : changes) {
        switch (change) {
          case Change.Create create -> held.put(create.key(), stored(create.after()));
          case Change.Update update -> held.put(update.key(), stored(update.after()));
          case Change.Delete delete -> held.remove(delete.key());
        }
      }
      appliedChanges.addAll(changes);
      return new ApplyResult(changes, calls);
    }
  }

  private void validate(Map<RecordKey, RecordSet> held, List<Change> changes)
      throws ProviderException {
    Set<RecordKey> seen = new HashSet<>();
    for (Change change : changes) {
      if (!seen.add(change.key())) {
        throw new ProviderException(
            ProviderException.Kind.INVALID, "more than one change to " + change.key());
      }
      String refused = invalid.get(change.key());
      if (refused != null) {
        throw new ProviderException(
            ProviderException.Kind.INVALID, "rejected " + change.key() + ": " + refused);
      }
      RecordSet current = held.get(change.key());
      switch (change) {
        case Change.Create create -> {
          checkPublishable(create.after());
          if (current != null) {
            throw conflict(change, current);
          }
        }
        case Change.Update update -> {
          checkPublishable(update.after());
          if (!update.before().equals(current)) {
            throw conflict(change, current);
          }
        }
        case Change.Delete delete -> {
          if (!delete.before().equals(current)) {
            throw conflict(change, current);
          }
        }
      }
    }
  }

  /** After {@code changes}, a CNAME must be the only data at every name they touch. */
  private void checkCnamesStandAlone(
      Zone zone, Map<RecordKey, RecordSet> held, List<Change> changes) throws ProviderException {
    Map<RecordKey, RecordSet> after = new TreeMap<>(held);
    for (Change change : changes) {
      switch (change) {
        case Change.Create create -> after.put(create.key(), create.after());
        case Change.Update update -> after.put(update.key(), update.after());
        case Change.Delete delete -> after.remove(delete.key());
      }
    }
    Map<DnsName, Set<String>> others = otherData.getOrDefault(zone.name(), Map.of());
    for (Change change : changes) {
      DnsName name = change.key().name();
      Set<String> types = new TreeSet<>(others.getOrDefault(name, Set.of()));
      after.keySet().stream()
          .filter(key -> key.name().equals(name))
          .forEach(key -> types.add(key.type().name()));
      if (types.contains(RecordType.CNAME.name()) && types.size() > 1) {
        throw new ProviderException(
            ProviderException.Kind.INVALID,
            name + ": a CNAME cannot share its name with other data (it would hold " + types + ")");
      }
    }
  }

  private void checkPublishable(RecordSet recordSet) throws ProviderException {
    if (recordSet.isGeo()) {
      Set<Location.Kind> kinds = new TreeSet<>();
      recordSet.locations().keySet().forEach(location -> kinds.add(location.kind()));
      if (!capabilities.answersBy(kinds)) {
        throw new ProviderException(
            ProviderException.Kind.INVALID,
            recordSet.key() + ": this provider cannot answer by " + Location.describe(kinds));
      }
      for (Map.Entry<Location, List<String>> located : recordSet.locations().entrySet()) {
        if (recordSet.type() == RecordType.CNAME && located.getValue().size() > 1) {
          throw new ProviderException(
              ProviderException.Kind.INVALID,
              recordSet.key()
                  + ": a CNAME holds exactly one target, not "
                  + located.getValue()
                  + " at "
                  + located.getKey());
        }
      }
    } else if (recordSet.type() == RecordType.CNAME && recordSet.values().size() > 1) {
      throw new ProviderException(
          ProviderException.Kind.INVALID,
          recordSet.key() + ": a CNAME holds exactly one target, not " + recordSet.values());
    }
    if (recordSet.ttl() < capabilities.minTtl()) {
      throw new ProviderException(
          ProviderException.Kind.INVALID,
          recordSet.key() + ": ttl " + recordSet.ttl() + " is below " + capabilities.minTtl());
    }
  }

  private static ProviderException conflict(Change change, RecordSet current) {
    String held = current == null ? "nothing" : current.toString();
    return new ProviderException(
        ProviderException.Kind.CONFLICT,
        change.key() + " changed since it was read: the provider holds " + held);
  }

  private RecordSet stored(RecordSet recordSet) {
    return capabilities.nativeWeights() ? recordSet : recordSet.withoutWeights();
  }

  private int writeCallsFor(int changeCount) {
    int batch = capabilities.maxChangesPerBatch();
    return batch <= 0 ? 1 : (changeCount + batch - 1) / batch;
  }

  private Map<RecordKey, RecordSet> zoneRecords(Zone zone) {
    return zones.computeIfAbsent(zone.name(), name -> new TreeMap<>());
  }
}

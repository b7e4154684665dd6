package io.dnsfailover.provider.route53;

import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Packs Route 53 changes into as few {@code ChangeResourceRecordSets} batches as Route 53's limits
 * allow: at most 1,000 {@code ResourceRecord} elements and 32,000 characters of {@code Value}s per
 * request, an UPSERT counting twice (DNSLimitations in the Route 53 Developer Guide). Almost every
 * reconcile fits one batch; splitting only happens past those limits.
 *
 * <p>The changes made for one record ({@link Unit}) never straddle two batches: a DELETE and the
 * CREATE that replaces it must be applied together, or the name would be left without an answer.
 * Inside a batch every DELETE comes before every CREATE and UPSERT, so a record can change routing
 * type (simple to weighted) or a name can trade a CNAME for an A record within one atomic batch.
 *
 * <p>What one change becomes ({@link #unit}) carries only what changes:
 *
 * <ul>
 *   <li>a new record: CREATE of each of its sets (Route 53 refuses it if the set exists);
 *   <li>a deleted record: DELETE of each set exactly as listed (refused if it differs);
 *   <li>an updated record, set by set (a set is one SetIdentifier, one location of a geo record, or
 *       the one simple set): a set that stays with the same values, weight and TTL is left out; one
 *       that stays but changes, or comes back, is an UPSERT; one that leaves is a DELETE exactly as
 *       listed. A geo record whose location has no healthy endpoint loses that location's set
 *       (Route 53 then answers its users from the default set) and UPSERTs it when it recovers.
 *       Switching between simple, weighted and geo deletes the old sets as listed and CREATEs the
 *       new ones (Route 53 holds one kind of routing per name and type). A set whose routing Route
 *       53 cannot change in place (an alias, failover or latency set, a geolocation set under
 *       another SetIdentifier) is a DELETE as listed plus a CREATE.
 * </ul>
 *
 * UPSERT, not DELETE plus CREATE of the same set, because moto (a Route 53 emulator people test
 * with) refuses a CREATE of a set the same batch deleted and, for a DELETE with a SetIdentifier,
 * removes every weighted member of the name; resending unchanged members made such a batch fail.
 * UPSERT does not check what it replaces: {@link Route53Provider} re-reads the zone before a batch
 * that holds one.
 */
final class ChangeBatches {

  static final int MAX_RECORDS = 1000;
  static final int MAX_VALUE_CHARACTERS = 32_000;

  private ChangeBatches() {}

  /**
   * The Route 53 changes one of the engine's changes becomes.
   *
   * @param deletes DELETEs, sent before every other change of the batch
   * @param writes CREATEs and UPSERTs
   */
  record Unit(io.dnsfailover.spi.Change change, List<Change> deletes, List<Change> writes) {

    Unit {
      deletes = List.copyOf(deletes);
      writes = List.copyOf(writes);
    }

    /** True when an UPSERT replaces a set without checking what Route 53 holds. */
    boolean overwrites() {
      return writes.stream().anyMatch(change -> change.action() == ChangeAction.UPSERT);
    }

    boolean isEmpty() {
      return deletes.isEmpty() && writes.isEmpty();
    }

    int records() {
      return count(deletes, false) + count(writes, false);
    }

    int characters() {
      return count(deletes, true) + count(writes, true);
    }
  }

  /**
   * What {@code change} becomes, given the sets Route 53 holds for its {@code before} ({@code
   * listed}, exactly as listed; empty for a create) and the sets that publish its {@code after}
   * ({@code desired}; empty for a delete).
   */
  static Unit unit(
      io.dnsfailover.spi.Change change,
      List<ResourceRecordSet> listed,
      List<ResourceRecordSet> desired) {
    return switch (change) {
      case io.dnsfailover.spi.Change.Create create ->
          new Unit(change, List.of(), changes(ChangeAction.CREATE, desired));
      case io.dnsfailover.spi.Change.Delete delete ->
          new Unit(change, changes(ChangeAction.DELETE, listed), List.of());
      case io.dnsfailover.spi.Change.Update update -> {
        List<Change> deletes = new ArrayList<>();
        List<Change> writes = new ArrayList<>();
        Map<String, ResourceRecordSet> held = new LinkedHashMap<>();
        listed.forEach(set -> held.put(RecordSetCodec.identity(set), set));
        Set<String> staying = new HashSet<>();
        desired.forEach(set -> staying.add(RecordSetCodec.identity(set)));
        for (ResourceRecordSet set : listed) {
          if (!staying.contains(RecordSetCodec.identity(set))) {
            deletes.add(change(ChangeAction.DELETE, set));
          }
        }
        RecordType type = update.key().type();
        // Simple, weighted, geo: a new routing's sets are brand new, CREATE checks they are absent.
        boolean sameRouting = RecordSetCodec.routing(listed) == RecordSetCodec.routing(desired);
        for (ResourceRecordSet set : desired) {
          ResourceRecordSet current = held.get(RecordSetCodec.identity(set));
          if (current != null && RecordSetCodec.sameMember(type, current, set)) {
            continue; // unchanged: not sent at all
          }
          if (current == null) {
            writes.add(change(sameRouting ? ChangeAction.UPSERT : ChangeAction.CREATE, set));
          } else if (RecordSetCodec.changesInPlace(current, set)) {
            writes.add(change(ChangeAction.UPSERT, set));
          } else {
            deletes.add(change(ChangeAction.DELETE, current));
            writes.add(change(ChangeAction.CREATE, set));
          }
        }
        yield new Unit(change, deletes, writes);
      }
    };
  }

  /** Splits {@code units} in order into batches within the limits. */
  static List<List<Unit>> split(List<Unit> units) throws ProviderException {
    List<List<Unit>> batches = new ArrayList<>();
    List<Unit> current = new ArrayList<>();
    int records = 0;
    int characters = 0;
    for (Unit unit : units) {
      if (unit.records() > MAX_RECORDS || unit.characters() > MAX_VALUE_CHARACTERS) {
        throw new ProviderException(
            ProviderException.Kind.INVALID,
            unit.change().key()
                + ": the change needs "
                + unit.records()
                + " resource records and "
                + unit.characters()
                + " characters of values, more than one Route 53 request may hold ("
                + MAX_RECORDS
                + " and "
                + MAX_VALUE_CHARACTERS
                + ")");
      }
      if (!current.isEmpty()
          && (records + unit.records() > MAX_RECORDS
              || characters + unit.characters() > MAX_VALUE_CHARACTERS)) {
        batches.add(List.copyOf(current));
        current.clear();
        records = 0;
        characters = 0;
      }
      current.add(unit);
      records += unit.records();
      characters += unit.characters();
    }
    if (!current.isEmpty()) {
      batches.add(List.copyOf(current));
    }
    return List.copyOf(batches);
  }

  /**
   * The batch as Route 53 gets it: every DELETE first, then every CREATE and UPSERT, each in given
   * order.
   */
  static List<Change> ordered(List<Unit> batch) {
    List<Change> changes = new ArrayList<>();
    batch.forEach(unit -> changes.addAll(unit.deletes()));
    batch.forEach(unit -> changes.addAll(unit.writes()));
    return List.copyOf(changes);
  }

  private static List<Change> changes(ChangeAction action, List<ResourceRecordSet> sets) {
    return sets.stream().map(set -> change(action, set)).toList();
  }

  private static Change change(ChangeAction action, ResourceRecordSet set) {
    return Change.builder().action(action).resourceRecordSet(set).build();
  }

  private static int count(List<Change> changes, boolean characters) {
    int total = 0;
    for (Change change : changes) {
      int factor = change.action() == ChangeAction.UPSERT ? 2 : 1;
      for (ResourceRecord record : change.resourceRecordSet().resourceRecords()) {
        total += factor * (characters ? record.value().length() : 1);
      }
    }
    return total;
  }
}

package io.dnsfailover.provider.route53;

import io.dnsfailover.spi.ProviderException;
import java.util.ArrayList;
import java.util.List;
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
 * Inside a batch every DELETE comes before every CREATE, so a record can change routing type
 * (simple to weighted) or a name can trade a CNAME for an A record within one atomic batch.
 */
final class ChangeBatches {

  static final int MAX_RECORDS = 1000;
  static final int MAX_VALUE_CHARACTERS = 32_000;

  private ChangeBatches() {}

  /** The Route 53 changes one of the engine's changes becomes. */
  record Unit(io.dnsfailover.spi.Change change, List<Change> deletes, List<Change> creates) {

    Unit {
      deletes = List.copyOf(deletes);
      creates = List.copyOf(creates);
    }

    static Unit of(
        io.dnsfailover.spi.Change change,
        List<ResourceRecordSet> deleted,
        List<ResourceRecordSet> created) {
      return new Unit(
          change, changes(ChangeAction.DELETE, deleted), changes(ChangeAction.CREATE, created));
    }

    int records() {
      return count(deletes, false) + count(creates, false);
    }

    int characters() {
      return count(deletes, true) + count(creates, true);
    }
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

  /** The batch as Route 53 gets it: every DELETE first, then every CREATE, each in given order. */
  static List<Change> ordered(List<Unit> batch) {
    List<Change> changes = new ArrayList<>();
    batch.forEach(unit -> changes.addAll(unit.deletes()));
    batch.forEach(unit -> changes.addAll(unit.creates()));
    return List.copyOf(changes);
  }

  private static List<Change> changes(ChangeAction action, List<ResourceRecordSet> sets) {
    return sets.stream()
        .map(set -> Change.builder().action(action).resourceRecordSet(set).build())
        .toList();
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

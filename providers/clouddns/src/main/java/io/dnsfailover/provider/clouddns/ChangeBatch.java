package io.dnsfailover.provider.clouddns;

import com.google.api.services.dns.model.ResourceRecordSet;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Cloud DNS change: the engine's changes it carries and the deletions and additions that make
 * them. {@link #plan} packs a list of changes into as few as the API's limits allow (normally one).
 *
 * <ul>
 *   <li>Deletions are the rrsets exactly as {@link CloudDnsProvider#records} listed them, when what
 *       was listed is the change's {@code before}; otherwise {@code before} encoded.
 *   <li>An update that changes nothing Cloud DNS stores (only member ids differ) sends no rrsets.
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

  /** What one engine change needs, kept together in one batch. */
  private record Unit(
      Change change, List<ResourceRecordSet> deletions, List<ResourceRecordSet> additions) {
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
    List<Unit> units = new ArrayList<>();
    for (Change change : changes) {
      units.add(unit(change, listed));
    }
    return pack(units);
  }

  private static Unit unit(Change change, Map<RecordKey, ResourceRecordSet> listed) {
    return switch (change) {
      case Change.Create create ->
          new Unit(change, List.of(), List.of(RrsetCodec.toRrset(create.after())));
      case Change.Update update -> {
        if (WireForm.same(update.before(), update.after())) {
          yield new Unit(change, List.of(), List.of());
        }
        yield new Unit(
            change,
            List.of(deletion(update.before(), listed)),
            List.of(RrsetCodec.toRrset(update.after())));
      }
      case Change.Delete delete ->
          new Unit(change, List.of(deletion(delete.before(), listed)), List.of());
    };
  }

  /** The rrset to delete for {@code before}: as listed when that is what {@code before} is. */
  static ResourceRecordSet deletion(RecordSet before, Map<RecordKey, ResourceRecordSet> listed) {
    ResourceRecordSet raw = listed.get(before.key());
    if (raw != null && WireForm.same(RrsetCodec.fromRrset(raw, before.type()), before)) {
      return raw;
    }
    return RrsetCodec.toRrset(before);
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
      changes.add(unit.change());
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

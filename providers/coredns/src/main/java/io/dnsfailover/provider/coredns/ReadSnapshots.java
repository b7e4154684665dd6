package io.dnsfailover.provider.coredns;

import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.Zone;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mod revisions behind each record set {@link CoreDnsProvider#records} last returned, so that
 * an update or delete acts on the keys as that read saw them, not merely on equal values.
 */
final class ReadSnapshots {

  private record Key(DnsName zone, RecordKey key) {}

  private record Snapshot(RecordSet recordSet, Map<String, Long> revisions) {}

  private final Map<Key, Snapshot> snapshots = new ConcurrentHashMap<>();

  /** Remembers what a read returned for {@code key}; forgets it when the read found nothing. */
  void remember(
      Zone zone, RecordKey key, Optional<RecordSet> recordSet, Map<String, Long> revisions) {
    if (recordSet.isPresent()) {
      snapshots.put(
          new Key(zone.name(), key), new Snapshot(recordSet.get(), Map.copyOf(revisions)));
    } else {
      forget(zone, key);
    }
  }

  /** Forgets {@code key}: after an apply, the next change must come from a new read. */
  void forget(Zone zone, RecordKey key) {
    snapshots.remove(new Key(zone.name(), key));
  }

  /**
   * False when {@code before} is what the last read returned for {@code key} and the keys behind it
   * no longer carry that read's mod revisions ({@code revisions} is a fresh read's). True when they
   * do, or when {@code before} did not come from the last read (then the fresh read, already equal
   * to {@code before}, is the baseline).
   */
  boolean unchangedSinceRead(
      Zone zone, RecordKey key, RecordSet before, Map<String, Long> revisions) {
    Snapshot snapshot = snapshots.get(new Key(zone.name(), key));
    if (snapshot == null || !snapshot.recordSet().equals(before)) {
      return true;
    }
    return snapshot.revisions().equals(revisions);
  }
}

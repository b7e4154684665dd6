package io.dnsfailover.provider.rfc2136;

import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * One zone transfer, indexed: the record sets of the managed types with the records exactly as the
 * server sent them (for prerequisites), and which types exist at each name (to keep a CNAME from
 * being added beside other data, which a server silently ignores).
 */
final class ZoneSnapshot {

  private final Map<RecordKey, List<Record>> managed = new HashMap<>();
  private final Map<DnsName, Set<String>> typesByName = new HashMap<>();

  ZoneSnapshot(List<Record> transfer) {
    for (Record record : transfer) {
      if (record.getDClass() != DClass.IN) {
        continue;
      }
      DnsName name = DnsName.of(record.getName().toString());
      typesByName.computeIfAbsent(name, n -> new TreeSet<>()).add(Type.string(record.getType()));
      RecordData.key(record)
          .ifPresent(key -> managed.computeIfAbsent(key, k -> new ArrayList<>()).add(record));
    }
    // An AXFR starts and ends with the SOA; neither is managed, so no duplicate reaches here.
  }

  /**
   * The record set at {@code key} in canonical form, if the zone has one. Servers keep one TTL per
   * RRset; should records differ, the smallest is the one resolvers honour last.
   */
  Optional<RecordSet> recordSet(RecordKey key) {
    List<Record> records = managed.get(key);
    if (records == null || records.isEmpty()) {
      return Optional.empty();
    }
    long ttl = records.stream().mapToLong(Record::getTTL).min().orElseThrow();
    List<String> values = records.stream().map(RecordData::value).toList();
    return Optional.of(
        RecordSet.of(key.name(), key.type(), (int) Math.min(ttl, Integer.MAX_VALUE), values));
  }

  /** The records at {@code key} exactly as transferred; empty when there are none. */
  List<Record> records(RecordKey key) {
    return managed.getOrDefault(key, List.of());
  }

  /** The types of every record at {@code name} (A, MX, CNAME, RRSIG, ...), sorted. */
  Set<String> typesAt(DnsName name) {
    return typesByName.getOrDefault(name, Set.of());
  }
}

package io.dnsfailover.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.ZoneContents;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A zone as a map, applying changes the way a strict provider does (stale "before" fails), with
 * data of other types (MX, SRV, ...) at names, reported as a provider's {@code contents} would.
 */
final class MapZone {

  final Map<RecordKey, RecordSet> records = new TreeMap<>();
  final Map<DnsName, Set<String>> others = new TreeMap<>();

  MapZone put(RecordSet record) {
    records.put(record.key(), record);
    return this;
  }

  /** Puts data of {@code types} the SPI has no record type for at {@code name}. */
  MapZone other(DnsName name, String... types) {
    others.computeIfAbsent(name, unused -> new TreeSet<>()).addAll(List.of(types));
    return this;
  }

  List<RecordSet> read(Set<RecordKey> keys) {
    return records.values().stream().filter(record -> keys.contains(record.key())).toList();
  }

  ZoneContents contents(Set<RecordKey> keys) {
    Map<DnsName, Set<String>> asked = new TreeMap<>(others);
    asked.keySet().retainAll(keys.stream().map(RecordKey::name).toList());
    return new ZoneContents(read(keys), asked);
  }

  /** Every type held at {@code name}: record sets and other data. */
  Set<String> typesAt(DnsName name) {
    Set<String> types = new TreeSet<>(others.getOrDefault(name, Set.of()));
    records.keySet().stream()
        .filter(key -> key.name().equals(name))
        .forEach(key -> types.add(key.type().name()));
    return types;
  }

  void apply(List<Change> changes) {
    for (Change change : changes) {
      switch (change) {
        case Change.Create create -> {
          assertThat(records).doesNotContainKey(create.key());
          records.put(create.key(), create.after());
        }
        case Change.Update update -> {
          assertThat(records.get(update.key())).isEqualTo(update.before());
          records.put(update.key(), update.after());
        }
        case Change.Delete delete -> {
          assertThat(records.get(delete.key())).isEqualTo(delete.before());
          records.remove(delete.key());
        }
      }
    }
  }
}

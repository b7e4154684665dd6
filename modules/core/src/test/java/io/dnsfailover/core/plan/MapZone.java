package io.dnsfailover.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A zone as a map, applying changes the way a strict provider does (stale "before" fails). */
final class MapZone {

  final Map<RecordKey, RecordSet> records = new TreeMap<>();

  MapZone put(RecordSet record) {
    records.put(record.key(), record);
    return this;
  }

  List<RecordSet> read(Set<RecordKey> keys) {
    return records.values().stream().filter(record -> keys.contains(record.key())).toList();
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

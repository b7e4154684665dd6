package io.dnsfailover.provider.coredns;

import io.dnsfailover.spi.ProviderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link EtcdKv} in memory, with etcd's revision rules: one revision per successful transaction,
 * each key keeping its create revision, mod revision and version. For tests of what the provider
 * sends; the real wire (jetcd to etcd) is tested against a real etcd.
 */
final class InMemoryEtcdKv implements EtcdKv {

  static final String CLUSTER_ID = "cafe";

  private record Stored(String value, long createRevision, long modRevision) {}

  private final TreeMap<String, Stored> keys = new TreeMap<>();
  private final List<List<Guard>> commits = new ArrayList<>();
  private long revision = 1;

  /** Every commit's guards, in order, whether it succeeded or not. */
  synchronized List<List<Guard>> commits() {
    return List.copyOf(commits);
  }

  synchronized void put(String key, String value) {
    revision++;
    Stored old = keys.get(key);
    keys.put(key, new Stored(value, old == null ? revision : old.createRevision(), revision));
  }

  synchronized void delete(String key) {
    if (keys.remove(key) != null) {
      revision++;
    }
  }

  synchronized Map<String, String> dump() {
    Map<String, String> result = new TreeMap<>();
    keys.forEach((key, stored) -> result.put(key, stored.value()));
    return result;
  }

  synchronized long createRevision(String key) {
    Stored stored = keys.get(key);
    return stored == null ? 0 : stored.createRevision();
  }

  @Override
  public synchronized Probe probe(String key) {
    return new Probe(CLUSTER_ID, createRevision(key));
  }

  @Override
  public synchronized List<List<Entry>> read(List<Range> ranges) {
    List<List<Entry>> result = new ArrayList<>();
    for (Range range : ranges) {
      List<Entry> entries = new ArrayList<>();
      Map<String, Stored> matching =
          range.prefix()
              ? keys.subMap(range.key(), range.key() + Character.MAX_VALUE)
              : keys.containsKey(range.key())
                  ? Map.of(range.key(), keys.get(range.key()))
                  : Map.of();
      matching.forEach(
          (key, stored) -> entries.add(new Entry(key, stored.value(), stored.modRevision())));
      result.add(entries);
    }
    return result;
  }

  @Override
  public synchronized boolean commit(List<Guard> guards, List<Write> writes)
      throws ProviderException {
    commits.add(List.copyOf(guards));
    for (Guard guard : guards) {
      Stored stored = keys.get(guard.key());
      boolean holds =
          switch (guard) {
            case Guard.Unchanged unchanged ->
                stored != null && stored.modRevision() == unchanged.modRevision();
            case Guard.Absent unused -> stored == null;
            case Guard.Created created ->
                stored != null && stored.createRevision() == created.createRevision();
          };
      if (!holds) {
        return false;
      }
    }
    revision++;
    for (Write write : writes) {
      switch (write) {
        case Write.Put put -> {
          Stored old = keys.get(put.key());
          keys.put(
              put.key(),
              new Stored(put.value(), old == null ? revision : old.createRevision(), revision));
        }
        case Write.Delete delete -> keys.remove(delete.key());
      }
    }
    return true;
  }

  @Override
  public void close() {}
}

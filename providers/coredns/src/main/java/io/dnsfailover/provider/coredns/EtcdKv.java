package io.dnsfailover.provider.coredns;

import io.dnsfailover.spi.ProviderException;
import java.util.List;

/**
 * The few etcd calls the provider makes, so its logic does not depend on jetcd's types: a
 * consistent multi-range read, and one conditional transaction. Implementations map every failure
 * to a {@link ProviderException} with the right kind and never put credentials in messages.
 */
interface EtcdKv extends AutoCloseable {

  /** One stored key. */
  record Entry(String key, String value, long modRevision) {}

  /** A key, or (with {@code prefix}) every key that starts with it. */
  record Range(String key, boolean prefix) {
    static Range exact(String key) {
      return new Range(key, false);
    }

    static Range under(String path) {
      return new Range(path + "/", true);
    }
  }

  /** A condition of a transaction. */
  sealed interface Guard {
    String key();

    /** The key still has the mod revision it had when it was read. */
    record Unchanged(String key, long modRevision) implements Guard {}

    /** The key does not exist (version 0). */
    record Absent(String key) implements Guard {}

    /** The key exists with this create revision (a fence: the writer's election key). */
    record Created(String key, long createRevision) implements Guard {}
  }

  /** A write of a transaction. */
  sealed interface Write {
    String key();

    record Put(String key, String value) implements Write {}

    record Delete(String key) implements Write {}
  }

  /**
   * The id of the etcd cluster that answered ({@link Long#toHexString}) and {@code key}'s create
   * revision there (0 when the key does not exist), from one read.
   */
  record Probe(String clusterId, long createRevision) {}

  Probe probe(String key) throws ProviderException;

  /** Reads every range at one revision, in order: one list of entries per range. */
  List<List<Entry>> read(List<Range> ranges) throws ProviderException;

  /**
   * Applies {@code writes} if every guard holds, all or nothing. Returns false, having written
   * nothing, when a guard does not hold.
   */
  boolean commit(List<Guard> guards, List<Write> writes) throws ProviderException;

  @Override
  void close();
}

package io.dnsfailover.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * What must still hold for a write to be allowed: in cluster mode, that the writer still leads.
 * Passed to {@link DnsProvider#apply(Zone, java.util.List, Fence)}.
 *
 * <p>Every fence can be checked before a write with {@link #verify()}, which leaves a window of one
 * API call between the check and the write. A fence may also name a {@link KeyGuard}: an etcd key
 * that exists, with that create revision, exactly as long as the writer leads. A provider that
 * writes to that same etcd cluster can make its write transaction conditional on the key, which
 * closes the window.
 */
public interface Fence {

  /** Throws (and the write must not happen) when the writer may not write now. */
  void verify() throws ProviderException;

  /** The etcd key that proves the writer leads, when there is one. */
  default Optional<KeyGuard> keyGuard() {
    return Optional.empty();
  }

  /**
   * The writer leads while {@code key} exists in the etcd cluster {@code clusterId} with create
   * revision {@code createRevision}.
   *
   * @param clusterId the etcd cluster id as response headers carry it, in lowercase hex without
   *     leading zeros ({@link Long#toHexString})
   * @param key the leader's election key
   * @param createRevision the key's create revision when it was elected
   */
  record KeyGuard(String clusterId, String key, long createRevision) {
    public KeyGuard {
      Objects.requireNonNull(clusterId, "clusterId");
      Objects.requireNonNull(key, "key");
      if (createRevision <= 0) {
        throw new IllegalArgumentException("createRevision must be positive: " + createRevision);
      }
    }
  }
}

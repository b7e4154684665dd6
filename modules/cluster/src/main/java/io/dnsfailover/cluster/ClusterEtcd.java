package io.dnsfailover.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The etcd calls cluster mode makes, and no others: leases, views under a prefix, etcd's election
 * API and a watch. {@link JetcdClusterEtcd} makes them on a real etcd; tests use an in-memory twin
 * with the same rules (a key on a lease goes with the lease; the candidate with the lowest create
 * revision leads).
 *
 * <p>Every blocking call waits at most {@code requestTimeout} and throws {@link EtcdUnavailable}
 * when etcd does not answer, has no quorum, or refuses.
 */
interface ClusterEtcd extends AutoCloseable {

  /**
   * A candidate of an election, as etcd holds it.
   *
   * @param key its key, under the election's name
   * @param member its value: the member's name
   * @param lease the lease it is attached to
   * @param createRevision when it was created; the lowest leads
   */
  record Candidate(String key, String member, long lease, long createRevision) {}

  /**
   * A won election: what resigning needs and what a fence names.
   *
   * @param key the candidate key that leads
   * @param lease the lease it is attached to
   * @param createRevision its create revision
   * @param clusterId the id of the etcd cluster that elected it, from the answer's header
   */
  record Leadership(String key, long lease, long createRevision, long clusterId) {}

  /** A new lease of {@code ttl} (whole seconds); its id. */
  long grant(Duration ttl) throws EtcdUnavailable;

  /** Renews {@code lease} once; the seconds it has left, 0 when etcd no longer has it. */
  long keepAlive(long lease) throws EtcdUnavailable;

  /** Revokes {@code lease} and deletes its keys; false when etcd no longer had it. */
  boolean revoke(long lease) throws EtcdUnavailable;

  /** Puts {@code key} on {@code lease}. */
  void put(String key, String value, long lease) throws EtcdUnavailable;

  /** The values of every key under {@code prefix}, in key order. */
  List<String> values(String prefix) throws EtcdUnavailable;

  /** The candidate that leads {@code election}, empty when there is none. A linearizable read. */
  Optional<Candidate> leader(String election) throws EtcdUnavailable;

  /**
   * Campaigns in {@code election} with a candidate on {@code lease}: completes once it leads
   * (possibly never), fails when etcd refuses the campaign or the connection breaks.
   */
  CompletableFuture<Leadership> campaign(String election, long lease, String member);

  /** Gives up {@code leadership}: the next candidate leads at once. */
  void resign(String election, Leadership leadership) throws EtcdUnavailable;

  /** Calls {@code onChange} (on etcd's thread) after every change under {@code prefix}. */
  void watch(String prefix, Runnable onChange);

  /** Stops the watches and disconnects. */
  @Override
  void close();
}

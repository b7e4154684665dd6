package io.dnsfailover.spi;

import java.util.List;
import java.util.Set;

/**
 * A place DNS records live. The engine computes what to change; a provider only reads and writes.
 *
 * <p>Implementations are used from one reconcile at a time per zone, but may be shared by several
 * zones; they must be safe for concurrent calls on different zones.
 */
public interface DnsProvider extends AutoCloseable {

  /** The provider type, as written in the config: "zonefile", "route53", ... */
  String type();

  Capabilities capabilities();

  /**
   * Reads the record sets of {@code zone} whose keys are in {@code keys} (the records the config
   * manages and their ownership markers). Record sets outside {@code keys} are not returned, and a
   * key with no records is simply absent. One read per zone per reconcile.
   */
  List<RecordSet> records(Zone zone, Set<RecordKey> keys) throws ProviderException;

  /**
   * {@link #records}, plus the types of the other data (types {@link RecordType} cannot express:
   * MX, SRV, NS, SOA, ...) held at the names of {@code keys}, so that the planner never publishes a
   * CNAME beside them: a server refuses a zone with a CNAME and other data at one name. Still one
   * read per zone per reconcile; the engine calls this instead of {@link #records}.
   *
   * <p>This default reports no other data, and the planner then only sees the clashes among the
   * types it reads (a CNAME beside an A, AAAA or TXT). A provider that sees every record at a name
   * when it reads (a zone file, an API that lists record sets by name) should override it; a
   * provider that wraps another must pass it on.
   */
  default ZoneContents contents(Zone zone, Set<RecordKey> keys) throws ProviderException {
    return ZoneContents.of(records(zone, keys));
  }

  /**
   * Applies {@code changes} to {@code zone} as few write calls as the API allows, all or nothing
   * where the API can do that. A provider that cannot apply a batch atomically must either finish
   * it or report exactly which changes were applied, never leave a half-applied change silently.
   * Each update and delete carries the record set as {@link #records} listed it.
   */
  ApplyResult apply(Zone zone, List<Change> changes) throws ProviderException;

  /**
   * {@link #apply(Zone, List)}, but only while {@code fence} holds: nothing is written when it does
   * not. This default checks {@link Fence#verify()} first, which leaves a window of one write call.
   * A provider that can check the fence atomically with its write (the {@code coredns} provider, in
   * the etcd cluster a {@link Fence.KeyGuard} names) overrides this; a provider that wraps another
   * must pass the fence on.
   */
  default ApplyResult apply(Zone zone, List<Change> changes, Fence fence) throws ProviderException {
    fence.verify();
    return apply(zone, changes);
  }

  /**
   * Makes the servers that serve {@code zone} load what {@link #apply} wrote, for a provider whose
   * writes a server does not see by itself (a zone file and its {@code reloadCommand}). The engine
   * calls it after every apply that wrote to {@code zone}, and again on every later reconcile (the
   * daemon's next cycle, the next {@code once} run) while the last call failed, even when nothing
   * else changed. Throws when the servers may not serve the write. The default does nothing:
   * servers see every write at once.
   */
  default void reload(Zone zone) throws ProviderException {}

  @Override
  default void close() {}
}

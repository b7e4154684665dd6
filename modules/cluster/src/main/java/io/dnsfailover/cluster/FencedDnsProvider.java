package io.dnsfailover.cluster;

import io.dnsfailover.spi.ApplyResult;
import io.dnsfailover.spi.Capabilities;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.Zone;
import java.util.List;
import java.util.Set;

/**
 * Lets a write through only while this member still leads: {@link Fence#check()} re-reads the
 * election from etcd (a linearizable read) right before each {@code apply}. Reads are not fenced. A
 * follower's or deposed leader's apply fails with a TRANSIENT {@link ProviderException} and changes
 * nothing.
 */
final class FencedDnsProvider implements DnsProvider {

  /** Throws when this member may not write now. */
  @FunctionalInterface
  interface Fence {
    void check() throws ProviderException;
  }

  private final DnsProvider delegate;
  private final Fence fence;

  FencedDnsProvider(DnsProvider delegate, Fence fence) {
    this.delegate = delegate;
    this.fence = fence;
  }

  @Override
  public String type() {
    return delegate.type();
  }

  @Override
  public Capabilities capabilities() {
    return delegate.capabilities();
  }

  @Override
  public List<RecordSet> records(Zone zone, Set<RecordKey> keys) throws ProviderException {
    return delegate.records(zone, keys);
  }

  @Override
  public ApplyResult apply(Zone zone, List<Change> changes) throws ProviderException {
    fence.check();
    return delegate.apply(zone, changes);
  }

  @Override
  public void close() {
    delegate.close();
  }
}

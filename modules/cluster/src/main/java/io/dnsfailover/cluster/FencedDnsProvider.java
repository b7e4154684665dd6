package io.dnsfailover.cluster;

import io.dnsfailover.spi.ApplyResult;
import io.dnsfailover.spi.Capabilities;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.Fence;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.spi.ZoneContents;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Lets a write through only while this member still leads: each {@code apply} goes to the delegate
 * with a {@link Fence} of this member's leadership at that moment. Providers check it with {@link
 * Fence#verify()} (which re-reads the election from etcd, a linearizable read) right before
 * writing; the {@code coredns} provider on the cluster's own etcd instead makes its write
 * transaction conditional on the fence's {@link Fence.KeyGuard}. Reads are not fenced. A follower's
 * or deposed leader's apply fails with a TRANSIENT {@link ProviderException} and changes nothing.
 */
final class FencedDnsProvider implements DnsProvider {

  private final DnsProvider delegate;
  private final Supplier<Fence> fence;

  FencedDnsProvider(DnsProvider delegate, Supplier<Fence> fence) {
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
  public ZoneContents contents(Zone zone, Set<RecordKey> keys) throws ProviderException {
    return delegate.contents(zone, keys);
  }

  @Override
  public ApplyResult apply(Zone zone, List<Change> changes) throws ProviderException {
    return delegate.apply(zone, changes, fence.get());
  }

  /** Only the writer tells servers to load what it wrote. */
  @Override
  public void reload(Zone zone) throws ProviderException {
    fence.get().verify();
    delegate.reload(zone);
  }

  @Override
  public void close() {
    delegate.close();
  }
}

package io.dnsfailover.provider.coredns;

import io.dnsfailover.provider.coredns.EtcdKv.Entry;
import io.dnsfailover.provider.coredns.EtcdKv.Guard;
import io.dnsfailover.provider.coredns.EtcdKv.Range;
import io.dnsfailover.spi.ApplyResult;
import io.dnsfailover.spi.Capabilities;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.Fence;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.ProviderException.Kind;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.Zone;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Keeps records in etcd in the SkyDNS layout that CoreDNS's {@code etcd} plugin serves (and
 * ExternalDNS's CoreDNS provider writes). Layout: {@link SkyDnsLayout}; values: {@link EtcdValues}.
 *
 * <p>Ownership markers ({@code _dnsfailover.<name>} TXT record sets) are stored under the owner
 * prefix, never under the served prefix, so CoreDNS never serves them; {@link #records} and {@link
 * #apply} map them transparently. A per-name ledger, also under the owner prefix, lists the served
 * keys this provider wrote: any other key is foreign and is never written or deleted.
 *
 * <p>Writes are etcd transactions. Each change is checked against a fresh read: an update or delete
 * must find exactly its {@code before}, and its keys must still carry the mod revisions {@link
 * #records} saw (or, when {@code before} did not come from this provider's last read, the fresh
 * read's), else CONFLICT; a create must find nothing, and every key it writes must not exist
 * (version 0). The whole apply is one transaction when it fits {@code maxTxnOps}; otherwise it is
 * split between names, never inside one name (a name's keys, marker and ledger change together),
 * and a failure part-way says which changes were already applied.
 *
 * <p>A fenced apply ({@link #apply(Zone, List, Fence)}) on the etcd cluster that holds the fence's
 * key adds a compare on that key's create revision to every transaction, so a writer that lost its
 * leadership has nothing written.
 *
 * <p>The parts: {@link ServableChange} checks each change, {@link EtcdChangePlan} turns one name's
 * changes into guards and writes, {@link EtcdTransactions} commits them; this class reads, groups
 * by name and decides how the fence is kept.
 */
public final class CoreDnsProvider implements DnsProvider {

  private static final Capabilities CAPABILITIES = new Capabilities(false, 1, 0);
  private static final int RANGES_PER_NAME = 4;

  private final CoreDnsSettings settings;
  private final SkyDnsLayout layout;
  private final EtcdKv etcd;
  private final EtcdTransactions transactions;
  private final ReadSnapshots lastRead = new ReadSnapshots();
  private volatile boolean fencedInTransaction;

  CoreDnsProvider(CoreDnsSettings settings) {
    this(settings, new JetcdKv(settings));
  }

  CoreDnsProvider(CoreDnsSettings settings, EtcdKv etcd) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.layout = new SkyDnsLayout(settings.prefix(), settings.ownerPrefix());
    this.etcd = Objects.requireNonNull(etcd, "etcd");
    this.transactions = new EtcdTransactions(etcd, settings.maxTxnOps());
  }

  CoreDnsSettings settings() {
    return settings;
  }

  @Override
  public String type() {
    return CoreDnsProviderFactory.TYPE;
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public List<RecordSet> records(Zone zone, Set<RecordKey> keys) throws ProviderException {
    Set<RecordKey> wanted =
        keys.stream()
            .filter(key -> key.name().isIn(zone.name()))
            .collect(Collectors.toCollection(TreeSet::new));
    Set<DnsName> names = new TreeSet<>();
    for (RecordKey key : wanted) {
      names.add(SkyDnsLayout.baseName(key.name()));
    }
    Map<DnsName, NameState> states = read(zone, names);
    List<RecordSet> result = new ArrayList<>();
    for (RecordKey key : wanted) {
      NameState state = states.get(SkyDnsLayout.baseName(key.name()));
      Optional<RecordSet> recordSet = state.current(key);
      lastRead.remember(zone, key, recordSet, state.revisions(key));
      recordSet.ifPresent(result::add);
    }
    return result;
  }

  @Override
  public ApplyResult apply(Zone zone, List<Change> changes) throws ProviderException {
    return write(zone, changes, Optional.empty());
  }

  /**
   * Applies {@code changes} only while {@code fence} holds. When the fence names a {@link
   * Fence.KeyGuard} that this provider's etcd holds (same cluster id, the key with that create
   * revision, read linearizably), the guard becomes a compare in every write transaction: a writer
   * that lost its key (lease expired or revoked, resigned) has nothing written, however long it was
   * paused, and {@link Fence#verify()} is not needed. Otherwise (another etcd cluster, even one
   * whose id happens to be the same, the key already gone, or no permission to read it) this falls
   * back to {@link Fence#verify()} before writing, which refuses a writer that no longer leads.
   */
  @Override
  public ApplyResult apply(Zone zone, List<Change> changes, Fence fence) throws ProviderException {
    if (changes.isEmpty()) {
      return new ApplyResult(List.of(), 0);
    }
    Optional<Fence.KeyGuard> keyGuard = fence.keyGuard();
    if (keyGuard.isPresent()) {
      Fence.KeyGuard guard = keyGuard.get();
      boolean here;
      try {
        EtcdKv.Probe probe = etcd.probe(guard.key());
        here =
            probe.clusterId().equals(guard.clusterId())
                && probe.createRevision() == guard.createRevision();
      } catch (ProviderException e) {
        if (e.kind() != Kind.AUTH) {
          throw e;
        }
        here = false; // our etcd user may not read the cluster's keys: the re-check it is
      }
      fencedInTransaction = here;
      if (here) {
        return write(
            zone, changes, Optional.of(new Guard.Created(guard.key(), guard.createRevision())));
      }
    }
    fence.verify();
    return write(zone, changes, Optional.empty());
  }

  /** Whether the last fenced apply could check its fence inside the transaction (for tests). */
  boolean fencedInTransaction() {
    return fencedInTransaction;
  }

  private ApplyResult write(Zone zone, List<Change> changes, Optional<Guard.Created> fence)
      throws ProviderException {
    if (changes.isEmpty()) {
      return new ApplyResult(List.of(), 0);
    }
    Map<DnsName, List<Change>> byName = new LinkedHashMap<>();
    Set<RecordKey> seen = new HashSet<>();
    for (Change change : changes) {
      ServableChange.check(zone, change);
      if (!seen.add(change.key())) {
        throw new ProviderException(
            Kind.INVALID, "coredns: more than one change to " + change.key());
      }
      byName
          .computeIfAbsent(SkyDnsLayout.baseName(change.key().name()), name -> new ArrayList<>())
          .add(change);
    }
    Map<DnsName, NameState> states = read(zone, byName.keySet());
    List<EtcdChangePlan> plans = new ArrayList<>();
    for (Map.Entry<DnsName, List<Change>> group : byName.entrySet()) {
      plans.add(
          EtcdChangePlan.of(zone, states.get(group.getKey()), group.getValue(), layout, lastRead));
    }
    try {
      return transactions.commit(plans, fence);
    } finally {
      for (Change change : changes) {
        lastRead.forget(zone, change.key());
      }
    }
  }

  @Override
  public void close() {
    etcd.close();
  }

  private Map<DnsName, NameState> read(Zone zone, Set<DnsName> names) throws ProviderException {
    List<DnsName> ordered = new ArrayList<>(names);
    Map<DnsName, NameState> states = new HashMap<>();
    int perTransaction = Math.max(1, settings.maxTxnOps() / RANGES_PER_NAME);
    for (int start = 0; start < ordered.size(); start += perTransaction) {
      List<DnsName> chunk =
          ordered.subList(start, Math.min(ordered.size(), start + perTransaction));
      List<Range> ranges = new ArrayList<>();
      for (DnsName name : chunk) {
        String path = layout.servedPath(name, zone.name());
        ranges.add(Range.under(path));
        ranges.add(Range.exact(path));
        ranges.add(Range.exact(layout.markerKey(name)));
        ranges.add(Range.exact(layout.ledgerKey(name)));
      }
      List<List<Entry>> read = etcd.read(ranges);
      for (int i = 0; i < chunk.size(); i++) {
        DnsName name = chunk.get(i);
        int at = i * RANGES_PER_NAME;
        states.put(
            name,
            new NameState(
                name,
                layout.servedPath(name, zone.name()),
                read.get(at),
                read.get(at + 1),
                read.get(at + 2).stream().findFirst(),
                read.get(at + 3).stream().findFirst()));
      }
    }
    return states;
  }
}

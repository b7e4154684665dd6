package io.dnsfailover.provider.coredns;

import io.dnsfailover.provider.coredns.EtcdKv.Entry;
import io.dnsfailover.provider.coredns.EtcdKv.Guard;
import io.dnsfailover.provider.coredns.EtcdKv.Range;
import io.dnsfailover.provider.coredns.EtcdKv.Write;
import io.dnsfailover.provider.coredns.NameState.Held;
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
import io.dnsfailover.spi.RecordType;
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
import java.util.concurrent.ConcurrentHashMap;
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
 */
public final class CoreDnsProvider implements DnsProvider {

  private static final Capabilities CAPABILITIES = new Capabilities(false, 1, 0);
  private static final int RANGES_PER_NAME = 4;

  private final CoreDnsSettings settings;
  private final SkyDnsLayout layout;
  private final EtcdKv etcd;
  private volatile boolean fencedInTransaction;

  /** The mod revisions behind each record set {@link #records} last returned. */
  private final Map<Snapshot.Key, Snapshot> snapshots = new ConcurrentHashMap<>();

  private record Snapshot(RecordSet recordSet, Map<String, Long> revisions) {
    record Key(DnsName zone, RecordKey key) {}
  }

  CoreDnsProvider(CoreDnsSettings settings) {
    this(settings, new JetcdKv(settings));
  }

  CoreDnsProvider(CoreDnsSettings settings, EtcdKv etcd) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.layout = new SkyDnsLayout(settings.prefix(), settings.ownerPrefix());
    this.etcd = Objects.requireNonNull(etcd, "etcd");
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
      names.add(baseName(key.name()));
    }
    Map<DnsName, NameState> states = read(zone, names);
    List<RecordSet> result = new ArrayList<>();
    for (RecordKey key : wanted) {
      NameState state = states.get(baseName(key.name()));
      Optional<RecordSet> recordSet = current(state, key);
      Snapshot.Key snapshotKey = new Snapshot.Key(zone.name(), key);
      if (recordSet.isPresent()) {
        snapshots.put(snapshotKey, new Snapshot(recordSet.get(), revisions(state, key)));
        result.add(recordSet.get());
      } else {
        snapshots.remove(snapshotKey);
      }
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
      validate(zone, change);
      if (!seen.add(change.key())) {
        throw new ProviderException(
            Kind.INVALID, "coredns: more than one change to " + change.key());
      }
      byName.computeIfAbsent(baseName(change.key().name()), name -> new ArrayList<>()).add(change);
    }
    Map<DnsName, NameState> states = read(zone, byName.keySet());
    List<NameWrite> nameWrites = new ArrayList<>();
    for (Map.Entry<DnsName, List<Change>> group : byName.entrySet()) {
      nameWrites.add(plan(zone, states.get(group.getKey()), group.getValue()));
    }
    try {
      return commit(nameWrites, fence);
    } finally {
      for (Change change : changes) {
        snapshots.remove(new Snapshot.Key(zone.name(), change.key()));
      }
    }
  }

  @Override
  public void close() {
    etcd.close();
  }

  /** The writes for one name's changes, all checked before anything is written. */
  private record NameWrite(
      DnsName name, List<Change> changes, List<Guard> guards, List<Write> writes) {}

  private NameWrite plan(Zone zone, NameState state, List<Change> changes)
      throws ProviderException {
    Map<String, Guard> guards = new LinkedHashMap<>();
    List<Write> writes = new ArrayList<>();
    Set<String> ledger = new TreeSet<>(state.ledgerKeys());
    ledger.retainAll(state.served().keySet()); // forget keys someone else has deleted
    List<String> broken = state.broken();
    if (!broken.isEmpty()) {
      throw new ProviderException(
          Kind.INVALID,
          "coredns: "
              + state.name()
              + " has keys CoreDNS cannot read, so it answers SERVFAIL for the name: "
              + String.join(", ", broken)
              + "; they are not ours to repair: fix or delete them");
    }
    for (Change change : changes) {
      RecordKey key = change.key();
      RecordSet before = before(change);
      Optional<RecordSet> after = after(change);
      Optional<RecordSet> now = current(state, key);
      if (!Objects.equals(now.orElse(null), before)) {
        throw conflict(key, now, before, "changed since it was read");
      }
      Map<String, Long> revisions = revisions(state, key);
      if (before != null) {
        checkRevisions(zone, key, before, revisions, now);
      }
      if (key.name().isMarker()) {
        String markerKey = layout.markerKey(state.name());
        guards.put(markerKey, guard(markerKey, revisions));
        if (after.isPresent()) {
          writes.add(
              new Write.Put(
                  markerKey,
                  EtcdValues.encodeMarker(key.name(), after.get().ttl(), after.get().values())));
        } else {
          writes.add(new Write.Delete(markerKey));
        }
        continue;
      }
      List<Held> held = state.held(key.type());
      List<String> foreign =
          held.stream().filter(h -> !h.ours()).map(h -> h.entry().key()).toList();
      if (!foreign.isEmpty()) {
        throw new ProviderException(
            Kind.INVALID,
            "coredns: "
                + key
                + " is served from keys dnsfailover did not write ("
                + String.join(", ", foreign)
                + "); it never changes or deletes them (adopt: true cannot take them over):"
                + " delete them with etcdctl, or stop managing the name");
      }
      for (Held h : held) {
        guards.put(
            h.entry().key(), new Guard.Unchanged(h.entry().key(), revisions.get(h.entry().key())));
      }
      Map<String, String> desired = new LinkedHashMap<>();
      if (after.isPresent()) {
        for (String value : after.get().values()) {
          desired.put(
              SkyDnsLayout.valueKey(state.path(), key.type(), value),
              EtcdValues.encode(key.type(), value, after.get().ttl()));
        }
      }
      Set<String> heldKeys =
          held.stream().map(h -> h.entry().key()).collect(Collectors.toCollection(HashSet::new));
      for (Map.Entry<String, String> wanted : desired.entrySet()) {
        Entry existing = state.served().get(wanted.getKey());
        if (existing == null) {
          guards.put(wanted.getKey(), new Guard.Absent(wanted.getKey()));
          writes.add(new Write.Put(wanted.getKey(), wanted.getValue()));
        } else if (heldKeys.contains(wanted.getKey())) {
          if (!existing.value().equals(wanted.getValue())) {
            writes.add(new Write.Put(wanted.getKey(), wanted.getValue()));
          }
        } else {
          throw new ProviderException(
              Kind.CONFLICT,
              "coredns: "
                  + key
                  + " needs the key "
                  + wanted.getKey()
                  + ", which already holds something else; left alone");
        }
        ledger.add(wanted.getKey());
      }
      for (String old : heldKeys) {
        if (!desired.containsKey(old)) {
          writes.add(new Write.Delete(old));
          ledger.remove(old);
        }
      }
    }
    if (!ledger.equals(state.ledgerKeys())) {
      String ledgerKey = layout.ledgerKey(state.name());
      guards.put(
          ledgerKey,
          state
              .ledger()
              .<Guard>map(entry -> new Guard.Unchanged(ledgerKey, entry.modRevision()))
              .orElse(new Guard.Absent(ledgerKey)));
      if (!ledger.isEmpty()) {
        writes.add(new Write.Put(ledgerKey, EtcdValues.encodeLedger(ledger)));
      } else if (state.ledger().isPresent()) {
        writes.add(new Write.Delete(ledgerKey));
      }
    }
    return new NameWrite(state.name(), changes, List.copyOf(guards.values()), writes);
  }

  /**
   * An update or delete acts on the keys as {@link #records} saw them: when {@code before} is what
   * it returned, the keys must still carry the mod revisions of that read.
   */
  private void checkRevisions(
      Zone zone,
      RecordKey key,
      RecordSet before,
      Map<String, Long> revisions,
      Optional<RecordSet> now)
      throws ProviderException {
    Snapshot snapshot = snapshots.get(new Snapshot.Key(zone.name(), key));
    if (snapshot == null || !snapshot.recordSet().equals(before)) {
      return; // not from our last read: the fresh read (already equal to before) is the baseline
    }
    if (!snapshot.revisions().equals(revisions)) {
      throw conflict(key, now, before, "was rewritten since it was read (etcd mod revision moved)");
    }
  }

  /**
   * Commits the name writes in as few transactions as {@code maxTxnOps} allows; {@code fence}, when
   * present, is a compare of every one of them.
   */
  private ApplyResult commit(List<NameWrite> nameWrites, Optional<Guard.Created> fence)
      throws ProviderException {
    List<List<NameWrite>> transactions = new ArrayList<>();
    List<NameWrite> current = new ArrayList<>();
    int fenceOps = fence.isPresent() ? 1 : 0;
    int guards = fenceOps;
    int writes = 0;
    for (NameWrite nameWrite : nameWrites) {
      int max = settings.maxTxnOps();
      if (fenceOps + nameWrite.guards().size() > max || nameWrite.writes().size() > max) {
        throw new ProviderException(
            Kind.INVALID,
            "coredns: the changes to "
                + nameWrite.name()
                + " need "
                + Math.max(fenceOps + nameWrite.guards().size(), nameWrite.writes().size())
                + " operations in one etcd transaction, more than maxTxnOps ("
                + max
                + "); raise etcd's --max-txn-ops and maxTxnOps, or publish fewer values");
      }
      if (!current.isEmpty()
          && (guards + nameWrite.guards().size() > max
              || writes + nameWrite.writes().size() > max)) {
        transactions.add(current);
        current = new ArrayList<>();
        guards = fenceOps;
        writes = 0;
      }
      current.add(nameWrite);
      guards += nameWrite.guards().size();
      writes += nameWrite.writes().size();
    }
    transactions.add(current);

    List<Change> applied = new ArrayList<>();
    int calls = 0;
    for (List<NameWrite> transaction : transactions) {
      List<Guard> txnGuards = new ArrayList<>(fence.stream().toList());
      List<Write> txnWrites = new ArrayList<>();
      List<Change> txnChanges = new ArrayList<>();
      for (NameWrite nameWrite : transaction) {
        txnGuards.addAll(nameWrite.guards());
        txnWrites.addAll(nameWrite.writes());
        txnChanges.addAll(nameWrite.changes());
      }
      if (txnWrites.isEmpty()) {
        applied.addAll(txnChanges);
        continue;
      }
      boolean succeeded;
      try {
        succeeded = etcd.commit(txnGuards, txnWrites);
      } catch (ProviderException e) {
        throw new ProviderException(e.kind(), e.getMessage() + alreadyApplied(applied), e, applied);
      }
      calls++;
      if (!succeeded && fence.isPresent()) {
        refuseIfDeposed(fence.get(), applied);
      }
      if (!succeeded) {
        throw new ProviderException(
            Kind.CONFLICT,
            "coredns: another writer changed "
                + transaction.stream().map(w -> w.name().value()).collect(Collectors.joining(", "))
                + " in etcd between our read and our write; nothing of it was written"
                + alreadyApplied(applied),
            null,
            applied);
      }
      applied.addAll(txnChanges);
    }
    return new ApplyResult(applied, calls);
  }

  /**
   * After a failed transaction: throws "write refused" when the fence's key is gone or was
   * recreated (the writer no longer leads), so the failure is not mistaken for a record conflict.
   * TRANSIENT, like the cluster's other refusals: CONFLICT would make the engine read and plan the
   * zone again only to be refused by the next fence, and AUTH would point at credentials.
   */
  private void refuseIfDeposed(Guard.Created fence, List<Change> applied) throws ProviderException {
    long createRevision;
    try {
      createRevision = etcd.probe(fence.key()).createRevision();
    } catch (ProviderException e) {
      throw new ProviderException(
          Kind.TRANSIENT,
          "coredns: etcd refused the write (nothing of it was written) and re-reading the leader"
              + " key to tell why failed: "
              + e.getMessage()
              + alreadyApplied(applied),
          e,
          applied);
    }
    if (createRevision != fence.createRevision()) {
      throw new ProviderException(
          Kind.TRANSIENT,
          "coredns: write refused: no longer the leader (election key "
              + fence.key()
              + (createRevision == 0 ? " is gone" : " was replaced")
              + "); etcd wrote nothing of this transaction"
              + alreadyApplied(applied),
          null,
          applied);
    }
  }

  private static String alreadyApplied(List<Change> applied) {
    if (applied.isEmpty()) {
      return "";
    }
    return " (already applied in earlier transactions: "
        + applied.stream().map(c -> c.key().toString()).collect(Collectors.joining(", "))
        + ")";
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

  private static Optional<RecordSet> current(NameState state, RecordKey key) {
    if (key.name().isMarker()) {
      return key.type() == RecordType.TXT ? state.markerSet(key.name()) : Optional.empty();
    }
    return state.recordSet(key.type());
  }

  private static Map<String, Long> revisions(NameState state, RecordKey key) {
    Map<String, Long> revisions = new HashMap<>();
    if (key.name().isMarker()) {
      state.marker().ifPresent(entry -> revisions.put(entry.key(), entry.modRevision()));
    } else {
      for (Held held : state.held(key.type())) {
        revisions.put(held.entry().key(), held.entry().modRevision());
      }
    }
    return revisions;
  }

  private static Guard guard(String key, Map<String, Long> revisions) {
    Long revision = revisions.get(key);
    return revision == null ? new Guard.Absent(key) : new Guard.Unchanged(key, revision);
  }

  /** The name a key's data lives under: a marker's lives with the name it marks. */
  private static DnsName baseName(DnsName name) {
    if (name.isMarker()) {
      return DnsName.of(name.value().substring(DnsName.MARKER_LABEL.length() + 1));
    }
    return name;
  }

  private static void validate(Zone zone, Change change) throws ProviderException {
    RecordKey key = change.key();
    if (!key.name().isIn(zone.name())) {
      throw invalid(key + " is not in zone " + zone.name());
    }
    if (key.name().isMarker()) {
      if (key.type() != RecordType.TXT) {
        throw invalid(
            key + ": only TXT ownership markers live at " + DnsName.MARKER_LABEL + " names");
      }
      if (baseName(key.name()).isMarker()) {
        throw invalid(key + ": a marker of a marker is not supported");
      }
    }
    Optional<RecordSet> after = after(change);
    if (after.isEmpty()) {
      return;
    }
    RecordSet recordSet = after.get();
    if (recordSet.ttl() < 1) {
      throw invalid(key + ": ttl must be at least 1 (CoreDNS serves ttl 0 as 300)");
    }
    if (recordSet.values().isEmpty()) {
      throw invalid(key + ": a record set needs at least one value");
    }
    if (key.name().equals(zone.name()) && key.type() == RecordType.CNAME) {
      throw invalid(key + ": CoreDNS cannot serve a CNAME at the zone apex");
    }
    for (String value : recordSet.values()) {
      boolean ok =
          switch (key.type()) {
            case A -> EtcdValues.isIpv4(value);
            case AAAA -> EtcdValues.isIpv6(value);
            case CNAME -> EtcdValues.ipLiteral(value).isEmpty() && value.length() > 1;
            case TXT -> !value.isEmpty();
          };
      if (!ok) {
        throw invalid(
            key
                + ": '"
                + value
                + "' is not a value CoreDNS serves as "
                + key.type()
                + (key.type() == RecordType.AAAA
                    ? " (IPv4-mapped addresses are served as A)"
                    : ""));
      }
    }
    if (key.type() == RecordType.CNAME && recordSet.values().size() != 1) {
      throw invalid(key + ": a CNAME has exactly one target, not " + recordSet.values());
    }
  }

  private static RecordSet before(Change change) {
    return switch (change) {
      case Change.Create unused -> null;
      case Change.Update update -> update.before();
      case Change.Delete delete -> delete.before();
    };
  }

  private static Optional<RecordSet> after(Change change) {
    return switch (change) {
      case Change.Create create -> Optional.of(create.after().withoutWeights());
      case Change.Update update -> Optional.of(update.after().withoutWeights());
      case Change.Delete unused -> Optional.empty();
    };
  }

  private static ProviderException conflict(
      RecordKey key, Optional<RecordSet> now, RecordSet expected, String what) {
    return new ProviderException(
        Kind.CONFLICT,
        "coredns: "
            + key
            + " "
            + what
            + ": etcd holds "
            + now.map(RecordSet::toString).orElse("nothing")
            + ", the change expected "
            + (expected == null ? "nothing" : expected.toString()));
  }

  private static ProviderException invalid(String message) {
    return new ProviderException(Kind.INVALID, "coredns: " + message);
  }
}

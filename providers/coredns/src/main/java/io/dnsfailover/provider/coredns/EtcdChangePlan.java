package io.dnsfailover.provider.coredns;

import io.dnsfailover.provider.coredns.EtcdKv.Entry;
import io.dnsfailover.provider.coredns.EtcdKv.Guard;
import io.dnsfailover.provider.coredns.EtcdKv.Write;
import io.dnsfailover.provider.coredns.NameState.Held;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.ProviderException.Kind;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.Zone;
import java.util.ArrayList;
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
 * What one name's changes do in etcd, worked out from a fresh read of the name ({@link NameState})
 * before anything is written: the writes (puts and deletes of served keys, the marker and the key
 * ledger) and the compare guards that must all hold for them to go through in one transaction.
 *
 * <ul>
 *   <li>Every change must find exactly its {@code before} (nothing, for a create), else CONFLICT;
 *       an update or delete whose {@code before} came from the provider's last read also needs the
 *       keys to carry that read's mod revisions ({@link ReadSnapshots}).
 *   <li>Guards: each served key the name's type holds is {@link Guard.Unchanged} at the revision
 *       read; each new key, and a marker or ledger that did not exist, is {@link Guard.Absent}.
 *   <li>Keys dnsfailover did not write (not in the name's ledger) are never written or deleted: a
 *       record set served from such keys is INVALID, a key needed that holds something else is
 *       CONFLICT. Keys CoreDNS cannot read make the whole name INVALID.
 *   <li>The ledger is rewritten (or deleted, when empty) only when the set of our keys changes.
 * </ul>
 *
 * @param name the name whose keys, marker and ledger change together
 * @param changes the changes this plan carries out
 * @param guards the compares of its transaction, one per etcd key
 * @param writes the puts and deletes, in order
 */
record EtcdChangePlan(DnsName name, List<Change> changes, List<Guard> guards, List<Write> writes) {

  EtcdChangePlan {
    changes = List.copyOf(changes);
    guards = List.copyOf(guards);
    writes = List.copyOf(writes);
  }

  /**
   * Plans {@code changes}, all of {@code state}'s name or of its marker, each checked by {@link
   * ServableChange#check} already.
   */
  static EtcdChangePlan of(
      Zone zone, NameState state, List<Change> changes, SkyDnsLayout layout, ReadSnapshots lastRead)
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
      RecordSet before = ServableChange.before(change);
      Optional<RecordSet> after = ServableChange.after(change);
      Optional<RecordSet> now = state.current(key);
      if (!Objects.equals(now.orElse(null), before)) {
        throw conflict(key, now, before, "changed since it was read");
      }
      Map<String, Long> revisions = state.revisions(key);
      if (before != null && !lastRead.unchangedSinceRead(zone, key, before, revisions)) {
        throw conflict(
            key, now, before, "was rewritten since it was read (etcd mod revision moved)");
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
    return new EtcdChangePlan(state.name(), changes, List.copyOf(guards.values()), writes);
  }

  private static Guard guard(String key, Map<String, Long> revisions) {
    Long revision = revisions.get(key);
    return revision == null ? new Guard.Absent(key) : new Guard.Unchanged(key, revision);
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
}

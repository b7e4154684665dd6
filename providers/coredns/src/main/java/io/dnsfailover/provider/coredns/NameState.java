package io.dnsfailover.provider.coredns;

import io.dnsfailover.provider.coredns.EtcdKv.Entry;
import io.dnsfailover.provider.coredns.EtcdValues.Served;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What etcd holds for one name, read at one revision: the served keys that answer for it (its own
 * key and the keys one level below it), its ownership marker and its key ledger.
 *
 * <p>Keys two or more levels below belong to deeper names and are not part of this name's record
 * sets (CoreDNS still includes them in this name's answers: never nest names under a managed one).
 */
final class NameState {

  /** One served key that answers for this name, and whether this provider wrote it. */
  record Held(Entry entry, Served.Answer answer, boolean ours) {}

  private final DnsName name;
  private final String path;
  private final Map<String, Entry> served;
  private final Optional<Entry> marker;
  private final Optional<Entry> ledger;
  private final Set<String> ledgerKeys;

  NameState(
      DnsName name,
      String path,
      List<Entry> below,
      List<Entry> exact,
      Optional<Entry> marker,
      Optional<Entry> ledger) {
    this.name = name;
    this.path = path;
    this.served = new LinkedHashMap<>();
    for (Entry entry : exact) {
      served.put(entry.key(), entry);
    }
    for (Entry entry : below) {
      if (entry.key().indexOf('/', path.length() + 1) < 0) {
        served.put(entry.key(), entry);
      }
    }
    this.marker = marker;
    this.ledger = ledger;
    this.ledgerKeys = ledger.map(e -> EtcdValues.decodeLedger(e.value())).orElse(Set.of());
  }

  DnsName name() {
    return name;
  }

  String path() {
    return path;
  }

  Map<String, Entry> served() {
    return served;
  }

  Optional<Entry> marker() {
    return marker;
  }

  Optional<Entry> ledger() {
    return ledger;
  }

  Set<String> ledgerKeys() {
    return ledgerKeys;
  }

  /** The keys answering {@code type} for this name, decoded. */
  List<Held> held(RecordType type) {
    List<Held> held = new ArrayList<>();
    for (Entry entry : served.values()) {
      if (EtcdValues.decode(entry.value()) instanceof Served.Answer answer
          && answer.type() == type) {
        held.add(new Held(entry, answer, ledgerKeys.contains(entry.key())));
      }
    }
    return held;
  }

  /** Served keys CoreDNS cannot read (it answers SERVFAIL for this name while they exist). */
  List<String> broken() {
    List<String> broken = new ArrayList<>();
    for (Entry entry : served.values()) {
      if (EtcdValues.decode(entry.value()) instanceof Served.Broken why) {
        broken.add(entry.key() + " (" + why.error() + ")");
      }
    }
    return broken;
  }

  /**
   * What etcd holds for {@code key}, a key of this name or of its marker: the record set, or the
   * marker's TXT record set.
   */
  Optional<RecordSet> current(RecordKey key) {
    if (key.name().isMarker()) {
      return key.type() == RecordType.TXT ? markerSet(key.name()) : Optional.empty();
    }
    return recordSet(key.type());
  }

  /** The mod revision of every etcd key behind {@link #current}{@code (key)}. */
  Map<String, Long> revisions(RecordKey key) {
    Map<String, Long> revisions = new HashMap<>();
    if (key.name().isMarker()) {
      marker.ifPresent(entry -> revisions.put(entry.key(), entry.modRevision()));
    } else {
      for (Held held : held(key.type())) {
        revisions.put(held.entry().key(), held.entry().modRevision());
      }
    }
    return revisions;
  }

  /**
   * The record set of {@code type}: every value answering it, with the smallest TTL among its keys
   * (CoreDNS gives each key's value its own TTL; the provider writes one TTL to all).
   */
  Optional<RecordSet> recordSet(RecordType type) {
    List<Held> held = held(type);
    if (held.isEmpty()) {
      return Optional.empty();
    }
    int ttl = held.stream().mapToInt(h -> h.answer().ttl()).min().orElseThrow();
    List<String> values = held.stream().map(h -> h.answer().value()).toList();
    return Optional.of(RecordSet.of(name, type, ttl, values));
  }

  /** The marker record set {@code markerName} (TXT), as stored under the owner prefix. */
  Optional<RecordSet> markerSet(DnsName markerName) {
    if (marker.isEmpty()) {
      return Optional.empty();
    }
    Optional<EtcdValues.Marker> decoded = EtcdValues.decodeMarker(marker.get().value());
    if (decoded.isEmpty()) {
      // Not ours to interpret: reported as a TXT record that is not our marker, so the engine
      // leaves the name alone instead of overwriting what someone put there.
      return Optional.of(
          RecordSet.of(
              markerName,
              RecordType.TXT,
              EtcdValues.DEFAULT_TTL,
              List.of("unreadable ownership data at " + marker.get().key())));
    }
    return Optional.of(
        RecordSet.of(markerName, RecordType.TXT, decoded.get().ttl(), decoded.get().texts()));
  }
}

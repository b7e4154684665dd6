package io.dnsfailover.provider.clouddns;

import com.google.api.services.dns.model.ResourceRecordSet;
import io.dnsfailover.provider.clouddns.CloudDnsApi.Page;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.spi.ZoneContents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Reads rrsets: one {@code ?name=} query per name asked for, up to {@value #NAME_QUERY_LIMIT}
 * names, otherwise the whole zone, following {@code nextPageToken}. Either way Cloud DNS lists
 * every rrset at those names, so besides the record sets asked for it reports the types the tool
 * does not manage (MX, NS, ...) held at their names ({@link ZoneContents#otherTypes()}). It keeps
 * the rrsets it listed, so that deletions are sent exactly as Cloud DNS holds them.
 */
final class RrsetReader {

  /** Up to this many names are read with one query each; more read the whole zone. */
  static final int NAME_QUERY_LIMIT = 10;

  private final CloudDnsApi api;
  private final ManagedZones zones;
  private final CloudDnsCalls calls;
  private final ConcurrentMap<DnsName, Map<RecordKey, ResourceRecordSet>> listed =
      new ConcurrentHashMap<>();

  RrsetReader(CloudDnsApi api, ManagedZones zones, CloudDnsCalls calls) {
    this.api = Objects.requireNonNull(api, "api");
    this.zones = Objects.requireNonNull(zones, "zones");
    this.calls = Objects.requireNonNull(calls, "calls");
  }

  /** What one listing found: our rrsets by key, and other types by name. */
  private record Listing(
      Map<RecordKey, ResourceRecordSet> found, Map<DnsName, Set<String>> otherTypes) {}

  /** The record sets of {@code keys}, and the other types held at their names. */
  ZoneContents contents(Zone zone, Set<RecordKey> keys) throws ProviderException {
    if (keys.isEmpty()) {
      return ZoneContents.of(List.of());
    }
    Listing listing = read(zone, keys);
    List<RecordSet> result = new ArrayList<>();
    for (RecordKey key : new TreeSet<>(keys)) {
      ResourceRecordSet rrset = listing.found().get(key);
      if (rrset != null) {
        result.add(RrsetCodec.fromRrset(rrset, key.type()));
      }
    }
    return new ZoneContents(result, listing.otherTypes());
  }

  /** The rrsets as last listed in {@code zone}, by key. */
  Map<RecordKey, ResourceRecordSet> listed(Zone zone) {
    return listed.getOrDefault(zone.name(), Map.of());
  }

  /** Lists {@code wanted} and the other types at their names, and remembers what it listed. */
  private Listing read(Zone zone, Set<RecordKey> wanted) throws ProviderException {
    String zoneName = zones.nameFor(zone);
    Set<DnsName> names = new TreeSet<>();
    wanted.forEach(key -> names.add(key.name()));
    Listing listing = new Listing(new HashMap<>(), new TreeMap<>());
    if (names.size() <= NAME_QUERY_LIMIT) {
      for (DnsName name : names) {
        collect(zoneName, Optional.of(name.value()), wanted, names, listing);
      }
    } else {
      collect(zoneName, Optional.empty(), wanted, names, listing);
    }
    listed.compute(
        zone.name(),
        (name, before) -> {
          Map<RecordKey, ResourceRecordSet> merged = new HashMap<>();
          if (before != null) {
            merged.putAll(before);
          }
          wanted.forEach(merged::remove);
          merged.putAll(listing.found());
          return Map.copyOf(merged);
        });
    return listing;
  }

  private void collect(
      String zoneName,
      Optional<String> name,
      Set<RecordKey> wanted,
      Set<DnsName> names,
      Listing listing)
      throws ProviderException {
    Optional<String> pageToken = Optional.empty();
    do {
      Optional<String> token = pageToken;
      Page<ResourceRecordSet> page =
          calls.call(
              "listing record sets of managed zone " + zoneName,
              () -> api.resourceRecordSets(zoneName, name, token));
      for (ResourceRecordSet rrset : page.items()) {
        if (rrset.getName() == null || rrset.getType() == null) {
          continue;
        }
        DnsName owner = DnsName.of(rrset.getName());
        Optional<RecordType> type = RrsetCodec.type(rrset.getType());
        if (type.isPresent() && wanted.contains(new RecordKey(owner, type.get()))) {
          listing.found().put(new RecordKey(owner, type.get()), rrset);
        } else if (type.isEmpty() && names.contains(owner)) {
          listing
              .otherTypes()
              .computeIfAbsent(owner, other -> new TreeSet<>())
              .add(rrset.getType().toUpperCase(Locale.ROOT));
        }
      }
      pageToken = page.nextPageToken().filter(next -> !next.isEmpty());
    } while (pageToken.isPresent());
  }
}

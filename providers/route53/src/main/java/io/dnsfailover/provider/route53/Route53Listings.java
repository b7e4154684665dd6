package io.dnsfailover.provider.route53;

import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.ProviderException.Kind;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.spi.ZoneContents;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Reads a hosted zone: every page of its record sets, {@value Route53Provider#PAGE_SIZE} a page,
 * following {@code NextRecordName/Type/Identifier}, keeping the keys asked for (folded into record
 * sets, and as listed) and the types the tool does not manage (MX, NS, SOA, ...) at their names.
 * The last listing of each zone is kept until the next read, so that a DELETE names a record set
 * exactly as Route 53 holds it.
 */
final class Route53Listings {

  private static final Logger log = LoggerFactory.getLogger(Route53Listings.class);

  /** What one read found at one key: the folded record set and the sets Route 53 listed. */
  record Listed(RecordSet recordSet, List<ResourceRecordSet> sets) {}

  /** One read of a zone: what lies at the keys asked for, and other types at their names. */
  record Listing(Map<RecordKey, Listed> byKey, Map<DnsName, Set<String>> otherTypes) {}

  private final Route53Settings settings;
  private final Route53Api api;
  private final Route53Calls calls;
  private final ConcurrentMap<String, Map<RecordKey, Listed>> listings = new ConcurrentHashMap<>();

  Route53Listings(Route53Settings settings, Route53Api api, Route53Calls calls) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.api = Objects.requireNonNull(api, "api");
    this.calls = Objects.requireNonNull(calls, "calls");
  }

  /** Reads {@code keys} of {@code zone} and remembers what was listed. */
  ZoneContents contents(Zone zone, String zoneId, Set<RecordKey> keys) throws ProviderException {
    AtomicInteger requests = new AtomicInteger();
    Listing listing = list(zone, zoneId, keys, requests);
    listings.put(zoneId, listing.byKey());
    log.debug(
        "ListResourceRecordSets {}: {} page(s), {} managed record set(s)",
        HostedZones.describe(zone, zoneId),
        requests.get(),
        listing.byKey().size());
    return new ZoneContents(
        listing.byKey().values().stream().map(Listed::recordSet).toList(), listing.otherTypes());
  }

  /** What the last read of the zone {@code zoneId} listed, by key. */
  Map<RecordKey, Listed> last(String zoneId) {
    return listings.getOrDefault(zoneId, Map.of());
  }

  /**
   * Every page of the zone's record sets; what lies at {@code keys}, folded and as listed, and the
   * other types at their names.
   */
  Listing list(Zone zone, String zoneId, Set<RecordKey> keys, AtomicInteger requests)
      throws ProviderException {
    Map<RecordKey, List<ResourceRecordSet>> found = new LinkedHashMap<>();
    Map<DnsName, Set<String>> otherTypes = new TreeMap<>();
    ListResourceRecordSetsRequest request =
        ListResourceRecordSetsRequest.builder()
            .hostedZoneId(zoneId)
            .maxItems(String.valueOf(Route53Provider.PAGE_SIZE))
            .build();
    String what = "ListResourceRecordSets " + HostedZones.describe(zone, zoneId);
    Set<String> seenStarts = new HashSet<>();
    while (true) {
      ListResourceRecordSetsRequest page = request;
      ListResourceRecordSetsResponse response =
          calls.call(what, () -> api.listResourceRecordSets(page), requests);
      for (ResourceRecordSet set : response.resourceRecordSets()) {
        collect(zone, zoneId, set, keys, found, otherTypes);
      }
      if (!Boolean.TRUE.equals(response.isTruncated())) {
        break;
      }
      String start =
          response.nextRecordName()
              + "|"
              + response.nextRecordTypeAsString()
              + "|"
              + response.nextRecordIdentifier();
      if (response.nextRecordName() == null || !seenStarts.add(start)) {
        throw new ProviderException(
            Kind.TRANSIENT, what + ": Route 53 returned a page that leads nowhere (" + start + ")");
      }
      request =
          request.toBuilder()
              .startRecordName(response.nextRecordName())
              .startRecordType(response.nextRecordType())
              .startRecordIdentifier(response.nextRecordIdentifier())
              .build();
    }
    Map<RecordKey, Listed> listing = new LinkedHashMap<>();
    for (Map.Entry<RecordKey, List<ResourceRecordSet>> entry : found.entrySet()) {
      RecordSet folded = RecordSetCodec.fromRoute53(entry.getKey(), entry.getValue());
      listing.put(entry.getKey(), new Listed(folded, List.copyOf(entry.getValue())));
    }
    return new Listing(Collections.unmodifiableMap(listing), otherTypes);
  }

  private void collect(
      Zone zone,
      String zoneId,
      ResourceRecordSet set,
      Set<RecordKey> keys,
      Map<RecordKey, List<ResourceRecordSet>> found,
      Map<DnsName, Set<String>> otherTypes)
      throws ProviderException {
    DnsName name = RecordSetCodec.name(set.name());
    if (set.type() == RRType.SOA
        && settings.hostedZoneId().isPresent()
        && !name.equals(zone.name())) {
      throw new ProviderException(
          Kind.INVALID,
          "hostedZoneId "
              + zoneId
              + " is the hosted zone of "
              + name
              + ", not of "
              + zone.name()
              + ": fix hostedZoneId, or give each zone its own provider entry");
    }
    Optional<RecordType> type = RecordSetCodec.type(set.type());
    if (type.isEmpty()) {
      if (keys.stream().anyMatch(key -> key.name().equals(name))) {
        otherTypes
            .computeIfAbsent(name, unused -> new TreeSet<>())
            .add(set.typeAsString().toUpperCase(Locale.ROOT));
      }
      return;
    }
    RecordKey key = new RecordKey(name, type.get());
    if (keys.contains(key)) {
      found.computeIfAbsent(key, unused -> new ArrayList<>()).add(set);
    }
  }

  /** The sets to DELETE for {@code before}: as listed when it is what the last read returned. */
  static List<ResourceRecordSet> asListed(RecordSet before, Map<RecordKey, Listed> listed) {
    Listed last = listed.get(before.key());
    if (last != null && last.recordSet().equals(before)) {
      return last.sets();
    }
    return RecordSetCodec.toRoute53(before);
  }

  void forget(String zoneId, List<Change> applied) {
    if (applied.isEmpty()) {
      return;
    }
    Set<RecordKey> changed = applied.stream().map(Change::key).collect(Collectors.toSet());
    listings.computeIfPresent(
        zoneId,
        (id, listing) -> {
          Map<RecordKey, Listed> kept = new LinkedHashMap<>(listing);
          kept.keySet().removeAll(changed);
          return Map.copyOf(kept);
        });
  }
}

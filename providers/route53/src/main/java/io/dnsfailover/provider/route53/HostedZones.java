package io.dnsfailover.provider.route53;

import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.ProviderException.Kind;
import io.dnsfailover.spi.Zone;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameRequest;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameResponse;

/**
 * Which hosted zone holds a config zone: {@code hostedZoneId} when it is set, otherwise the one
 * hosted zone with the zone's name ({@code private} choosing between a public and a private one),
 * looked up once by name and kept.
 */
final class HostedZones {

  private static final Logger log = LoggerFactory.getLogger(HostedZones.class);

  private final Route53Settings settings;
  private final Route53Api api;
  private final Route53Calls calls;
  private final ConcurrentMap<DnsName, String> zoneIds = new ConcurrentHashMap<>();

  HostedZones(Route53Settings settings, Route53Api api, Route53Calls calls) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.api = Objects.requireNonNull(api, "api");
    this.calls = Objects.requireNonNull(calls, "calls");
  }

  /** The bare id of the hosted zone that holds {@code zone}, looked up once by name if need be. */
  String zoneId(Zone zone) throws ProviderException {
    if (settings.hostedZoneId().isPresent()) {
      return settings.hostedZoneId().get();
    }
    String known = zoneIds.get(zone.name());
    if (known != null) {
      return known;
    }
    String found = lookUp(zone.name());
    zoneIds.put(zone.name(), found);
    return found;
  }

  private String lookUp(DnsName name) throws ProviderException {
    String what = "ListHostedZonesByName " + name;
    List<HostedZone> named = new ArrayList<>();
    AtomicInteger requests = new AtomicInteger();
    String startName = name.value();
    String startId = null;
    while (true) {
      String pageName = startName;
      String pageId = startId;
      ListHostedZonesByNameResponse response =
          calls.call(
              what,
              () ->
                  api.listHostedZonesByName(
                      ListHostedZonesByNameRequest.builder()
                          .dnsName(pageName)
                          .hostedZoneId(pageId)
                          .maxItems(String.valueOf(Route53Provider.ZONES_PAGE_SIZE))
                          .build()),
              requests);
      boolean pastName = false;
      for (HostedZone zone : response.hostedZones()) {
        if (RecordSetCodec.name(zone.name()).equals(name)) {
          named.add(zone);
        } else {
          pastName = true;
        }
      }
      // Zones come sorted by name starting at ours: once another name shows, ours are all seen.
      if (pastName
          || !Boolean.TRUE.equals(response.isTruncated())
          || response.nextDNSName() == null
          || !RecordSetCodec.name(response.nextDNSName()).equals(name)) {
        break;
      }
      startName = response.nextDNSName();
      startId = response.nextHostedZoneId();
    }
    List<HostedZone> chosen =
        named.stream()
            .filter(
                zone ->
                    settings.privateZone().map(wanted -> wanted == isPrivate(zone)).orElse(true))
            .toList();
    if (chosen.size() == 1) {
      String id = RecordSetCodec.bareZoneId(chosen.getFirst().id());
      log.info("zone {}: hosted zone {} ({})", name, id, visibility(chosen.getFirst()));
      return id;
    }
    String listing =
        named.stream()
            .map(zone -> RecordSetCodec.bareZoneId(zone.id()) + " (" + visibility(zone) + ")")
            .collect(Collectors.joining(", "));
    if (chosen.isEmpty()) {
      String wanted = settings.privateZone().map(p -> p ? "private " : "public ").orElse("");
      throw new ProviderException(
          Kind.NOT_FOUND,
          "no "
              + wanted
              + "hosted zone named "
              + name
              + " is visible to these credentials"
              + (named.isEmpty()
                  ? ""
                  : "; there is " + listing + ": set private accordingly, or hostedZoneId")
              + (named.isEmpty() ? ": create it, or set hostedZoneId" : ""));
    }
    throw new ProviderException(
        Kind.INVALID,
        chosen.size()
            + " hosted zones are named "
            + name
            + ": "
            + listing
            + "; set private: true or false, or hostedZoneId, to choose one");
  }

  private static boolean isPrivate(HostedZone zone) {
    return zone.config() != null && Boolean.TRUE.equals(zone.config().privateZone());
  }

  private static String visibility(HostedZone zone) {
    return isPrivate(zone) ? "private" : "public";
  }

  /** "example.com. (hosted zone Z123)", for messages and logs. */
  static String describe(Zone zone, String zoneId) {
    return zone.name() + " (hosted zone " + zoneId + ")";
  }
}

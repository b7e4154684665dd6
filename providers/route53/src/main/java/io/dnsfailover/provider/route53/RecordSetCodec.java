package io.dnsfailover.provider.route53;

import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.Location;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.WeightedValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Translates between the tool's {@link RecordSet}s and Route 53's resource record sets.
 *
 * <ul>
 *   <li>Names: Route 53 lists names in lower case with a trailing dot and writes characters outside
 *       {@code a-z0-9-_.} as three-digit octal escapes ({@code *} as {@code \052}); they are
 *       unescaped before {@link DnsName} canonicalises them. Requests carry the canonical name.
 *   <li>TXT: a value is the raw text; Route 53 holds it as quoted strings ({@link Route53Txt}).
 *   <li>A plain record set is one simple resource record set. A weighted one is one resource record
 *       set per member id (SetIdentifier, Weight, the set's TTL), holding that member's values. A
 *       geo one is one geolocation resource record set per location (GeoLocation: ContinentCode,
 *       CountryCode, CountryCode with SubdivisionCode, or CountryCode {@code *} for the default),
 *       with a SetIdentifier named after the location ({@link GeoLocations#setIdentifier}: {@code
 *       geo-continent-EU}, {@code geo-default}), so it is the same on every run.
 *   <li>Reading folds every resource record set at one name and type into one {@link RecordSet}:
 *       weighted when every one of them carries a weight, geo when every one carries a GeoLocation
 *       this tool can name (whatever its SetIdentifier), plain otherwise (their values merged). An
 *       alias target, which has no values, reads as the value {@code ALIAS <target>} with TTL 0, so
 *       the plan shows it; such sets are only ever deleted exactly as listed.
 * </ul>
 */
final class RecordSetCodec {

  static final String ALIAS_PREFIX = "ALIAS ";

  private static final String HOSTED_ZONE_PREFIX = "/hostedzone/";
  private static final String CHANGE_PREFIX = "/change/";

  private RecordSetCodec() {}

  // ---- ids ----

  /** A hosted zone id without the {@code /hostedzone/} prefix some responses keep. */
  static String bareZoneId(String id) {
    String trimmed = id.trim();
    return trimmed.startsWith(HOSTED_ZONE_PREFIX)
        ? trimmed.substring(HOSTED_ZONE_PREFIX.length())
        : trimmed;
  }

  /** A change id without the {@code /change/} prefix. */
  static String bareChangeId(String id) {
    String trimmed = id.trim();
    return trimmed.startsWith(CHANGE_PREFIX) ? trimmed.substring(CHANGE_PREFIX.length()) : trimmed;
  }

  // ---- names ----

  /** A name as Route 53 lists it, made canonical: octal escapes undone, lower case, final dot. */
  static DnsName name(String listed) {
    return DnsName.of(new String(Route53Txt.unescape(listed), StandardCharsets.UTF_8));
  }

  static Optional<RecordType> type(RRType type) {
    return switch (type) {
      case A -> Optional.of(RecordType.A);
      case AAAA -> Optional.of(RecordType.AAAA);
      case CNAME -> Optional.of(RecordType.CNAME);
      case TXT -> Optional.of(RecordType.TXT);
      default -> Optional.empty();
    };
  }

  static RRType rrType(RecordType type) {
    return switch (type) {
      case A -> RRType.A;
      case AAAA -> RRType.AAAA;
      case CNAME -> RRType.CNAME;
      case TXT -> RRType.TXT;
    };
  }

  // ---- values ----

  static String encodeValue(RecordType type, String value) {
    return type == RecordType.TXT ? Route53Txt.encode(value) : value;
  }

  static String decodeValue(RecordType type, String value) {
    return type == RecordType.TXT ? Route53Txt.decode(value) : value;
  }

  // ---- record sets ----

  /**
   * How {@code recordSet} is published: one simple set, one weighted set per member id, or one
   * geolocation set per location.
   */
  static List<ResourceRecordSet> toRoute53(RecordSet recordSet) {
    String name = recordSet.name().value();
    RRType type = rrType(recordSet.type());
    long ttl = recordSet.ttl();
    if (recordSet.isGeo()) {
      List<ResourceRecordSet> sets = new ArrayList<>();
      recordSet
          .locations()
          .forEach(
              (location, values) ->
                  sets.add(
                      ResourceRecordSet.builder()
                          .name(name)
                          .type(type)
                          .setIdentifier(GeoLocations.setIdentifier(location))
                          .geoLocation(GeoLocations.geoLocation(location))
                          .ttl(ttl)
                          .resourceRecords(records(recordSet.type(), values))
                          .build()));
      return List.copyOf(sets);
    }
    if (!recordSet.isWeighted()) {
      return List.of(
          ResourceRecordSet.builder()
              .name(name)
              .type(type)
              .ttl(ttl)
              .resourceRecords(records(recordSet.type(), recordSet.values()))
              .build());
    }
    Map<String, List<WeightedValue>> byId = new LinkedHashMap<>();
    for (WeightedValue member : recordSet.weights()) {
      byId.computeIfAbsent(member.id(), unused -> new ArrayList<>()).add(member);
    }
    List<ResourceRecordSet> sets = new ArrayList<>();
    for (Map.Entry<String, List<WeightedValue>> member : byId.entrySet()) {
      List<String> values = member.getValue().stream().map(WeightedValue::value).toList();
      sets.add(
          ResourceRecordSet.builder()
              .name(name)
              .type(type)
              .setIdentifier(member.getKey())
              .weight((long) member.getValue().getFirst().weight())
              .ttl(ttl)
              .resourceRecords(records(recordSet.type(), values))
              .build());
    }
    return List.copyOf(sets);
  }

  private static List<ResourceRecord> records(RecordType type, List<String> values) {
    return values.stream()
        .map(value -> ResourceRecord.builder().value(encodeValue(type, value)).build())
        .toList();
  }

  /**
   * Which set of a name and type this is: its location for a geolocation set (Route 53 holds one
   * set per location, whatever its SetIdentifier), otherwise its SetIdentifier, or "" for the one
   * simple set.
   */
  static String identity(ResourceRecordSet set) {
    if (set.geoLocation() != null) {
      return "geo:" + set.geoLocation();
    }
    return set.setIdentifier() == null ? "" : set.setIdentifier();
  }

  /** How a name and type routes: what Route 53 cannot mix at one name and type. */
  enum Routing {
    SIMPLE,
    WEIGHTED,
    GEO,
    OTHER
  }

  /**
   * How {@code sets} route, as one: {@link Routing#OTHER} for a mix or what this tool never writes.
   */
  static Routing routing(List<ResourceRecordSet> sets) {
    if (sets.isEmpty()) {
      return Routing.SIMPLE;
    }
    if (sets.stream().allMatch(set -> set.geoLocation() != null)) {
      return Routing.GEO;
    }
    if (sets.stream().allMatch(set -> set.setIdentifier() != null && set.weight() != null)) {
      return Routing.WEIGHTED;
    }
    if (sets.size() == 1 && changesInPlace(sets.getFirst())) {
      return Routing.SIMPLE;
    }
    return Routing.OTHER;
  }

  /**
   * True when {@code desired} would leave {@code listed} as it is: the same SetIdentifier, values
   * (in any order, TXT compared as text however Route 53 split it), weight and TTL, and {@code
   * listed} is no alias. Fields this tool never writes, such as a health check someone attached, do
   * not count: an unchanged member is left alone, with them.
   */
  static boolean sameMember(RecordType type, ResourceRecordSet listed, ResourceRecordSet desired) {
    return listed.aliasTarget() == null
        && identity(listed).equals(identity(desired))
        && Objects.equals(listed.ttl(), desired.ttl())
        && Objects.equals(listed.weight(), desired.weight())
        && Objects.equals(listed.geoLocation(), desired.geoLocation())
        && sortedValues(type, listed).equals(sortedValues(type, desired));
  }

  /**
   * True when an UPSERT of {@code desired} replaces {@code listed} (the set Route 53 holds with the
   * same {@link #identity}): {@link #changesInPlace(ResourceRecordSet)}, or a geolocation set with
   * the same location and SetIdentifier. A geolocation set someone else named differently is
   * deleted as listed and created anew: an UPSERT under our SetIdentifier would be a second set for
   * the location, which Route 53 refuses.
   */
  static boolean changesInPlace(ResourceRecordSet listed, ResourceRecordSet desired) {
    if (listed.geoLocation() != null) {
      return listed.aliasTarget() == null
          && listed.failover() == null
          && listed.trafficPolicyInstanceId() == null
          && listed.geoLocation().equals(desired.geoLocation())
          && Objects.equals(listed.setIdentifier(), desired.setIdentifier());
    }
    return changesInPlace(listed);
  }

  /**
   * True when an UPSERT can turn {@code listed} into one of this tool's sets: Route 53 cannot
   * change an alias, failover, geolocation, geoproximity, latency, CIDR or multivalue set into a
   * simple or weighted one in place; those are deleted as listed and created anew.
   */
  static boolean changesInPlace(ResourceRecordSet listed) {
    return listed.aliasTarget() == null
        && listed.failover() == null
        && listed.geoLocation() == null
        && listed.geoProximityLocation() == null
        && listed.region() == null
        && listed.cidrRoutingConfig() == null
        && listed.multiValueAnswer() == null
        && listed.trafficPolicyInstanceId() == null;
  }

  private static List<String> sortedValues(RecordType type, ResourceRecordSet set) {
    return set.resourceRecords().stream()
        .map(record -> decodeValue(type, record.value()))
        .sorted()
        .toList();
  }

  /** Folds the resource record sets listed at {@code key} into one record set. */
  static RecordSet fromRoute53(RecordKey key, List<ResourceRecordSet> listed) {
    if (listed.isEmpty()) {
      throw new IllegalArgumentException("nothing listed at " + key);
    }
    boolean weighted =
        listed.stream().allMatch(set -> set.setIdentifier() != null && set.weight() != null);
    int ttl = listed.stream().mapToInt(RecordSetCodec::ttl).min().orElse(0);
    Optional<Map<Location, List<String>>> geo = geo(key.type(), listed);
    if (geo.isPresent()) {
      return RecordSet.geo(key.name(), key.type(), ttl, geo.get());
    }
    if (weighted) {
      List<WeightedValue> members = new ArrayList<>();
      for (ResourceRecordSet set : listed) {
        int weight = (int) Math.clamp(set.weight(), 0L, 255L);
        for (String value : values(key.type(), set)) {
          members.add(new WeightedValue(set.setIdentifier(), value, weight));
        }
      }
      return RecordSet.weighted(key.name(), key.type(), ttl, members);
    }
    List<String> values = new ArrayList<>();
    for (ResourceRecordSet set : listed) {
      values.addAll(values(key.type(), set));
    }
    return RecordSet.of(key.name(), key.type(), ttl, values);
  }

  /**
   * What each location answers, when every set listed is a geolocation set of a location this tool
   * can name, each location once, none an alias (whose value is no answer of ours).
   */
  private static Optional<Map<Location, List<String>>> geo(
      RecordType type, List<ResourceRecordSet> listed) {
    Map<Location, List<String>> locations = new TreeMap<>();
    for (ResourceRecordSet set : listed) {
      if (set.geoLocation() == null || set.aliasTarget() != null) {
        return Optional.empty();
      }
      Optional<Location> location = GeoLocations.location(set.geoLocation());
      List<String> values = values(type, set);
      if (location.isEmpty()
          || values.isEmpty()
          || locations.putIfAbsent(location.get(), values) != null) {
        return Optional.empty();
      }
    }
    return Optional.of(locations);
  }

  private static int ttl(ResourceRecordSet set) {
    return set.ttl() == null ? 0 : (int) Math.clamp(set.ttl(), 0L, Integer.MAX_VALUE);
  }

  private static List<String> values(RecordType type, ResourceRecordSet set) {
    if (set.aliasTarget() != null) {
      return List.of(ALIAS_PREFIX + name(set.aliasTarget().dnsName()).value());
    }
    return set.resourceRecords().stream().map(record -> decodeValue(type, record.value())).toList();
  }
}

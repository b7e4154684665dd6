package io.dnsfailover.provider.clouddns;

import com.google.api.services.dns.model.RRSetRoutingPolicy;
import com.google.api.services.dns.model.RRSetRoutingPolicyGeoPolicy;
import com.google.api.services.dns.model.RRSetRoutingPolicyGeoPolicyGeoPolicyItem;
import com.google.api.services.dns.model.RRSetRoutingPolicyHealthCheckTargets;
import com.google.api.services.dns.model.RRSetRoutingPolicyLoadBalancerTarget;
import com.google.api.services.dns.model.RRSetRoutingPolicyPrimaryBackupPolicy;
import com.google.api.services.dns.model.RRSetRoutingPolicyWrrPolicy;
import com.google.api.services.dns.model.RRSetRoutingPolicyWrrPolicyWrrPolicyItem;
import com.google.api.services.dns.model.ResourceRecordSet;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.Location;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.WeightedValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Converts between the tool's {@link RecordSet} and Cloud DNS's {@link ResourceRecordSet}.
 *
 * <ul>
 *   <li>A plain record set is an rrset with {@code rrdatas}; TXT values are quoted by {@link
 *       TxtRdata}.
 *   <li>A weighted record set is one rrset with {@code routingPolicy.wrr}: one item per member, in
 *       value order, each with one rrdata and the member's weight. An item has no name, so Cloud
 *       DNS cannot keep a member's endpoint id: each member reads back with its value as its id
 *       ({@link io.dnsfailover.spi.Capabilities#keepsMemberIds()} is false).
 *   <li>A geo record set is one rrset with {@code routingPolicy.geo}: one item per location (a
 *       Google Cloud region, {@link Location.Kind#CLOUD_REGION}), in location order, each with that
 *       location's rrdatas. No fencing and no health-checked targets: this tool checks health
 *       itself and leaves a location out when it has no healthy endpoint, so Cloud DNS answers its
 *       users from the nearest item left.
 *   <li>Any other routing policy (geo with fencing or health-checked targets, primaryBackup, WRR
 *       items with several rrdatas, health-checked targets or weights that are not whole numbers
 *       0..255) is surfaced as it is: a weighted record set whose member ids name the policy part,
 *       such as {@code geo:europe-west1} or {@code primaryBackup:primary}. Those ids contain {@code
 *       :}, which endpoint ids cannot, so such a record set never equals what the planner wants and
 *       is never taken for ours.
 * </ul>
 */
final class RrsetCodec {

  private RrsetCodec() {}

  /** The record type of a Cloud DNS type name, when it is one the tool manages. */
  static Optional<RecordType> type(String cloudType) {
    try {
      return Optional.of(RecordType.valueOf(cloudType.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException | NullPointerException notManaged) {
      return Optional.empty();
    }
  }

  /** The rrset Cloud DNS should hold for {@code recordSet}. */
  static ResourceRecordSet toRrset(RecordSet recordSet) {
    ResourceRecordSet rrset =
        new ResourceRecordSet()
            .setName(recordSet.name().value())
            .setType(recordSet.type().name())
            .setTtl(recordSet.ttl());
    if (recordSet.isGeo()) {
      List<RRSetRoutingPolicyGeoPolicyGeoPolicyItem> items = new ArrayList<>();
      recordSet
          .locations()
          .forEach(
              (location, values) ->
                  items.add(
                      new RRSetRoutingPolicyGeoPolicyGeoPolicyItem()
                          .setLocation(region(location))
                          .setRrdatas(rdatas(recordSet.type(), values))));
      return rrset.setRoutingPolicy(
          new RRSetRoutingPolicy().setGeo(new RRSetRoutingPolicyGeoPolicy().setItems(items)));
    }
    if (!recordSet.isWeighted()) {
      return rrset.setRrdatas(rdatas(recordSet.type(), recordSet.values()));
    }
    List<RRSetRoutingPolicyWrrPolicyWrrPolicyItem> items = new ArrayList<>();
    recordSet.weights().stream()
        .sorted(Comparator.comparing(WeightedValue::value).thenComparing(WeightedValue::id))
        .forEach(
            member ->
                items.add(
                    new RRSetRoutingPolicyWrrPolicyWrrPolicyItem()
                        .setWeight((double) member.weight())
                        .setRrdatas(rdatas(recordSet.type(), List.of(member.value())))));
    return rrset.setRoutingPolicy(
        new RRSetRoutingPolicy().setWrr(new RRSetRoutingPolicyWrrPolicy().setItems(items)));
  }

  /**
   * The record set an rrset holds, WRR members named by their values; {@code type} must be {@link
   * #type} of the rrset's type.
   */
  static RecordSet fromRrset(ResourceRecordSet rrset, RecordType type) {
    DnsName name = DnsName.of(rrset.getName());
    int ttl = rrset.getTtl() == null ? 0 : rrset.getTtl();
    RRSetRoutingPolicy policy = rrset.getRoutingPolicy();
    if (policy == null) {
      return RecordSet.of(name, type, ttl, values(type, rrset.getRrdatas()));
    }
    Optional<List<WeightedValue>> plainWrr = plainWrr(type, policy);
    if (plainWrr.isPresent()) {
      return RecordSet.weighted(name, type, ttl, plainWrr.get());
    }
    Optional<Map<Location, List<String>>> plainGeo = plainGeo(type, policy);
    if (plainGeo.isPresent()) {
      return RecordSet.geo(name, type, ttl, plainGeo.get());
    }
    return RecordSet.weighted(name, type, ttl, foreignPolicy(type, policy));
  }

  /** The bytes of rrdata an rrset carries (WRR items' included), for the per-change limit. */
  static int rrdataBytes(ResourceRecordSet rrset) {
    int bytes = bytes(rrset.getRrdatas());
    RRSetRoutingPolicy policy = rrset.getRoutingPolicy();
    if (policy != null && policy.getWrr() != null && policy.getWrr().getItems() != null) {
      for (RRSetRoutingPolicyWrrPolicyWrrPolicyItem item : policy.getWrr().getItems()) {
        bytes += bytes(item.getRrdatas());
      }
    }
    if (policy != null && policy.getGeo() != null && policy.getGeo().getItems() != null) {
      for (RRSetRoutingPolicyGeoPolicyGeoPolicyItem item : policy.getGeo().getItems()) {
        bytes += bytes(item.getRrdatas());
      }
    }
    return bytes;
  }

  /** The Cloud DNS location of {@code location}; only cloud regions have one. */
  static String region(Location location) {
    if (location.kind() != Location.Kind.CLOUD_REGION) {
      throw new IllegalArgumentException(
          "Cloud DNS routes by Google Cloud region only, not by " + location);
    }
    return location.code();
  }

  /**
   * What each region answers, for a geo policy as this tool writes it: items of a region each with
   * rrdatas, each region once; no fencing, no health-checked targets, nothing else in the policy.
   */
  private static Optional<Map<Location, List<String>>> plainGeo(
      RecordType type, RRSetRoutingPolicy policy) {
    RRSetRoutingPolicyGeoPolicy geo = policy.getGeo();
    if (geo == null
        || policy.getWrr() != null
        || policy.getPrimaryBackup() != null
        || policy.getHealthCheck() != null
        || Boolean.TRUE.equals(geo.getEnableFencing())
        || geo.getItems() == null
        || geo.getItems().isEmpty()) {
      return Optional.empty();
    }
    Map<Location, List<String>> locations = new TreeMap<>();
    for (RRSetRoutingPolicyGeoPolicyGeoPolicyItem item : geo.getItems()) {
      if (item.getLocation() == null
          || item.getRrdatas() == null
          || item.getRrdatas().isEmpty()
          || item.getHealthCheckedTargets() != null) {
        return Optional.empty();
      }
      Location location;
      try {
        location = Location.cloudRegion(item.getLocation());
      } catch (IllegalArgumentException notARegion) {
        return Optional.empty();
      }
      if (locations.putIfAbsent(location, values(type, item.getRrdatas())) != null) {
        return Optional.empty();
      }
    }
    return Optional.of(locations);
  }

  private static int bytes(List<String> rrdatas) {
    int bytes = 0;
    if (rrdatas != null) {
      for (String rdata : rrdatas) {
        bytes += rdata.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return bytes;
  }

  private static Optional<List<WeightedValue>> plainWrr(
      RecordType type, RRSetRoutingPolicy policy) {
    RRSetRoutingPolicyWrrPolicy wrr = policy.getWrr();
    if (wrr == null
        || policy.getGeo() != null
        || policy.getPrimaryBackup() != null
        || policy.getHealthCheck() != null
        || wrr.getItems() == null
        || wrr.getItems().isEmpty()) {
      return Optional.empty();
    }
    List<WeightedValue> members = new ArrayList<>();
    for (RRSetRoutingPolicyWrrPolicyWrrPolicyItem item : wrr.getItems()) {
      Double weight = item.getWeight();
      List<String> rrdatas = item.getRrdatas();
      if (weight == null
          || weight != Math.rint(weight)
          || weight < 0
          || weight > 255
          || rrdatas == null
          || rrdatas.size() != 1
          || item.getHealthCheckedTargets() != null) {
        return Optional.empty();
      }
      String value = canonicalValue(type, values(type, rrdatas).getFirst());
      members.add(new WeightedValue(value, value, weight.intValue()));
    }
    long distinct = members.stream().map(WeightedValue::value).distinct().count();
    return distinct == members.size() ? Optional.of(members) : Optional.empty();
  }

  private static List<WeightedValue> foreignPolicy(RecordType type, RRSetRoutingPolicy policy) {
    List<WeightedValue> members = new ArrayList<>();
    if (policy.getWrr() != null && policy.getWrr().getItems() != null) {
      List<RRSetRoutingPolicyWrrPolicyWrrPolicyItem> items = policy.getWrr().getItems();
      for (int i = 0; i < items.size(); i++) {
        RRSetRoutingPolicyWrrPolicyWrrPolicyItem item = items.get(i);
        addMembers(
            members,
            "wrr:" + i,
            weight(item.getWeight()),
            type,
            item.getRrdatas(),
            item.getHealthCheckedTargets());
      }
    }
    addGeo(members, "geo:", type, policy.getGeo());
    RRSetRoutingPolicyPrimaryBackupPolicy primaryBackup = policy.getPrimaryBackup();
    if (primaryBackup != null) {
      addMembers(
          members, "primaryBackup:primary", 0, type, null, primaryBackup.getPrimaryTargets());
      addGeo(members, "primaryBackup:backup:", type, primaryBackup.getBackupGeoTargets());
    }
    if (members.isEmpty()) {
      members.add(new WeightedValue("routingPolicy:unknown", "-", 0));
    }
    return members;
  }

  private static void addGeo(
      List<WeightedValue> members,
      String prefix,
      RecordType type,
      RRSetRoutingPolicyGeoPolicy geo) {
    if (geo == null || geo.getItems() == null) {
      return;
    }
    for (RRSetRoutingPolicyGeoPolicyGeoPolicyItem item : geo.getItems()) {
      addMembers(
          members,
          prefix + Objects.requireNonNullElse(item.getLocation(), "?"),
          0,
          type,
          item.getRrdatas(),
          item.getHealthCheckedTargets());
    }
  }

  private static void addMembers(
      List<WeightedValue> members,
      String id,
      int weight,
      RecordType type,
      List<String> rrdatas,
      RRSetRoutingPolicyHealthCheckTargets targets) {
    List<String> found = new ArrayList<>();
    if (rrdatas != null) {
      found.addAll(values(type, rrdatas));
    }
    if (targets != null) {
      if (targets.getExternalEndpoints() != null) {
        found.addAll(targets.getExternalEndpoints());
      }
      if (targets.getInternalLoadBalancers() != null) {
        for (RRSetRoutingPolicyLoadBalancerTarget target : targets.getInternalLoadBalancers()) {
          found.add(Objects.requireNonNullElse(target.getIpAddress(), "-"));
        }
      }
    }
    if (found.isEmpty()) {
      found.add("-");
    }
    for (int i = 0; i < found.size(); i++) {
      members.add(new WeightedValue(found.size() == 1 ? id : id + ":" + i, found.get(i), weight));
    }
  }

  private static int weight(Double weight) {
    if (weight == null) {
      return 0;
    }
    return (int) Math.max(0, Math.min(255, Math.round(weight)));
  }

  /** Mutable, as the generated model's deep copies need. */
  private static List<String> rdatas(RecordType type, List<String> values) {
    List<String> rdatas = new ArrayList<>();
    values.forEach(value -> rdatas.add(type == RecordType.TXT ? TxtRdata.encode(value) : value));
    return rdatas;
  }

  private static List<String> values(RecordType type, List<String> rrdatas) {
    if (rrdatas == null) {
      return List.of();
    }
    return rrdatas.stream()
        .map(rdata -> type == RecordType.TXT ? TxtRdata.decode(rdata) : rdata)
        .toList();
  }

  /** The canonical form RecordSet gives a value of {@code type}: a member's value and id. */
  static String canonicalValue(RecordType type, String value) {
    return RecordSet.of(DnsName.of("x."), type, 0, List.of(value)).values().getFirst();
  }
}

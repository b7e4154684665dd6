package io.dnsfailover.provider.route53;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.GeoLocation;
import software.amazon.awssdk.services.route53.model.GetChangeRequest;
import software.amazon.awssdk.services.route53.model.GetChangeResponse;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.HostedZoneConfig;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameRequest;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameResponse;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.NoSuchChangeException;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.PriorRequestNotCompleteException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.ThrottlingException;

/**
 * A twin of Route 53's record-set API, strict where Route 53 is strict:
 *
 * <ul>
 *   <li>Names are held as Route 53 lists them: lower case, final dot, characters outside {@code
 *       a-z0-9-_.} as octal escapes ({@code *} as {@code \052}).
 *   <li>Listing is sorted by reversed labels, then type, then SetIdentifier, {@code pageSize} a
 *       page, with {@code NextRecordName/Type/Identifier}.
 *   <li>A change batch is validated whole, in order, against a copy, and applied all or nothing.
 *       CREATE of an existing set, DELETE of a missing one or with different values, TTL, weight or
 *       routing, a simple set beside a weighted one, a CNAME beside anything, TXT values not in
 *       quotes or with strings longer than 255, a CNAME with more than one value, and more than
 *       1,000 records or 32,000 value characters all fail with {@code InvalidChangeBatch} and Route
 *       53's messages (the CNAME one in this twin's words: its exact wording in Route 53 was not
 *       checked, and the provider shows whatever Route 53 says). UPSERT creates or replaces a set
 *       by name, type and SetIdentifier, without looking at what it held.
 *   <li>Geolocation sets, as the GeoLocation and ResourceRecordSet references describe them: each
 *       needs a SetIdentifier; ContinentCode is one of AF, AN, AS, EU, NA, OC, SA and never comes
 *       with CountryCode; SubdivisionCode needs CountryCode US; CountryCode {@code *} is the
 *       default; two sets of one name and type may not name the same location, and geolocation sets
 *       may not share a name and type with sets of another routing (simple, weighted). These
 *       refusals are in this twin's words too.
 *   <li>Zone ids come back with {@code /hostedzone/} from ListHostedZonesByName (the SDK does not
 *       strip it there); changes with {@code /change/}.
 *   <li>{@link #failNext} makes the next calls of an operation throw a given SDK exception; every
 *       call, failed or not, is counted.
 *   <li>{@link #divergeLikeMoto} adds the two ways moto 5.x, a Route 53 emulator, differs from
 *       Route 53 (see /work/shared/DEPENDENCIES.md): a DELETE with a SetIdentifier removes every
 *       set of that name and type, and a CREATE of a set the same batch deleted is rejected.
 * </ul>
 */
final class InMemoryRoute53 implements Route53Api {

  static final String LIST_ZONES = "ListHostedZonesByName";
  static final String LIST_RECORDS = "ListResourceRecordSets";
  static final String CHANGE = "ChangeResourceRecordSets";
  static final String GET_CHANGE = "GetChange";

  private static final Pattern TXT_VALUE = Pattern.compile("(\\s*\"([^\"\\\\]|\\\\.)*\")+\\s*");
  private static final Comparator<ResourceRecordSet> ORDER =
      Comparator.comparing((ResourceRecordSet set) -> reversed(set.name()))
          .thenComparing(ResourceRecordSet::typeAsString)
          .thenComparing(set -> Objects.requireNonNullElse(set.setIdentifier(), ""));

  private final Map<String, HostedZone> zones = new LinkedHashMap<>();
  private final Map<String, List<ResourceRecordSet>> recordSets = new HashMap<>();
  private final Map<String, Deque<SdkException>> failures = new HashMap<>();
  private final Map<String, Integer> calls = new HashMap<>();
  private final Map<String, Integer> pendingPolls = new HashMap<>();
  private final List<ChangeResourceRecordSetsRequest> changeRequests = new ArrayList<>();
  private int pageSize = 300;
  private boolean moto;
  private int pollsUntilInSync;
  private int nextChange = 1;

  /** Adds a hosted zone with its SOA and NS record sets. */
  synchronized InMemoryRoute53 zone(String id, String name, boolean isPrivate) {
    String listed = listedName(name);
    zones.put(
        id,
        HostedZone.builder()
            .id("/hostedzone/" + id)
            .name(listed)
            .callerReference("ref-" + id)
            .config(HostedZoneConfig.builder().privateZone(isPrivate).build())
            .resourceRecordSetCount(2L)
            .build());
    List<ResourceRecordSet> sets = new ArrayList<>();
    sets.add(
        set(
            listed,
            RRType.SOA,
            900,
            "ns-1.awsdns-01.org. awsdns-hostmaster.amazon.com. 1 7200 900" + " 1209600 86400"));
    sets.add(set(listed, RRType.NS, 172800, "ns-1.awsdns-01.org.", "ns-2.awsdns-02.com."));
    recordSets.put(id, sets);
    return this;
  }

  synchronized InMemoryRoute53 pageSize(int size) {
    this.pageSize = size;
    return this;
  }

  /** Behaves as moto does where it differs from Route 53 (see the class docs). */
  synchronized InMemoryRoute53 divergeLikeMoto() {
    this.moto = true;
    return this;
  }

  /** How many GetChange calls answer PENDING before INSYNC. */
  synchronized InMemoryRoute53 pollsUntilInSync(int polls) {
    this.pollsUntilInSync = polls;
    return this;
  }

  /** Puts record sets in directly, as another tool would; not a counted call. */
  synchronized void seed(String zoneId, ResourceRecordSet... sets) {
    List<ResourceRecordSet> held = recordSets.get(zoneId);
    for (ResourceRecordSet set : sets) {
      ResourceRecordSet normal = normalised(set);
      held.removeIf(existing -> sameIdentity(existing, normal));
      held.add(normal);
    }
  }

  /** Everything the zone holds, in Route 53's order. */
  synchronized List<ResourceRecordSet> all(String zoneId) {
    List<ResourceRecordSet> sorted = new ArrayList<>(recordSets.get(zoneId));
    sorted.sort(ORDER);
    return List.copyOf(sorted);
  }

  synchronized void failNext(String operation, SdkException... failure) {
    Deque<SdkException> queue = failures.computeIfAbsent(operation, unused -> new ArrayDeque<>());
    Collections.addAll(queue, failure);
  }

  synchronized int calls(String operation) {
    return calls.getOrDefault(operation, 0);
  }

  synchronized int totalCalls() {
    return calls.values().stream().mapToInt(Integer::intValue).sum();
  }

  synchronized List<ChangeResourceRecordSetsRequest> changeRequests() {
    return List.copyOf(changeRequests);
  }

  @Override
  public synchronized ListHostedZonesByNameResponse listHostedZonesByName(
      ListHostedZonesByNameRequest request) {
    enter(LIST_ZONES);
    List<HostedZone> sorted = new ArrayList<>(zones.values());
    sorted.sort(
        Comparator.comparing((HostedZone zone) -> reversed(zone.name()))
            .thenComparing(HostedZone::id));
    String start = request.dnsName() == null ? "" : reversed(listedName(request.dnsName()));
    List<HostedZone> from =
        sorted.stream()
            .filter(zone -> reversed(zone.name()).compareTo(start) >= 0)
            .filter(
                zone ->
                    request.hostedZoneId() == null
                        || !reversed(zone.name()).equals(start)
                        || zone.id().compareTo("/hostedzone/" + request.hostedZoneId()) >= 0)
            .toList();
    int max = request.maxItems() == null ? 100 : Integer.parseInt(request.maxItems());
    var response =
        ListHostedZonesByNameResponse.builder()
            .hostedZones(from.subList(0, Math.min(max, from.size())))
            .dnsName(request.dnsName())
            .maxItems(String.valueOf(max))
            .isTruncated(from.size() > max);
    if (from.size() > max) {
      response
          .nextDNSName(from.get(max).name())
          .nextHostedZoneId(RecordSetCodec.bareZoneId(from.get(max).id()));
    }
    return response.build();
  }

  @Override
  public synchronized ListResourceRecordSetsResponse listResourceRecordSets(
      ListResourceRecordSetsRequest request) {
    enter(LIST_RECORDS);
    List<ResourceRecordSet> sorted = new ArrayList<>(held(request.hostedZoneId()));
    sorted.sort(ORDER);
    int from = 0;
    if (request.startRecordName() != null) {
      ResourceRecordSet start =
          ResourceRecordSet.builder()
              .name(listedName(request.startRecordName()))
              .type(request.startRecordType() == null ? "A" : request.startRecordTypeAsString())
              .setIdentifier(request.startRecordIdentifier())
              .build();
      while (from < sorted.size() && ORDER.compare(sorted.get(from), start) < 0) {
        from++;
      }
    }
    int max =
        Math.min(pageSize, request.maxItems() == null ? 300 : Integer.parseInt(request.maxItems()));
    int to = Math.min(sorted.size(), from + max);
    var response =
        ListResourceRecordSetsResponse.builder()
            .resourceRecordSets(sorted.subList(from, to))
            .maxItems(String.valueOf(max))
            .isTruncated(to < sorted.size());
    if (to < sorted.size()) {
      ResourceRecordSet next = sorted.get(to);
      response
          .nextRecordName(next.name())
          .nextRecordType(next.type())
          .nextRecordIdentifier(next.setIdentifier());
    }
    return response.build();
  }

  @Override
  public synchronized ChangeResourceRecordSetsResponse changeResourceRecordSets(
      ChangeResourceRecordSetsRequest request) {
    enter(CHANGE);
    changeRequests.add(request);
    String zoneId = RecordSetCodec.bareZoneId(request.hostedZoneId());
    List<ResourceRecordSet> copy = new ArrayList<>(held(zoneId));
    String zoneName = zones.get(zoneId).name();
    List<String> messages = new ArrayList<>();
    int records = 0;
    int characters = 0;
    List<ResourceRecordSet> deletedHere = new ArrayList<>();
    for (Change change : request.changeBatch().changes()) {
      ResourceRecordSet set = normalised(change.resourceRecordSet());
      int factor = change.actionAsString().equals("UPSERT") ? 2 : 1;
      for (ResourceRecord record : set.resourceRecords()) {
        records += factor;
        characters += factor * record.value().length();
      }
      String described = "[name='" + set.name() + "', type='" + set.typeAsString() + "'";
      described +=
          set.setIdentifier() == null ? "]" : ", set-identifier='" + set.setIdentifier() + "']";
      ResourceRecordSet current =
          copy.stream().filter(existing -> sameIdentity(existing, set)).findFirst().orElse(null);
      switch (change.actionAsString()) {
        case "CREATE" -> {
          if (moto && deletedHere.stream().anyMatch(deleted -> sameIdentity(deleted, set))) {
            messages.add(
                "Tried to create resource record set "
                    + described
                    + " which was deleted earlier in this change batch");
          } else if (current != null) {
            messages.add(
                "Tried to create resource record set " + described + " but it already exists");
          } else if (valid(set, zoneName, copy, messages)) {
            copy.add(set);
          }
        }
        case "DELETE" -> {
          if (current == null) {
            messages.add(
                "Tried to delete resource record set " + described + " but it was not found");
          } else if (!sameContent(current, set)) {
            messages.add(
                "Tried to delete resource record set "
                    + described
                    + " but the values provided do not match the current values");
          } else if (moto && set.setIdentifier() != null) {
            copy.removeIf(held -> held.name().equals(set.name()) && held.type() == set.type());
            deletedHere.add(set);
          } else {
            copy.remove(current);
            deletedHere.add(set);
          }
        }
        case "UPSERT" -> {
          if (current != null) {
            copy.remove(current);
          }
          if (valid(set, zoneName, copy, messages)) {
            copy.add(set);
          }
        }
        default -> messages.add("Unknown action " + change.actionAsString());
      }
    }
    if (records > ChangeBatches.MAX_RECORDS) {
      messages.add("Number of records limit of 1000 exceeded.");
    }
    if (characters > ChangeBatches.MAX_VALUE_CHARACTERS) {
      messages.add("Number of characters in the request exceeded the limit of 32000.");
    }
    if (!messages.isEmpty()) {
      throw InvalidChangeBatchException.builder()
          .messages(messages)
          .statusCode(400)
          .awsErrorDetails(
              AwsErrorDetails.builder()
                  .errorCode("InvalidChangeBatch")
                  .errorMessage(String.join("; ", messages))
                  .build())
          .message(String.join("; ", messages))
          .build();
    }
    recordSets.put(zoneId, copy);
    String id = "C" + nextChange++;
    pendingPolls.put(id, pollsUntilInSync);
    return ChangeResourceRecordSetsResponse.builder()
        .changeInfo(
            ChangeInfo.builder()
                .id("/change/" + id)
                .status(pollsUntilInSync == 0 ? ChangeStatus.INSYNC : ChangeStatus.PENDING)
                .comment(request.changeBatch().comment())
                .build())
        .build();
  }

  @Override
  public synchronized GetChangeResponse getChange(GetChangeRequest request) {
    enter(GET_CHANGE);
    String id = RecordSetCodec.bareChangeId(request.id());
    Integer left = pendingPolls.get(id);
    if (left == null) {
      throw NoSuchChangeException.builder()
          .statusCode(404)
          .awsErrorDetails(
              AwsErrorDetails.builder().errorCode("NoSuchChange").errorMessage(id).build())
          .build();
    }
    pendingPolls.put(id, Math.max(0, left - 1));
    return GetChangeResponse.builder()
        .changeInfo(
            ChangeInfo.builder()
                .id("/change/" + id)
                .status(left <= 1 ? ChangeStatus.INSYNC : ChangeStatus.PENDING)
                .build())
        .build();
  }

  @Override
  public void close() {}

  // ---- failures ----

  static ThrottlingException throttling() {
    return ThrottlingException.builder()
        .statusCode(400)
        .awsErrorDetails(
            AwsErrorDetails.builder().errorCode("Throttling").errorMessage("Rate exceeded").build())
        .message("Rate exceeded")
        .build();
  }

  static PriorRequestNotCompleteException priorRequestNotComplete() {
    return PriorRequestNotCompleteException.builder()
        .statusCode(400)
        .awsErrorDetails(
            AwsErrorDetails.builder()
                .errorCode("PriorRequestNotComplete")
                .errorMessage(
                    "The request was rejected because Route 53 was still processing a prior"
                        + " request.")
                .build())
        .build();
  }

  static AwsServiceException serviceError(int status, String code, String message) {
    return AwsServiceException.builder()
        .statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
        .message(message)
        .build();
  }

  // ---- helpers ----

  private void enter(String operation) {
    calls.merge(operation, 1, Integer::sum);
    Deque<SdkException> queue = failures.get(operation);
    if (queue != null && !queue.isEmpty()) {
      throw queue.removeFirst();
    }
  }

  private List<ResourceRecordSet> held(String zoneId) {
    List<ResourceRecordSet> held = recordSets.get(RecordSetCodec.bareZoneId(zoneId));
    if (held == null) {
      throw NoSuchHostedZoneException.builder()
          .statusCode(404)
          .awsErrorDetails(
              AwsErrorDetails.builder()
                  .errorCode("NoSuchHostedZone")
                  .errorMessage("No hosted zone found with ID: " + zoneId)
                  .build())
          .build();
    }
    return held;
  }

  private static boolean valid(
      ResourceRecordSet set, String zoneName, List<ResourceRecordSet> held, List<String> messages) {
    int before = messages.size();
    if (!set.name().equals(zoneName) && !set.name().endsWith("." + zoneName)) {
      messages.add("RRSet with DNS name " + set.name() + " is not permitted in zone " + zoneName);
    }
    if (set.geoLocation() != null) {
      validGeoLocation(set, messages);
    }
    for (ResourceRecordSet other : held) {
      if (!other.name().equals(set.name())) {
        continue;
      }
      if (other.type() == set.type()
          && other.setIdentifier() != null
          && set.setIdentifier() != null
          && (other.geoLocation() == null) != (set.geoLocation() == null)) {
        messages.add(
            "RRSet with DNS name "
                + set.name()
                + ", type "
                + set.typeAsString()
                + ", SetIdentifier "
                + set.setIdentifier()
                + " cannot be created because a set with another routing policy exists with the"
                + " same name and type.");
      }
      if (other.type() == set.type()
          && set.geoLocation() != null
          && set.geoLocation().equals(other.geoLocation())) {
        messages.add(
            "RRSet with DNS name "
                + set.name()
                + ", type "
                + set.typeAsString()
                + ", SetIdentifier "
                + set.setIdentifier()
                + " cannot be created because the set "
                + other.setIdentifier()
                + " already has the same geolocation.");
      }
      if (other.type() == set.type()
          && (other.setIdentifier() == null) != (set.setIdentifier() == null)) {
        messages.add(
            "RRSet with DNS name "
                + set.name()
                + ", type "
                + set.typeAsString()
                + (set.setIdentifier() == null ? "" : ", SetIdentifier " + set.setIdentifier())
                + " cannot be created because a "
                + (other.setIdentifier() == null ? "non-weighted" : "weighted")
                + " set exists with the same name and type.");
      }
      if (other.type() != set.type()
          && (other.type() == RRType.CNAME || set.type() == RRType.CNAME)) {
        messages.add(
            "RRSet of type "
                + set.typeAsString()
                + " with DNS name "
                + set.name()
                + " is not permitted as it conflicts with other records with the same DNS name in"
                + " zone "
                + zoneName
                + ".");
      }
    }
    if (set.type() == RRType.TXT) {
      for (ResourceRecord record : set.resourceRecords()) {
        if (!TXT_VALUE.matcher(record.value()).matches()) {
          messages.add(
              "Invalid Resource Record: 'FATAL problem: InvalidCharacterString (Value should be"
                  + " enclosed in quotation marks) encountered with '"
                  + record.value()
                  + "''");
        } else if (longestString(record.value()) > Route53Txt.STRING_BYTES) {
          messages.add(
              "Invalid Resource Record: 'FATAL problem: CharacterStringTooLong (Value is too long)"
                  + " encountered with '"
                  + record.value()
                  + "''");
        }
      }
    }
    if (set.type() == RRType.CNAME && set.resourceRecords().size() > 1) {
      messages.add(
          "RRSet of type CNAME with DNS name "
              + set.name()
              + " has "
              + set.resourceRecords().size()
              + " resource records: a CNAME holds exactly one");
    }
    if (set.resourceRecords().isEmpty() && set.aliasTarget() == null) {
      messages.add(
          "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords]], but found none in Change with [Action=CREATE, Name="
              + set.name()
              + ", Type="
              + set.typeAsString()
              + "]");
    }
    return messages.size() == before;
  }

  private static final Set<String> CONTINENTS = Set.of("AF", "AN", "AS", "EU", "NA", "OC", "SA");

  private static void validGeoLocation(ResourceRecordSet set, List<String> messages) {
    GeoLocation geo = set.geoLocation();
    String where = " in the geolocation set " + set.name() + " " + set.typeAsString();
    if (set.setIdentifier() == null) {
      messages.add("Invalid request: a geolocation set needs a SetIdentifier" + where);
    }
    if (geo.continentCode() != null
        && (geo.countryCode() != null || geo.subdivisionCode() != null)) {
      messages.add("Invalid request: ContinentCode with CountryCode or SubdivisionCode" + where);
    } else if (geo.continentCode() != null && !CONTINENTS.contains(geo.continentCode())) {
      messages.add("Invalid request: unknown ContinentCode " + geo.continentCode() + where);
    } else if (geo.subdivisionCode() != null && !"US".equals(geo.countryCode())) {
      messages.add("Invalid request: SubdivisionCode needs CountryCode US" + where);
    } else if (geo.continentCode() == null && geo.countryCode() == null) {
      messages.add("Invalid request: an empty GeoLocation" + where);
    }
  }

  private static int longestString(String value) {
    int longest = 0;
    int i = 0;
    while (i < value.length()) {
      if (value.charAt(i) != '"') {
        i++;
        continue;
      }
      int length = 0;
      i++;
      while (i < value.length() && value.charAt(i) != '"') {
        if (value.charAt(i) == '\\') {
          i += Character.isDigit(value.charAt(i + 1)) ? 4 : 2;
        } else {
          i++;
        }
        length++;
      }
      i++;
      longest = Math.max(longest, length);
    }
    return longest;
  }

  private static boolean sameIdentity(ResourceRecordSet a, ResourceRecordSet b) {
    return a.name().equals(b.name())
        && a.type() == b.type()
        && Objects.equals(a.setIdentifier(), b.setIdentifier());
  }

  /** DELETE matches when everything but the order of the values is the same. */
  private static boolean sameContent(ResourceRecordSet held, ResourceRecordSet sent) {
    return held.toBuilder()
        .resourceRecords(sortedRecords(held))
        .build()
        .equals(sent.toBuilder().resourceRecords(sortedRecords(sent)).build());
  }

  private static List<ResourceRecord> sortedRecords(ResourceRecordSet set) {
    return set.resourceRecords().stream()
        .sorted(Comparator.comparing(ResourceRecord::value))
        .toList();
  }

  private static ResourceRecordSet normalised(ResourceRecordSet set) {
    return set.toBuilder().name(listedName(set.name())).build();
  }

  /** A name as Route 53 lists it. */
  static String listedName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (!lower.endsWith(".")) {
      lower += ".";
    }
    StringBuilder listed = new StringBuilder();
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.') {
        listed.append(c);
      } else if (c == '\\') {
        listed.append(c);
      } else {
        String octal = Integer.toOctalString(c);
        listed.append('\\').append("0".repeat(Math.max(0, 3 - octal.length()))).append(octal);
      }
    }
    return listed.toString();
  }

  private static String reversed(String name) {
    List<String> labels = new ArrayList<>(List.of(name.split("\\.")));
    Collections.reverse(labels);
    return String.join(".", labels);
  }

  static ResourceRecordSet set(String name, RRType type, long ttl, String... values) {
    return ResourceRecordSet.builder()
        .name(name)
        .type(type)
        .ttl(ttl)
        .resourceRecords(
            java.util.Arrays.stream(values)
                .map(value -> ResourceRecord.builder().value(value).build())
                .toList())
        .build();
  }

  static ResourceRecordSet weighted(
      String name, RRType type, long ttl, String id, long weight, String... values) {
    return set(name, type, ttl, values).toBuilder().setIdentifier(id).weight(weight).build();
  }

  static ResourceRecordSet geo(
      String name, RRType type, long ttl, String id, GeoLocation location, String... values) {
    return set(name, type, ttl, values).toBuilder().setIdentifier(id).geoLocation(location).build();
  }
}

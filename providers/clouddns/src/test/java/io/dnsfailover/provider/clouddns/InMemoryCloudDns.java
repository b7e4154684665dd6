package io.dnsfailover.provider.clouddns;

import com.google.api.services.dns.model.Change;
import com.google.api.services.dns.model.ManagedZone;
import com.google.api.services.dns.model.ResourceRecordSet;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An in-memory Cloud DNS project with the API's rules for changes: atomic; a deletion must match
 * the held rrset exactly (412 {@code conditionNotMet}) and exist (404 {@code notFound}); an
 * addition must not exist unless deleted in the same change (409 {@code alreadyExists}); an rrset
 * holds rrdatas or a routing policy, not both, and a CNAME one rrdata; a geo policy has items, each
 * with a location and rrdatas (or health-checked targets), no location twice (400 {@code invalid},
 * in this twin's generic words). Lists page by {@link #pageSize}. Changes start {@code pending} and
 * turn {@code done} after {@link #pendingPolls} reads.
 */
final class InMemoryCloudDns implements CloudDnsApi {

  /** What the next {@link #createChange} does instead of its normal work. */
  enum Fault {
    /** Rejects the call with this error, changing nothing. */
    REJECT,
    /** Applies the change, then fails as if the answer were lost. */
    APPLY_THEN_FAIL
  }

  private record Injected(Fault fault, Exception error) {}

  private final Map<String, ManagedZone> zones = new LinkedHashMap<>();
  private final Map<String, Map<String, ResourceRecordSet>> records = new HashMap<>();
  private final Map<String, Integer> pollsLeft = new HashMap<>();
  private final Deque<Injected> faults = new ArrayDeque<>();
  private final List<Change> accepted = new ArrayList<>();
  private final List<String> listedNames = new ArrayList<>();
  private int pageSize = 100;
  private int pendingPolls;
  private int nextId = 1;
  private int zoneLookups;
  private int createCalls;
  private int changeReads;
  private Runnable beforeCreate = () -> {};

  InMemoryCloudDns addZone(String name, String dnsName, String visibility) {
    zones.put(
        name,
        new ManagedZone()
            .setName(name)
            .setDnsName(dnsName)
            .setVisibility(visibility)
            .setId(java.math.BigInteger.valueOf(zones.size() + 1L)));
    records.put(name, new TreeMap<>());
    return this;
  }

  InMemoryCloudDns addZone(String name, String dnsName) {
    return addZone(name, dnsName, "public");
  }

  void seed(String zone, ResourceRecordSet rrset) {
    records.get(zone).put(key(rrset), rrset.clone());
  }

  void remove(String zone, String name, String type) {
    records.get(zone).remove(name.toLowerCase(Locale.ROOT) + " " + type);
  }

  Optional<ResourceRecordSet> get(String zone, String name, String type) {
    return Optional.ofNullable(records.get(zone).get(name.toLowerCase(Locale.ROOT) + " " + type))
        .map(ResourceRecordSet::clone);
  }

  List<ResourceRecordSet> all(String zone) {
    return records.get(zone).values().stream().map(ResourceRecordSet::clone).toList();
  }

  void pageSize(int size) {
    pageSize = size;
  }

  void pendingPolls(int polls) {
    pendingPolls = polls;
  }

  void beforeCreate(Runnable action) {
    beforeCreate = action;
  }

  void inject(Fault fault, Exception error) {
    faults.add(new Injected(fault, error));
  }

  /** Every change accepted, in order. */
  List<Change> accepted() {
    return List.copyOf(accepted);
  }

  /** The {@code name} filter of every rrset list call (empty for the whole zone). */
  List<String> listedNames() {
    return List.copyOf(listedNames);
  }

  int zoneLookups() {
    return zoneLookups;
  }

  int createCalls() {
    return createCalls;
  }

  int changeReads() {
    return changeReads;
  }

  @Override
  public synchronized Page<ManagedZone> managedZones(String dnsName, Optional<String> pageToken) {
    zoneLookups++;
    List<ManagedZone> matching =
        zones.values().stream()
            .filter(zone -> zone.getDnsName().equalsIgnoreCase(dnsName))
            .map(ManagedZone::clone)
            .toList();
    return page(matching, pageToken);
  }

  @Override
  public synchronized ManagedZone managedZone(String zone) throws ApiError {
    zoneLookups++;
    return zone(zone).clone();
  }

  @Override
  public synchronized Page<ResourceRecordSet> resourceRecordSets(
      String zone, Optional<String> name, Optional<String> pageToken) throws ApiError {
    zone(zone);
    listedNames.add(name.orElse(""));
    List<ResourceRecordSet> matching =
        records.get(zone).values().stream()
            .filter(rrset -> name.isEmpty() || rrset.getName().equalsIgnoreCase(name.get()))
            .map(ResourceRecordSet::clone)
            .toList();
    return page(matching, pageToken);
  }

  @Override
  public synchronized Change createChange(String zone, Change change) throws ApiError, IOException {
    createCalls++;
    beforeCreate.run();
    Injected injected = faults.poll();
    if (injected != null && injected.fault() == Fault.REJECT) {
      rethrow(injected.error());
    }
    ManagedZone managed = zone(zone);
    Map<String, ResourceRecordSet> held = records.get(zone);
    List<ResourceRecordSet> deletions =
        Optional.ofNullable(change.getDeletions()).orElse(List.of());
    List<ResourceRecordSet> additions =
        Optional.ofNullable(change.getAdditions()).orElse(List.of());
    Set<String> deleted = new HashSet<>();
    for (int i = 0; i < deletions.size(); i++) {
      ResourceRecordSet deletion = deletions.get(i);
      ResourceRecordSet current = held.get(key(deletion));
      if (current == null) {
        throw new ApiError(
            404,
            "notFound",
            "The 'entity.change.deletions["
                + i
                + "]' resource named '"
                + key(deletion)
                + "' does not exist.");
      }
      if (!comparable(current).equals(comparable(deletion))) {
        throw new ApiError(
            412,
            "conditionNotMet",
            "Precondition not met for 'entity.change.deletions[" + i + "]'");
      }
      deleted.add(key(deletion));
    }
    Set<String> added = new HashSet<>();
    for (int i = 0; i < additions.size(); i++) {
      ResourceRecordSet addition = additions.get(i);
      String name = addition.getName().toLowerCase(Locale.ROOT);
      String zoneName = managed.getDnsName().toLowerCase(Locale.ROOT);
      boolean hasData = addition.getRrdatas() != null && !addition.getRrdatas().isEmpty();
      boolean cnameOfMany =
          "CNAME".equals(addition.getType()) && hasData && addition.getRrdatas().size() > 1;
      if (!(name.equals(zoneName) || name.endsWith("." + zoneName))
          || hasData == (addition.getRoutingPolicy() != null)
          || cnameOfMany
          || !validGeo(addition)
          || !added.add(key(addition))) {
        throw new ApiError(
            400, "invalid", "Invalid value for 'entity.change.additions[" + i + "]'");
      }
      if (held.containsKey(key(addition)) && !deleted.contains(key(addition))) {
        throw new ApiError(
            409,
            "alreadyExists",
            "The resource 'entity.change.additions["
                + i
                + "]' named '"
                + key(addition)
                + "' already exists");
      }
    }
    deleted.forEach(held::remove);
    additions.forEach(addition -> held.put(key(addition), comparable(addition)));
    String id = Integer.toString(nextId++);
    Change result = change.clone().setId(id).setStatus(pendingPolls > 0 ? "pending" : "done");
    pollsLeft.put(id, pendingPolls);
    accepted.add(change.clone());
    if (injected != null) {
      rethrow(injected.error());
    }
    return result;
  }

  @Override
  public synchronized Change change(String zone, String changeId) throws ApiError {
    changeReads++;
    zone(zone);
    Integer left = pollsLeft.get(changeId);
    if (left == null) {
      throw new ApiError(404, "notFound", "no change " + changeId);
    }
    pollsLeft.put(changeId, left - 1);
    return new Change().setId(changeId).setStatus(left - 1 > 0 ? "pending" : "done");
  }

  private ManagedZone zone(String zone) throws ApiError {
    ManagedZone managed = zones.get(zone);
    if (managed == null) {
      throw new ApiError(
          404,
          "notFound",
          "The 'parameters.managedZone' resource named '" + zone + "' does not exist.");
    }
    return managed;
  }

  private <T> Page<T> page(List<T> items, Optional<String> pageToken) {
    int from = pageToken.map(Integer::parseInt).orElse(0);
    int to = Math.min(items.size(), from + pageSize);
    return new Page<>(
        items.subList(from, to),
        to < items.size() ? Optional.of(Integer.toString(to)) : Optional.empty());
  }

  private static ResourceRecordSet comparable(ResourceRecordSet rrset) {
    ResourceRecordSet copy =
        new ResourceRecordSet()
            .setName(rrset.getName().toLowerCase(Locale.ROOT))
            .setType(rrset.getType())
            .setTtl(rrset.getTtl());
    if (rrset.getRrdatas() != null && !rrset.getRrdatas().isEmpty()) {
      copy.setRrdatas(new ArrayList<>(rrset.getRrdatas()));
    }
    if (rrset.getRoutingPolicy() != null) {
      copy.setRoutingPolicy(rrset.getRoutingPolicy().clone());
    }
    return copy;
  }

  /** A geo policy's items: at least one, each a location with data, no location twice. */
  private static boolean validGeo(ResourceRecordSet rrset) {
    if (rrset.getRoutingPolicy() == null || rrset.getRoutingPolicy().getGeo() == null) {
      return true;
    }
    var items = rrset.getRoutingPolicy().getGeo().getItems();
    if (items == null || items.isEmpty()) {
      return false;
    }
    Set<String> locations = new HashSet<>();
    for (var item : items) {
      boolean hasData =
          item.getRrdatas() != null && !item.getRrdatas().isEmpty()
              || item.getHealthCheckedTargets() != null;
      if (item.getLocation() == null || !hasData || !locations.add(item.getLocation())) {
        return false;
      }
    }
    return true;
  }

  private static String key(ResourceRecordSet rrset) {
    return rrset.getName().toLowerCase(Locale.ROOT) + " " + rrset.getType();
  }

  private static void rethrow(Exception error) throws ApiError, IOException {
    if (error instanceof ApiError apiError) {
      throw apiError;
    }
    if (error instanceof IOException ioError) {
      throw ioError;
    }
    throw new IllegalStateException(error);
  }
}

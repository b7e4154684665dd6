package io.dnsfailover.core.config;

import io.dnsfailover.spi.DnsProviderFactory;
import io.dnsfailover.spi.Location;
import io.dnsfailover.spi.RecordType;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rules of {@code location:} and {@code policy: geo}: a geo record gives every endpoint a
 * location and any other record gives none; its zone's provider must answer by location, and by the
 * kinds of location used ({@link DnsProviderFactory#locationKinds}); where the provider has a
 * default location (Route 53's {@code *} set) the record needs one; and a geo CNAME still has one
 * target per location. Providers are judged by type, as the factories declare, without a client.
 */
final class GeoRules {

  private final Problems problems;
  private final Map<String, String> providerTypes;
  private final Map<String, Set<Location.Kind>> kindsByType;

  /**
   * @param providerTypes the type of every provider the file declares whose type is installed, by
   *     provider name
   */
  GeoRules(
      Problems problems,
      Map<String, DnsProviderFactory> factories,
      Map<String, String> providerTypes) {
    this.problems = problems;
    this.providerTypes = Map.copyOf(providerTypes);
    Map<String, Set<Location.Kind>> kinds = new TreeMap<>();
    factories.forEach((type, factory) -> kinds.put(type, Set.copyOf(factory.locationKinds())));
    this.kindsByType = kinds;
  }

  /**
   * Reports what is wrong with the locations of one record.
   *
   * @param policy empty when written wrong (already reported): only a stray location is judged
   * @param provider the zone's provider name, when it names one the file declares
   */
  void check(
      Fields record,
      Optional<RecordType> type,
      Optional<Policy> policy,
      Optional<WhenAllDown> whenAllDown,
      List<EndpointBinder.Bound> endpoints,
      Optional<String> provider) {
    if (policy.isEmpty()) {
      return;
    }
    if (policy.get() != Policy.GEO) {
      for (int i = 0; i < endpoints.size(); i++) {
        String path = locationPath(record, i);
        endpoints
            .get(i)
            .locationNode()
            .ifPresent(
                at ->
                    problems.error(
                        at,
                        path,
                        "location is only for policy geo, and this record's policy is "
                            + policy.get().name().toLowerCase(Locale.ROOT)
                            + ": remove location, or write policy: geo on the record"));
      }
      return;
    }
    boolean allLocated = true;
    for (int i = 0; i < endpoints.size(); i++) {
      EndpointBinder.Bound endpoint = endpoints.get(i);
      if (endpoint.locationNode().isEmpty() && endpoint.at() instanceof Node.Mapping mapping) {
        problems.error(
            mapping,
            locationPath(record, i),
            "required key is missing: every endpoint of a geo record needs a location, like"
                + " location: continent:EU or location: default");
      }
      allLocated &= endpoint.location().isPresent();
    }
    Optional<String> providerType = provider.map(providerTypes::get);
    if (providerType.isPresent()) {
      checkProvider(record, endpoints, provider.get(), providerType.get(), allLocated);
    }
    if (type.filter(RecordType.CNAME::equals).isPresent()) {
      checkOneTargetPerLocation(record, whenAllDown, endpoints);
    }
  }

  private void checkProvider(
      Fields record,
      List<EndpointBinder.Bound> endpoints,
      String provider,
      String type,
      boolean allLocated) {
    Set<Location.Kind> kinds = kindsByType.getOrDefault(type, Set.of());
    if (kinds.isEmpty()) {
      Node at = record.get("policy").orElseThrow();
      List<String> able =
          kindsByType.entrySet().stream()
              .filter(entry -> !entry.getValue().isEmpty())
              .map(Map.Entry::getKey)
              .toList();
      problems.error(
          at,
          record.path("policy"),
          "policy geo needs a provider that answers by location, and provider "
              + provider
              + " is a "
              + type
              + " provider, which cannot: "
              + (able.isEmpty()
                  ? "no installed provider type can"
                  : "use a provider of type " + String.join(" or ", able))
              + ", or another policy");
      return;
    }
    for (int i = 0; i < endpoints.size(); i++) {
      EndpointBinder.Bound endpoint = endpoints.get(i);
      if (endpoint.location().isEmpty() || kinds.contains(endpoint.location().get().kind())) {
        continue;
      }
      Location location = endpoint.location().get();
      String supported =
          "use "
              + Location.describe(kinds)
              + " locations"
              + (kinds.size() == 1 ? ", like " + kinds.iterator().next().example() : "");
      problems.error(
          endpoint.locationNode().orElseThrow(),
          locationPath(record, i),
          location.isDefault()
              ? "a "
                  + type
                  + " provider has no default location: it answers users outside every location"
                  + " the record lists from the nearest one; "
                  + supported
              : "a "
                  + type
                  + " provider cannot answer by "
                  + location.kind().prefix()
                  + ": "
                  + supported);
    }
    if (allLocated
        && kinds.contains(Location.Kind.DEFAULT)
        && endpoints.stream()
            .noneMatch(endpoint -> endpoint.location().filter(Location::isDefault).isPresent())) {
      Node at = record.get("endpoints").orElseThrow();
      problems.error(
          at,
          record.path("endpoints"),
          "a geo record needs an endpoint with location: default, which answers the users no other"
              + " location matches (a "
              + type
              + " provider gives them no answer otherwise)");
    }
  }

  /** A CNAME holds one target, so each location may publish only one endpoint at a time. */
  private void checkOneTargetPerLocation(
      Fields record, Optional<WhenAllDown> whenAllDown, List<EndpointBinder.Bound> endpoints) {
    Map<Location, EndpointBinder.Bound> firstAt = new HashMap<>();
    Map<Location, Map<Integer, EndpointBinder.Bound>> byPriority = new HashMap<>();
    Set<Location> shared = new TreeSet<>();
    for (int i = 0; i < endpoints.size(); i++) {
      EndpointBinder.Bound endpoint = endpoints.get(i);
      if (endpoint.location().isEmpty()) {
        continue;
      }
      Location location = endpoint.location().get();
      if (firstAt.putIfAbsent(location, endpoint) != null) {
        shared.add(location);
      }
      if (endpoint.priority().isEmpty()) {
        continue;
      }
      EndpointBinder.Bound first =
          byPriority
              .computeIfAbsent(location, unused -> new HashMap<>())
              .putIfAbsent(endpoint.priority().get(), endpoint);
      if (first != null) {
        Node at = endpoint.priorityNode().orElse(endpoint.at());
        problems.error(
            at,
            KeyPaths.key(endpointPath(record, i), "priority"),
            "priority "
                + endpoint.priority().get()
                + (endpoint.priorityNode().isEmpty() ? " (the default)" : "")
                + " is shared with the endpoint at line "
                + first.at().line()
                + " in location "
                + location
                + ": a CNAME has exactly one target, so the endpoints of one location need"
                + " different priorities");
      }
    }
    if (whenAllDown.filter(WhenAllDown.ALL::equals).isPresent() && !shared.isEmpty()) {
      Node at = record.get("whenAllDown").orElseThrow();
      problems.error(
          at,
          record.path("whenAllDown"),
          "whenAllDown 'all' publishes every endpoint of each location, but a CNAME has exactly"
              + " one target and "
              + String.join(", ", shared.stream().map(Location::toString).toList())
              + " has more than one endpoint: use keep or none");
    }
  }

  private static String endpointPath(Fields record, int index) {
    return KeyPaths.index(record.path("endpoints"), index);
  }

  private static String locationPath(Fields record, int index) {
    return KeyPaths.key(endpointPath(record, index), "location");
  }
}

package io.dnsfailover.core.policy;

import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.core.config.RecordConfig;
import io.dnsfailover.spi.Location;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns the health of a record's endpoints into its {@link Answer}, as DESIGN.md's "Policies"
 * section says: {@code failover} picks the best priority that has a healthy endpoint, {@code
 * weighted} and {@code multivalue} publish every healthy endpoint, {@code geo} decides each
 * location as {@code failover} would (a location with no healthy endpoint is left out, so its users
 * get the default location's answer), and {@code whenAllDown} decides when no endpoint of the
 * record is healthy, and for a geo record also when its default location has none. Pure and
 * deterministic: the same inputs give the same answer and reason.
 */
public final class PolicyEvaluator {

  private PolicyEvaluator() {}

  /**
   * Decides {@code record}'s answer. An endpoint missing from {@code health} has not been probed
   * yet; the record is then kept as it is until every endpoint has a state.
   */
  public static Answer decide(RecordConfig record, Map<String, EndpointStatus> health) {
    List<EndpointConfig> unprobed =
        record.endpoints().stream()
            .filter(endpoint -> !health.containsKey(endpoint.key()))
            .toList();
    if (!unprobed.isEmpty()) {
      return new Answer.Keep("waiting for the first probe of " + ids(unprobed));
    }
    List<EndpointConfig> healthy =
        record.endpoints().stream()
            .filter(endpoint -> health.get(endpoint.key()).healthy())
            .toList();
    List<EndpointConfig> down =
        record.endpoints().stream()
            .filter(endpoint -> !health.get(endpoint.key()).healthy())
            .toList();
    if (healthy.isEmpty()) {
      return whenAllDown(record, health);
    }
    return switch (record.policy()) {
      case FAILOVER -> failover(healthy, down, health);
      case WEIGHTED -> weighted(healthy, down, health);
      case MULTIVALUE -> new Answer.Publish(healthy, everyHealthy(healthy, down, health));
      case GEO -> geo(record, health);
    };
  }

  /**
   * Each location as {@code failover} decides it among its own endpoints. A location without a
   * healthy endpoint is removed: its users then get what the provider answers where no location
   * matches (Route 53: the default location's set; Cloud DNS: the nearest location's). The default
   * location without one takes {@code whenAllDown}. Some endpoint of the record is healthy here:
   * when none is, {@code whenAllDown} decides the whole record, so that a checker cut off from
   * every endpoint does not pull each location's answer at once.
   */
  private static Answer geo(RecordConfig record, Map<String, EndpointStatus> health) {
    Map<Location, List<EndpointConfig>> byLocation = new TreeMap<>();
    for (EndpointConfig endpoint : record.endpoints()) {
      Location location =
          endpoint
              .location()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          endpoint.key() + " has no location, but its record is geo"));
      byLocation.computeIfAbsent(location, unused -> new ArrayList<>()).add(endpoint);
    }
    boolean withDefault = byLocation.containsKey(Location.DEFAULT);
    List<Answer.Located> answers = new ArrayList<>();
    for (Map.Entry<Location, List<EndpointConfig>> entry : byLocation.entrySet()) {
      Location location = entry.getKey();
      List<EndpointConfig> endpoints = entry.getValue();
      List<EndpointConfig> healthy =
          endpoints.stream().filter(endpoint -> health.get(endpoint.key()).healthy()).toList();
      List<EndpointConfig> down =
          endpoints.stream().filter(endpoint -> !health.get(endpoint.key()).healthy()).toList();
      Answer answer;
      if (!healthy.isEmpty()) {
        answer = failover(healthy, down, health);
      } else if (location.isDefault()) {
        answer = defaultAllDown(record, endpoints, health);
      } else {
        answer =
            new Answer.Remove(
                describeDown(endpoints, health)
                    + "; "
                    + fallback(location, byLocation.keySet(), withDefault));
      }
      answers.add(new Answer.Located(location, answer));
    }
    String reason =
        answers.stream()
            .map(located -> located.location() + ": " + located.answer().reason())
            .collect(Collectors.joining("; "));
    return new Answer.ByLocation(answers, reason);
  }

  /**
   * Where the users of a location that is left out go. A country may lie in a continent the record
   * also lists, a subdivision in a country or continent: the provider then answers them from the
   * smallest of those that has an answer (Route 53 picks the most specific set).
   */
  private static String fallback(Location location, Set<Location> listed, boolean withDefault) {
    if (!withDefault) {
      return "left out: its users get the nearest other location's answer";
    }
    boolean enclosed =
        switch (location.kind()) {
          case COUNTRY ->
              listed.stream().anyMatch(other -> other.kind() == Location.Kind.CONTINENT);
          case SUBDIVISION ->
              listed.stream()
                  .anyMatch(
                      other ->
                          other.kind() == Location.Kind.CONTINENT
                              || other.equals(Location.country(location.code().substring(0, 2))));
          case CONTINENT, CLOUD_REGION, DEFAULT -> false;
        };
    return enclosed
        ? "its users get the default location's answer, or that of a listed location containing"
            + " it"
        : "its users get the default location's answer";
  }

  private static Answer defaultAllDown(
      RecordConfig record, List<EndpointConfig> endpoints, Map<String, EndpointStatus> health) {
    String allDown = "all endpoints down (" + describeDown(endpoints, health) + ")";
    return switch (record.whenAllDown()) {
      case KEEP ->
          new Answer.Keep(
              allDown + "; whenAllDown: keep leaves the default location's answer as it is");
      case ALL ->
          new Answer.Publish(
              endpoints,
              allDown + "; whenAllDown: all publishes every endpoint of the default location");
      case NONE ->
          new Answer.Remove(allDown + "; whenAllDown: none removes the default location's answer");
    };
  }

  private static Answer failover(
      List<EndpointConfig> healthy, List<EndpointConfig> down, Map<String, EndpointStatus> health) {
    int best = healthy.stream().mapToInt(EndpointConfig::priority).min().orElseThrow();
    List<EndpointConfig> chosen =
        healthy.stream().filter(endpoint -> endpoint.priority() == best).toList();
    List<EndpointConfig> better = down.stream().filter(e -> e.priority() < best).toList();
    List<EndpointConfig> peers = down.stream().filter(e -> e.priority() == best).toList();
    String reason =
        better.isEmpty()
            ? "priority " + best + ": " + describe(chosen) + " healthy"
            : describeDown(better, health)
                + "; failing over to priority "
                + best
                + ": "
                + describe(chosen);
    if (!peers.isEmpty()) {
      reason += "; left out: " + describeDown(peers, health);
    }
    return new Answer.Publish(chosen, reason);
  }

  private static Answer weighted(
      List<EndpointConfig> healthy, List<EndpointConfig> down, Map<String, EndpointStatus> health) {
    // Weight 0 means "no traffic while another member can take it", as in Route 53.
    List<EndpointConfig> carrying =
        healthy.stream().filter(endpoint -> endpoint.weight() > 0).toList();
    List<EndpointConfig> chosen = carrying.isEmpty() ? healthy : carrying;
    return new Answer.Publish(chosen, everyHealthy(chosen, down, health));
  }

  private static Answer whenAllDown(RecordConfig record, Map<String, EndpointStatus> health) {
    String allDown = "all endpoints down (" + describeDown(record.endpoints(), health) + ")";
    return switch (record.whenAllDown()) {
      case KEEP -> new Answer.Keep(allDown + "; whenAllDown: keep leaves the record as it is");
      case ALL ->
          new Answer.Publish(
              record.endpoints(), allDown + "; whenAllDown: all publishes every endpoint");
      case NONE -> new Answer.Remove(allDown + "; whenAllDown: none removes the answer");
    };
  }

  private static String everyHealthy(
      List<EndpointConfig> chosen, List<EndpointConfig> down, Map<String, EndpointStatus> health) {
    String reason = describe(chosen) + " healthy";
    return down.isEmpty() ? reason : reason + "; left out: " + describeDown(down, health);
  }

  /** "primary (192.0.2.10), backup (192.0.2.20)". */
  static String describe(List<EndpointConfig> endpoints) {
    return endpoints.stream()
        .sorted(Comparator.comparing(EndpointConfig::id))
        .map(endpoint -> endpoint.id() + " (" + endpoint.address() + ")")
        .collect(Collectors.joining(", "));
  }

  /** "primary (192.0.2.10) down: HTTP 503". */
  private static String describeDown(
      List<EndpointConfig> endpoints, Map<String, EndpointStatus> health) {
    List<String> parts = new ArrayList<>();
    for (EndpointConfig endpoint : endpoints) {
      parts.add(
          endpoint.id()
              + " ("
              + endpoint.address()
              + ") down: "
              + health.get(endpoint.key()).detail());
    }
    return String.join(", ", parts);
  }

  private static String ids(List<EndpointConfig> endpoints) {
    return endpoints.stream().map(EndpointConfig::id).collect(Collectors.joining(", "));
  }
}

package io.dnsfailover.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The records of one name and type, as a provider holds them or as the tool wants them.
 *
 * <p>{@code values} are kept sorted so that two record sets with the same answer are equal and plan
 * output is stable, and in canonical form ({@link RecordValues}). A record set is one of three
 * shapes:
 *
 * <ul>
 *   <li>plain: {@code weights} and {@code locations} are empty;
 *   <li>weighted: {@code weights} holds one member per value, and {@code values} is the set of
 *       member values;
 *   <li>geo: {@code locations} holds, per {@link Location}, the values users there get (never an
 *       empty list: a location that answers nothing is absent, and the provider's own fallback
 *       answers its users), and {@code values} is the set of all of them.
 * </ul>
 *
 * Two record sets are equal exactly when they answer the same: the planner's diff, "re-plan after
 * apply is empty" and the ownership markers rely on it.
 */
public record RecordSet(
    DnsName name,
    RecordType type,
    int ttl,
    List<String> values,
    List<WeightedValue> weights,
    Map<Location, List<String>> locations) {

  public RecordSet {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    values = canonical(type, values);
    weights =
        weights.stream()
            .map(
                member ->
                    new WeightedValue(
                        member.id(), RecordValues.canonical(type, member.value()), member.weight()))
            .sorted(Comparator.comparing(WeightedValue::id))
            .toList();
    SortedMap<Location, List<String>> byLocation = new TreeMap<>();
    locations.forEach(
        (location, answer) -> {
          List<String> canonical = canonical(type, answer);
          if (canonical.isEmpty()) {
            throw new IllegalArgumentException(
                "location " + location + " of " + name + " holds no value; leave it out instead");
          }
          byLocation.put(Objects.requireNonNull(location, "location"), canonical);
        });
    locations = Collections.unmodifiableSortedMap(byLocation);
    if (ttl < 0) {
      throw new IllegalArgumentException("ttl must not be negative, was " + ttl);
    }
    if (!weights.isEmpty() && !locations.isEmpty()) {
      throw new IllegalArgumentException(name + " cannot be weighted and geo at once");
    }
    if (!locations.isEmpty() && !values.equals(union(locations))) {
      throw new IllegalArgumentException(
          name + ": the values of a geo record set are those of its locations");
    }
  }

  public static RecordSet of(DnsName name, RecordType type, int ttl, List<String> values) {
    return new RecordSet(name, type, ttl, values, List.of(), Map.of());
  }

  public static RecordSet weighted(
      DnsName name, RecordType type, int ttl, List<WeightedValue> members) {
    return new RecordSet(
        name, type, ttl, members.stream().map(WeightedValue::value).toList(), members, Map.of());
  }

  /** A geo record set: what each location answers (each location at least one value). */
  public static RecordSet geo(
      DnsName name, RecordType type, int ttl, Map<Location, List<String>> locations) {
    return new RecordSet(name, type, ttl, union(locations), List.of(), locations);
  }

  public RecordKey key() {
    return new RecordKey(name, type);
  }

  public boolean isWeighted() {
    return !weights.isEmpty();
  }

  public boolean isGeo() {
    return !locations.isEmpty();
  }

  /**
   * The answer as messages show it: "192.0.2.10,192.0.2.11 ttl 30", each weighted member's weight
   * in parentheses (after its id, "primary=192.0.2.10 (weight 3)", when {@code withMemberIds}),
   * each location's values for a geo record ("continent:EU=192.0.2.10; default=192.0.2.30 ttl 30").
   */
  public String describe(boolean withMemberIds) {
    String shown;
    if (isWeighted()) {
      shown =
          weights.stream()
              .map(
                  member ->
                      (withMemberIds ? member.id() + "=" : "")
                          + member.value()
                          + " (weight "
                          + member.weight()
                          + ")")
              .collect(Collectors.joining(","));
    } else if (isGeo()) {
      shown =
          locations.entrySet().stream()
              .map(located -> located.getKey() + "=" + String.join(",", located.getValue()))
              .collect(Collectors.joining("; "));
    } else {
      shown = String.join(",", values);
    }
    return shown + " ttl " + ttl;
  }

  /**
   * The same record set as one plain answer, without weights or locations: how a provider that has
   * neither publishes it.
   */
  public RecordSet withoutWeights() {
    return new RecordSet(name, type, ttl, values, List.of(), Map.of());
  }

  /**
   * The same record set with each weighted member named by its value: how a provider that cannot
   * keep member ids ({@link Capabilities#keepsMemberIds()}) reads it back, and what the planner
   * compares with what such a provider holds. Other record sets are returned as they are.
   */
  public RecordSet withValuesAsMemberIds() {
    if (!isWeighted()) {
      return this;
    }
    List<WeightedValue> members =
        weights.stream()
            .map(member -> new WeightedValue(member.value(), member.value(), member.weight()))
            .toList();
    return new RecordSet(name, type, ttl, values, members, locations);
  }

  public RecordSet withTtl(int newTtl) {
    return new RecordSet(name, type, newTtl, values, weights, locations);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder().append(name).append(' ').append(ttl).append(' ');
    text.append(type).append(' ');
    if (isWeighted()) {
      for (int i = 0; i < weights.size(); i++) {
        WeightedValue member = weights.get(i);
        text.append(i == 0 ? "" : ",").append(member.value()).append(" (weight ");
        text.append(member.weight()).append(')');
      }
    } else if (isGeo()) {
      List<String> parts = new ArrayList<>();
      locations.forEach((location, answer) -> parts.add(location + "=" + String.join(",", answer)));
      text.append(String.join("; ", parts));
    } else {
      text.append(String.join(",", values));
    }
    return text.toString();
  }

  private static List<String> canonical(RecordType type, List<String> values) {
    return values.stream()
        .map(value -> RecordValues.canonical(type, value))
        .sorted()
        .distinct()
        .toList();
  }

  private static List<String> union(Map<Location, List<String>> locations) {
    TreeSet<String> all = new TreeSet<>();
    locations.values().forEach(all::addAll);
    return List.copyOf(all);
  }
}

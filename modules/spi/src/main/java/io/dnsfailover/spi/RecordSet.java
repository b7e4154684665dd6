package io.dnsfailover.spi;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The records of one name and type, as a provider holds them or as the tool wants them.
 *
 * <p>{@code values} are kept sorted so that two record sets with the same answer are equal and plan
 * output is stable, and in canonical form ({@link RecordValues}). {@code weights} is empty for a
 * plain record set; for a weighted one it holds one member per value, and {@code values} is the set
 * of member values.
 */
public record RecordSet(
    DnsName name, RecordType type, int ttl, List<String> values, List<WeightedValue> weights) {

  public RecordSet {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    values =
        values.stream()
            .map(value -> RecordValues.canonical(type, value))
            .sorted()
            .distinct()
            .toList();
    weights =
        weights.stream()
            .map(
                member ->
                    new WeightedValue(
                        member.id(), RecordValues.canonical(type, member.value()), member.weight()))
            .sorted(Comparator.comparing(WeightedValue::id))
            .toList();
    if (ttl < 0) {
      throw new IllegalArgumentException("ttl must not be negative, was " + ttl);
    }
  }

  public static RecordSet of(DnsName name, RecordType type, int ttl, List<String> values) {
    return new RecordSet(name, type, ttl, values, List.of());
  }

  public static RecordSet weighted(
      DnsName name, RecordType type, int ttl, List<WeightedValue> members) {
    return new RecordSet(
        name, type, ttl, members.stream().map(WeightedValue::value).toList(), members);
  }

  public RecordKey key() {
    return new RecordKey(name, type);
  }

  public boolean isWeighted() {
    return !weights.isEmpty();
  }

  /** The same record set without weights: how a provider without native weights publishes it. */
  public RecordSet withoutWeights() {
    return new RecordSet(name, type, ttl, values, List.of());
  }

  public RecordSet withTtl(int newTtl) {
    return new RecordSet(name, type, newTtl, values, weights);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder().append(name).append(' ').append(ttl).append(' ');
    text.append(type).append(' ');
    if (weights.isEmpty()) {
      text.append(String.join(",", values));
    } else {
      for (int i = 0; i < weights.size(); i++) {
        WeightedValue member = weights.get(i);
        text.append(i == 0 ? "" : ",").append(member.value()).append(" (weight ");
        text.append(member.weight()).append(')');
      }
    }
    return text.toString();
  }
}

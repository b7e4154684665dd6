package io.dnsfailover.spi;

import java.util.Set;

/**
 * What a provider can express. The planner adapts desired record sets to it before diffing, so a
 * provider never sees a record it cannot publish and the next plan has no phantom differences.
 *
 * @param nativeWeights the provider publishes weighted record sets; otherwise weighted records are
 *     published as plain multi-value answers (and {@code plan} says so)
 * @param minTtl the smallest TTL the provider accepts; lower TTLs are raised to it
 * @param maxChangesPerBatch how many changes fit one write call; 0 means no limit
 * @param locationKinds the kinds of {@link Location} the provider answers by (geo record sets);
 *     empty when it cannot answer by location. The same as its factory's {@link
 *     DnsProviderFactory#locationKinds()}.
 * @param keepsMemberIds with native weights: the provider stores each weighted member's endpoint id
 *     and reads it back (Route 53's SetIdentifier). When false (Cloud DNS's weighted-round-robin
 *     items have a weight and values, no name), it reads each member back with its value as its id,
 *     and the planner compares weighted record sets by value and weight alone ({@link
 *     RecordSet#withValuesAsMemberIds()}), so an endpoint id is never a difference to write.
 */
public record Capabilities(
    boolean nativeWeights,
    int minTtl,
    int maxChangesPerBatch,
    Set<Location.Kind> locationKinds,
    boolean keepsMemberIds) {

  public Capabilities {
    locationKinds = Set.copyOf(locationKinds);
  }

  /** A provider that keeps member ids, if it has native weights. */
  public Capabilities(
      boolean nativeWeights, int minTtl, int maxChangesPerBatch, Set<Location.Kind> locationKinds) {
    this(nativeWeights, minTtl, maxChangesPerBatch, locationKinds, true);
  }

  /** A provider that cannot answer by location. */
  public Capabilities(boolean nativeWeights, int minTtl, int maxChangesPerBatch) {
    this(nativeWeights, minTtl, maxChangesPerBatch, Set.of());
  }

  public static Capabilities plain() {
    return new Capabilities(false, 1, 0);
  }

  /** True when the provider can publish a geo record set using each of {@code kinds}. */
  public boolean answersBy(Set<Location.Kind> kinds) {
    return !locationKinds.isEmpty() && locationKinds.containsAll(kinds);
  }
}

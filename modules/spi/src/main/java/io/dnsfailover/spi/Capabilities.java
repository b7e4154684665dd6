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
 */
public record Capabilities(
    boolean nativeWeights, int minTtl, int maxChangesPerBatch, Set<Location.Kind> locationKinds) {

  public Capabilities {
    locationKinds = Set.copyOf(locationKinds);
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

package io.dnsfailover.spi;

/**
 * What a provider can express. The planner adapts desired record sets to it before diffing, so a
 * provider never sees a record it cannot publish and the next plan has no phantom differences.
 *
 * @param nativeWeights the provider publishes weighted record sets; otherwise weighted records are
 *     published as plain multi-value answers (and {@code plan} says so)
 * @param minTtl the smallest TTL the provider accepts; lower TTLs are raised to it
 * @param maxChangesPerBatch how many changes fit one write call; 0 means no limit
 */
public record Capabilities(boolean nativeWeights, int minTtl, int maxChangesPerBatch) {

  public static Capabilities plain() {
    return new Capabilities(false, 1, 0);
  }
}

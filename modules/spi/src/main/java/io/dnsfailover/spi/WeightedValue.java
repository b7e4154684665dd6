package io.dnsfailover.spi;

import java.util.Objects;

/**
 * One member of a weighted record set: the endpoint it stands for, its value and weight (0..255).
 * Providers with native weights publish these (Route 53 SetIdentifier/Weight, Cloud DNS WRR).
 */
public record WeightedValue(String id, String value, int weight) {
  public WeightedValue {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(value, "value");
    if (weight < 0 || weight > 255) {
      throw new IllegalArgumentException("weight must be 0..255, was " + weight);
    }
  }
}

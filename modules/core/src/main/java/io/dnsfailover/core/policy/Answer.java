package io.dnsfailover.core.policy;

import io.dnsfailover.core.config.EndpointConfig;
import java.util.List;
import java.util.Objects;

/** What a record should answer, decided by its policy from its endpoints' health. */
public sealed interface Answer {

  /** Why, in words a person reads in {@code plan} output and the failover log. */
  String reason();

  /** Publish these endpoints (never empty). */
  record Publish(List<EndpointConfig> endpoints, String reason) implements Answer {
    public Publish {
      endpoints = List.copyOf(endpoints);
      Objects.requireNonNull(reason, "reason");
      if (endpoints.isEmpty()) {
        throw new IllegalArgumentException("publish at least one endpoint; use Remove for none");
      }
    }
  }

  /** Leave the record exactly as the provider holds it. */
  record Keep(String reason) implements Answer {
    public Keep {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Remove the record: only {@code whenAllDown: none} decides this. */
  record Remove(String reason) implements Answer {
    public Remove {
      Objects.requireNonNull(reason, "reason");
    }
  }
}

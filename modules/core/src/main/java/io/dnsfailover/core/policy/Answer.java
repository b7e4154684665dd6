package io.dnsfailover.core.policy;

import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.spi.Location;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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

  /**
   * A geo record's answer, one per location: {@link Publish} its endpoints, {@link Keep} what the
   * provider holds there ({@code whenAllDown: keep} on the default location), or {@link Remove} it,
   * when it has no healthy endpoint (its users then get what the provider answers where no location
   * matches: the default location's answer) or {@code whenAllDown: none} removes the default.
   *
   * @param reason every location's reason, for logs and the journal
   */
  record ByLocation(List<Located> locations, String reason) implements Answer {
    public ByLocation {
      locations = List.copyOf(locations);
      Objects.requireNonNull(reason, "reason");
      Set<Location> seen = new HashSet<>();
      for (Located located : locations) {
        if (!seen.add(located.location())) {
          throw new IllegalArgumentException("location " + located.location() + " twice");
        }
      }
    }
  }

  /** One location's answer and why; never itself a {@link ByLocation}. */
  record Located(Location location, Answer answer) {
    public Located {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(answer, "answer");
      if (answer instanceof ByLocation) {
        throw new IllegalArgumentException("a location's answer is publish, keep or remove");
      }
    }
  }
}

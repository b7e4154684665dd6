package io.dnsfailover.health;

import java.time.Instant;
import java.util.Objects;

/**
 * An endpoint's health changed.
 *
 * @param endpointKey {@link io.dnsfailover.core.config.EndpointConfig#key()}
 * @param reason the probe detail that decided it, e.g. "HTTP 503 (3 consecutive failures, fall 3)"
 *     or "first probe: connection refused"
 */
public record Transition(
    String endpointKey, HealthStatus from, HealthStatus to, String reason, Instant at) {
  public Transition {
    Objects.requireNonNull(endpointKey, "endpointKey");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(at, "at");
  }
}

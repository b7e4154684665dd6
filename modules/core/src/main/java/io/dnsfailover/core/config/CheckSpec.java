package io.dnsfailover.core.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A fully merged health check for one endpoint.
 *
 * @param interval time between the starts of two probes
 * @param timeout how long one probe may take; always shorter than {@code interval}
 * @param rise consecutive successes that turn an unhealthy endpoint healthy
 * @param fall consecutive failures that turn a healthy endpoint unhealthy
 * @param maxLatency a probe slower than this fails, even when it succeeded
 * @param sourceAddress the local address to probe from (one WAN link), when set
 * @param probe what to probe, by check type
 */
public record CheckSpec(
    Duration interval,
    Duration timeout,
    int rise,
    int fall,
    Optional<Duration> maxLatency,
    Optional<String> sourceAddress,
    Probe probe) {

  public CheckSpec {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(maxLatency, "maxLatency");
    Objects.requireNonNull(sourceAddress, "sourceAddress");
    Objects.requireNonNull(probe, "probe");
  }

  /** The check type as the config writes it: http, https, tcp, icmp, dns. */
  public String type() {
    return probe.type();
  }
}

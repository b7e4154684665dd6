package io.dnsfailover.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of one probe.
 *
 * @param success whether this probe counts as a success (after latency limits)
 * @param latency how long the probe took
 * @param detail what a person reads: "HTTP 200", "HTTP 503", "connect timed out after 2s", "latency
 *     850ms > 500ms"; never contains secrets such as header values
 * @param at when the probe finished
 */
public record ProbeResult(boolean success, Duration latency, String detail, Instant at) {

  public ProbeResult {
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(at, "at");
  }

  public static ProbeResult success(Duration latency, String detail, Instant at) {
    return new ProbeResult(true, latency, detail, at);
  }

  public static ProbeResult failure(Duration latency, String detail, Instant at) {
    return new ProbeResult(false, latency, detail, at);
  }
}

package io.dnsfailover.testkit;

import io.dnsfailover.core.config.CheckSpec;
import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.core.config.Probe;
import java.time.Duration;
import java.util.Optional;

/**
 * Endpoints for tests that script their checks and only care about key, interval, rise and fall.
 * Their probe is a TCP check of 127.0.0.1:9 that a scripted checker (health's test-jar: {@code
 * io.dnsfailover.health.testing.ScriptedCheckerFactory}) never runs.
 */
public final class EndpointFixtures {

  private EndpointFixtures() {}

  /** An endpoint keyed {@code key} whose id is the part after the last '/'. */
  public static EndpointConfig endpoint(String key, Duration interval, int rise, int fall) {
    Duration timeout = interval.dividedBy(2);
    CheckSpec check =
        new CheckSpec(
            interval,
            timeout,
            rise,
            fall,
            Optional.empty(),
            Optional.empty(),
            new Probe.Tcp("127.0.0.1", 9));
    String id = key.substring(key.lastIndexOf('/') + 1);
    return new EndpointConfig(key, id, "127.0.0.1", 1, 1, check);
  }
}

package io.dnsfailover.health;

import io.dnsfailover.core.config.EndpointConfig;
import java.util.List;

/** Makes the checker for an endpoint; tests substitute scripted checkers through this. */
@FunctionalInterface
public interface CheckerFactory {
  Checker create(EndpointConfig endpoint);

  /**
   * Does, once and before the first timed probe, what the checkers of {@code endpoints} do only the
   * first time in a process (loading classes, initialising TLS, starting I/O threads), so that this
   * work never counts against a probe's timeout. {@link ProbeScheduler} calls it before it starts
   * probing. Blocks until done (bounded); never throws. Does nothing by default.
   */
  default void warmUp(List<EndpointConfig> endpoints) {}
}

package io.dnsfailover.health;

import io.dnsfailover.core.config.EndpointConfig;

/** Makes the checker for an endpoint; tests substitute scripted checkers through this. */
@FunctionalInterface
public interface CheckerFactory {
  Checker create(EndpointConfig endpoint);
}

package io.dnsfailover.health.testing;

import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.health.CheckerFactory;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Hands out one {@link ScriptedChecker} per endpoint key, so a test scripts an endpoint by its key
 * before or after the code under test asks for its checker. Thread-safe.
 */
public final class ScriptedCheckerFactory implements CheckerFactory {

  private final Clock clock;
  private final ConcurrentMap<String, ScriptedChecker> checkers = new ConcurrentHashMap<>();

  public ScriptedCheckerFactory(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The checker for this endpoint key, made on first use. */
  public ScriptedChecker checker(String endpointKey) {
    return checkers.computeIfAbsent(endpointKey, key -> new ScriptedChecker(clock));
  }

  @Override
  public ScriptedChecker create(EndpointConfig endpoint) {
    return checker(endpoint.key());
  }
}

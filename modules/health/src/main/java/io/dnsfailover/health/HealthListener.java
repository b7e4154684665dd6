package io.dnsfailover.health;

/**
 * Hears every probe and every transition. Called on the probing thread: implementations must be
 * fast and must not throw.
 */
public interface HealthListener {

  default void onProbe(String endpointKey, ProbeResult result) {}

  default void onTransition(Transition transition) {}
}

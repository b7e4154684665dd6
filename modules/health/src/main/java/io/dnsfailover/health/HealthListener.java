package io.dnsfailover.health;

/**
 * Hears every probe and every transition. Called on the probing thread: implementations must be
 * fast and must not throw.
 */
public interface HealthListener {

  default void onProbe(String endpointKey, ProbeResult result) {}

  default void onTransition(Transition transition) {}

  /**
   * Every endpoint has been probed at least once since probing started: called once, right after
   * the {@link #onProbe} (and {@link #onTransition}) of the last endpoint's first probe. Never
   * called for a scheduler without endpoints.
   */
  default void onFirstProbes() {}
}

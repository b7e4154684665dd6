package io.dnsfailover.engine.journal;

import io.dnsfailover.core.config.Config;

/**
 * Takes the daemon's events: the journal and the notifier. Called on probe threads and the
 * reconcile thread, possibly at the same time: implementations are thread-safe, fast, and never
 * throw (a failure is theirs to log).
 */
public interface EventSink {

  void accept(Event event);

  /** A new config is in effect: pick up changed settings. */
  default void onReload(Config config) {}
}

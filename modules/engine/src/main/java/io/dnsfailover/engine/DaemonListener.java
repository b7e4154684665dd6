package io.dnsfailover.engine;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.engine.verify.ServedReport;
import io.dnsfailover.health.ProbeResult;
import io.dnsfailover.health.Transition;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears what the daemon does: metrics, the event journal and notifications plug in here. Called on
 * probe threads and the reconcile thread, possibly at the same time for different endpoints:
 * implementations are thread-safe and fast (hand slow work such as webhooks to a queue of their
 * own). An exception thrown by a listener is logged and otherwise ignored.
 */
public interface DaemonListener {

  default void onProbe(String endpointKey, ProbeResult result) {}

  default void onTransition(Transition transition) {}

  /** After every reconcile, whether it changed anything or not. */
  default void onReconcile(ReconcileReport report, Duration took) {}

  /** A new config is in effect. */
  default void onReload(Config config) {}

  /**
   * The {@code verify:} servers of a zone were asked about its last change: {@code report} says
   * which serve it; {@code sinceApply} is the time from the apply to this verdict.
   */
  default void onServed(ServedReport report, Duration sinceApply) {}

  /** A reload was refused or a reconcile failed unexpectedly; the daemon keeps running. */
  default void onError(String message) {}

  /** Calls every listener in turn, isolating each from the others' failures. */
  static DaemonListener all(List<DaemonListener> listeners) {
    List<DaemonListener> copy = List.copyOf(listeners);
    Logger log = LoggerFactory.getLogger(DaemonListener.class);
    return new DaemonListener() {
      @Override
      public void onProbe(String endpointKey, ProbeResult result) {
        each(listener -> listener.onProbe(endpointKey, result));
      }

      @Override
      public void onTransition(Transition transition) {
        each(listener -> listener.onTransition(transition));
      }

      @Override
      public void onReconcile(ReconcileReport report, Duration took) {
        each(listener -> listener.onReconcile(report, took));
      }

      @Override
      public void onReload(Config config) {
        each(listener -> listener.onReload(config));
      }

      @Override
      public void onServed(ServedReport report, Duration sinceApply) {
        each(listener -> listener.onServed(report, sinceApply));
      }

      @Override
      public void onError(String message) {
        each(listener -> listener.onError(message));
      }

      private void each(java.util.function.Consumer<DaemonListener> call) {
        for (DaemonListener listener : copy) {
          try {
            call.accept(listener);
          } catch (RuntimeException e) {
            log.warn("listener {} failed: {}", listener.getClass().getName(), e.toString());
          }
        }
      }
    };
  }
}

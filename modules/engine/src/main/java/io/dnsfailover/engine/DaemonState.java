package io.dnsfailover.engine;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.health.HealthSnapshot;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the daemon knows at one moment: what {@code /status}, {@code /readyz} and the status page
 * show.
 *
 * @param health every endpoint's health by endpoint key, in config order
 * @param lastReport the latest reconcile, if one ran
 * @param lastReconcileAt when it finished
 * @param lastSuccessAt when a reconcile last finished without a provider failure
 * @param lastError the latest failure message (provider, reload), if any
 */
public record DaemonState(
    Config config,
    Map<String, HealthSnapshot> health,
    Optional<ReconcileReport> lastReport,
    Optional<Instant> lastReconcileAt,
    Optional<Instant> lastSuccessAt,
    Optional<String> lastError) {

  /** Ready once the config is loaded and the first reconcile has finished. */
  public boolean ready() {
    return lastReconcileAt.isPresent();
  }
}

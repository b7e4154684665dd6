package io.dnsfailover.engine;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.engine.verify.Serving;
import io.dnsfailover.health.HealthSnapshot;
import io.dnsfailover.spi.RecordKey;
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
 * @param holding why the daemon is not writing DNS now (a cluster follower, etcd unreachable), if
 *     it is not
 * @param cluster the cluster as this member sees it; empty for a daemon alone
 */
public record DaemonState(
    Config config,
    Map<String, HealthSnapshot> health,
    Optional<ReconcileReport> lastReport,
    Optional<Instant> lastReconcileAt,
    Optional<Instant> lastSuccessAt,
    Optional<String> lastError,
    Optional<String> holding,
    Optional<ClusterState> cluster,
    Map<RecordKey, Serving> serving) {

  public DaemonState {
    serving = Map.copyOf(serving);
  }

  public DaemonState(
      Config config,
      Map<String, HealthSnapshot> health,
      Optional<ReconcileReport> lastReport,
      Optional<Instant> lastReconcileAt,
      Optional<Instant> lastSuccessAt,
      Optional<String> lastError) {
    this(
        config,
        health,
        lastReport,
        lastReconcileAt,
        lastSuccessAt,
        lastError,
        Optional.empty(),
        Optional.empty(),
        Map.of());
  }

  /**
   * Ready once the config is loaded and the first reconcile has finished; a cluster member that
   * follows (it never reconciles) once it has decided to hold.
   */
  public boolean ready() {
    return lastReconcileAt.isPresent() || cluster.isPresent() && holding.isPresent();
  }
}

package io.dnsfailover.engine;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.policy.EndpointStatus;
import io.dnsfailover.health.HealthSnapshot;
import java.util.Map;
import java.util.Optional;

/**
 * The daemon's one seam for cluster mode: before each reconcile it asks whether it may write now
 * and with which health. {@link #LOCAL} is a daemon alone: its own probes, always allowed to write.
 * A cluster member publishes {@code local} for the others, and answers {@link Decision.Write} with
 * the members' combined health only while it leads.
 *
 * <p>Called on the reconcile thread only, one call at a time; it may block for a bounded time
 * (network calls with timeouts). An exception counts as a failed reconcile: logged, retried on the
 * next cycle.
 */
public interface HealthView {

  /** One daemon alone: plans with its own health and always writes. */
  HealthView LOCAL = (config, local) -> new Decision.Write(HealthRound.statuses(local));

  /** Decides this reconcile from this daemon's own health (every endpoint of {@code config}). */
  Decision decide(Config config, Map<String, HealthSnapshot> local);

  /** What {@code /status} shows about the cluster; empty for a daemon alone. */
  default Optional<ClusterState> cluster() {
    return Optional.empty();
  }

  /** The outcome of {@link #decide}. */
  sealed interface Decision {

    /** Plan and apply with these statuses (UNKNOWN endpoints absent, as the policies expect). */
    record Write(Map<String, EndpointStatus> statuses) implements Decision {
      public Write {
        statuses = Map.copyOf(statuses);
      }
    }

    /**
     * Make no write this time; DNS keeps its last answer. {@code reason} is logged when it changes
     * and shown in {@code /status}: "following leader eu-west-1", "etcd unreachable".
     */
    record Hold(String reason) implements Decision {}
  }
}

package io.dnsfailover.engine;

import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.core.policy.EndpointStatus;
import io.dnsfailover.health.CheckerFactory;
import io.dnsfailover.health.HealthSnapshot;
import io.dnsfailover.health.HealthTracker;
import io.dnsfailover.health.ProbeResult;
import io.dnsfailover.health.ProbeScheduler;
import io.dnsfailover.health.Transition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One probe of every endpoint, applied to the rise/fall state restored from the state file: what
 * {@code once}, {@code plan} and {@code check} run. The probes run concurrently.
 *
 * @param results the raw probe results by endpoint key
 * @param snapshots the health after applying them, by endpoint key
 * @param transitions the health changes this round caused
 */
public record HealthRound(
    Map<String, ProbeResult> results,
    Map<String, HealthSnapshot> snapshots,
    List<Transition> transitions) {

  public HealthRound {
    results = Map.copyOf(results);
    snapshots = Map.copyOf(snapshots);
    transitions = List.copyOf(transitions);
  }

  public static HealthRound probe(
      List<EndpointConfig> endpoints,
      CheckerFactory checkers,
      Map<String, HealthSnapshot> restored) {
    Map<String, ProbeResult> results = ProbeScheduler.probeAll(endpoints, checkers);
    Map<String, HealthSnapshot> snapshots = new LinkedHashMap<>();
    List<Transition> transitions = new ArrayList<>();
    for (EndpointConfig endpoint : endpoints) {
      HealthTracker tracker =
          new HealthTracker(
              endpoint.key(),
              endpoint.check().rise(),
              endpoint.check().fall(),
              restored.getOrDefault(endpoint.key(), HealthSnapshot.unknown()));
      tracker.record(results.get(endpoint.key())).ifPresent(transitions::add);
      snapshots.put(endpoint.key(), tracker.snapshot());
    }
    return new HealthRound(results, snapshots, transitions);
  }

  /** What the policies read: healthy or not, with the latest detail; UNKNOWN endpoints absent. */
  public Map<String, EndpointStatus> statuses() {
    return statuses(snapshots);
  }

  public static Map<String, EndpointStatus> statuses(Map<String, HealthSnapshot> snapshots) {
    Map<String, EndpointStatus> statuses = new LinkedHashMap<>();
    snapshots.forEach(
        (key, snapshot) -> {
          String detail = snapshot.last().map(ProbeResult::detail).orElse("not probed");
          switch (snapshot.status()) {
            case HEALTHY -> statuses.put(key, EndpointStatus.up(detail));
            case UNHEALTHY ->
                statuses.put(
                    key,
                    EndpointStatus.down(
                        snapshot.successes() == 0
                            ? detail
                            : "recovering, "
                                + snapshot.successes()
                                + " good probe(s) in a row so far ("
                                + detail
                                + ")"));
            case UNKNOWN -> {}
          }
        });
    return statuses;
  }
}

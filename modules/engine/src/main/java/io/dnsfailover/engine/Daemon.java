package io.dnsfailover.engine;

import io.dnsfailover.core.config.CheckSpec;
import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.engine.report.PlanText;
import io.dnsfailover.health.CheckerFactory;
import io.dnsfailover.health.HealthListener;
import io.dnsfailover.health.HealthSnapshot;
import io.dnsfailover.health.ProbeScheduler;
import io.dnsfailover.health.Transition;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dnsfailover daemon}: probes every endpoint on its own schedule and reconciles DNS whenever
 * an endpoint's health changes, and at least every {@link #reconcileInterval(Config)} to repair
 * drift. One reconcile runs at a time. {@link #stop()} lets an in-flight reconcile (and so an
 * in-flight apply) finish before {@link #run()} returns.
 */
public final class Daemon {

  private static final Logger log = LoggerFactory.getLogger(Daemon.class);
  private static final Duration MIN_RECONCILE_INTERVAL = Duration.ofSeconds(1);
  private static final Duration MAX_RECONCILE_INTERVAL = Duration.ofSeconds(60);

  private final Config config;
  private final Reconciler reconciler;
  private final CheckerFactory checkers;
  private final Map<String, HealthSnapshot> initial;
  private final Clock clock;
  private volatile ProbeScheduler scheduler;
  private final Duration reconcileInterval;
  private final Semaphore wake = new Semaphore(0);
  private final AtomicReference<ReconcileReport> lastReport = new AtomicReference<>();
  private volatile boolean stopping;

  public Daemon(
      Config config,
      Providers providers,
      CheckerFactory checkers,
      Map<String, HealthSnapshot> initial,
      Clock clock) {
    this.config = config;
    this.reconciler = new Reconciler(config, providers);
    this.reconcileInterval = reconcileInterval(config);
    this.checkers = checkers;
    this.initial = Map.copyOf(initial);
    this.clock = clock;
  }

  /**
   * How often to reconcile without a health change: the shortest check interval, kept within 1s to
   * 60s. A health change reconciles at once, so failover never waits for this.
   */
  public static Duration reconcileInterval(Config config) {
    Duration shortest =
        config.endpoints().stream()
            .map(EndpointConfig::check)
            .map(CheckSpec::interval)
            .min(Duration::compareTo)
            .orElse(MAX_RECONCILE_INTERVAL);
    if (shortest.compareTo(MIN_RECONCILE_INTERVAL) < 0) {
      return MIN_RECONCILE_INTERVAL;
    }
    return shortest.compareTo(MAX_RECONCILE_INTERVAL) > 0 ? MAX_RECONCILE_INTERVAL : shortest;
  }

  /** Probes and reconciles until {@link #stop()}; returns after the last reconcile finished. */
  public void run() throws InterruptedException {
    log.info(
        "daemon started: {} endpoints in {} zones, reconciling on every health change and every {}",
        config.endpoints().size(),
        config.zones().size(),
        reconcileInterval);
    scheduler =
        ProbeScheduler.start(config.endpoints(), checkers, initial, new WakeOnTransition(), clock);
    try {
      while (!stopping) {
        boolean woken = wake.tryAcquire(reconcileInterval.toMillis(), TimeUnit.MILLISECONDS);
        if (stopping) {
          break;
        }
        wake.drainPermits();
        reconcile(woken);
      }
    } finally {
      scheduler.close();
      log.info("daemon stopped");
    }
  }

  /** Asks {@link #run()} to return once the reconcile in progress, if any, has finished. */
  public void stop() {
    stopping = true;
    wake.release();
  }

  public Optional<ReconcileReport> lastReport() {
    return Optional.ofNullable(lastReport.get());
  }

  /** Every endpoint's health now; empty before {@link #run()} started probing. */
  public Map<String, HealthSnapshot> health() {
    ProbeScheduler current = scheduler;
    return current == null ? Map.of() : current.snapshot();
  }

  private void reconcile(boolean healthChanged) {
    Map<String, HealthSnapshot> snapshots = scheduler.snapshot();
    boolean anyKnown =
        snapshots.values().stream()
            .anyMatch(s -> s.status() != io.dnsfailover.health.HealthStatus.UNKNOWN);
    if (!anyKnown) {
      return; // nothing probed yet: every record would only be kept
    }
    try {
      ReconcileReport report = reconciler.reconcile(HealthRound.statuses(snapshots));
      lastReport.set(report);
      report.failures().forEach(failure -> log.error("{}", failure.describe()));
      report
          .plan()
          .conflicts()
          .forEach(conflict -> log.warn("{}: {}", conflict.key(), conflict.reason()));
      if (!report.applied().isEmpty() || healthChanged) {
        log.info("{}", PlanText.summary(report));
      }
    } catch (RuntimeException e) {
      // A bug in one reconcile must not end the daemon; the next cycle tries again.
      log.error("reconcile failed: {}", e.toString(), e);
    }
  }

  private final class WakeOnTransition implements HealthListener {
    @Override
    public void onTransition(Transition transition) {
      log.info(
          "endpoint {}: {} -> {}: {}",
          transition.endpointKey(),
          transition.from(),
          transition.to(),
          transition.reason());
      wake.release();
    }
  }
}

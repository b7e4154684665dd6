package io.dnsfailover.engine;

import io.dnsfailover.core.config.CheckSpec;
import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.core.policy.EndpointStatus;
import io.dnsfailover.engine.report.PlanText;
import io.dnsfailover.engine.verify.DnsjavaLookup;
import io.dnsfailover.engine.verify.Lookup;
import io.dnsfailover.engine.verify.ServedCheck;
import io.dnsfailover.engine.verify.ServedWatcher;
import io.dnsfailover.health.CheckerFactory;
import io.dnsfailover.health.HealthListener;
import io.dnsfailover.health.HealthSnapshot;
import io.dnsfailover.health.ProbeResult;
import io.dnsfailover.health.ProbeScheduler;
import io.dnsfailover.health.Transition;
import io.dnsfailover.spi.DnsName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dnsfailover daemon}: probes every endpoint on its own schedule and reconciles DNS whenever
 * an endpoint's health changes, and at least every {@link #reconcileInterval(Config)} to repair
 * drift. One thread (the caller of {@link #run()}) reconciles, one reconcile at a time; {@link
 * #reload} and {@link #stop()} only leave it a note, so a reload or a stop never cuts an apply in
 * half.
 */
public final class Daemon {

  private static final Logger log = LoggerFactory.getLogger(Daemon.class);
  private static final Duration MIN_RECONCILE_INTERVAL = Duration.ofSeconds(1);
  private static final Duration MAX_RECONCILE_INTERVAL = Duration.ofSeconds(60);

  private final CheckerFactory checkers;
  private final Clock clock;
  private final DaemonListener listener;
  private final HealthView view;
  private final Map<String, HealthSnapshot> initial;
  private final Semaphore wake = new Semaphore(0);
  private final AtomicReference<Generation> pendingReload = new AtomicReference<>();
  private volatile boolean stopping;

  // Owned by the run() thread; volatile so state() reads a consistent, current view.
  private volatile Generation generation;
  private volatile ProbeScheduler scheduler;
  private volatile ReconcileReport lastReport;
  private volatile Instant lastReconcileAt;
  private volatile Instant lastSuccessAt;
  private volatile String lastError;
  private volatile String holding;
  private Set<DnsName> reloadsOwed = Set.of(); // run() thread only
  private final ServedWatcher served;

  /** One config with its providers; the daemon owns and closes the providers. */
  private record Generation(Config config, Providers providers, Reconciler reconciler) {
    Generation(Config config, Providers providers) {
      this(config, providers, new Reconciler(config, providers));
    }
  }

  public Daemon(
      Config config,
      Providers providers,
      CheckerFactory checkers,
      Map<String, HealthSnapshot> initial,
      Clock clock,
      DaemonListener listener) {
    this(config, providers, checkers, initial, clock, listener, HealthView.LOCAL);
  }

  /**
   * A daemon whose writes {@code view} gates: {@link HealthView#LOCAL} alone, or a cluster member.
   * The caller owns {@code view} and closes it after {@link #run()} returns.
   */
  public Daemon(
      Config config,
      Providers providers,
      CheckerFactory checkers,
      Map<String, HealthSnapshot> initial,
      Clock clock,
      DaemonListener listener,
      HealthView view) {
    this(config, providers, checkers, initial, clock, listener, view, new DnsjavaLookup());
  }

  /**
   * A daemon that asks the {@code verify:} servers of its zones through {@code lookup}.
   *
   * @see #Daemon(Config, Providers, CheckerFactory, Map, Clock, DaemonListener, HealthView)
   */
  public Daemon(
      Config config,
      Providers providers,
      CheckerFactory checkers,
      Map<String, HealthSnapshot> initial,
      Clock clock,
      DaemonListener listener,
      HealthView view,
      Lookup lookup) {
    this.checkers = checkers;
    this.clock = clock;
    this.listener = listener;
    this.view = view;
    this.generation = new Generation(config, providers);
    this.initial = Map.copyOf(initial);
    this.served = new ServedWatcher(new ServedCheck(lookup), clock, listener::onServed);
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
    Config config = generation.config();
    log.info(
        "daemon started: {} endpoints in {} zones, reconciling on every health change and every {}",
        config.endpoints().size(),
        config.zones().size(),
        reconcileInterval(config));
    scheduler = startProbing(config, initial);
    try {
      while (!stopping) {
        boolean woken =
            wake.tryAcquire(
                reconcileInterval(generation.config()).toMillis(), TimeUnit.MILLISECONDS);
        if (stopping) {
          break;
        }
        wake.drainPermits();
        swapInPendingReload();
        reconcile(woken);
      }
    } finally {
      served.close();
      scheduler.close();
      generation.providers().close();
      log.info("daemon stopped");
    }
  }

  /** Asks {@link #run()} to return once the reconcile in progress, if any, has finished. */
  public void stop() {
    stopping = true;
    wake.release();
  }

  /** Asks for a reconcile soon, as a health change does: a cluster member's view changed. */
  public void wakeUp() {
    wake.release();
  }

  /**
   * Switches to a new, already validated config before the next reconcile. Endpoints whose key and
   * check are unchanged keep their health history; the others start UNKNOWN. The daemon takes
   * ownership of {@code providers} (and closes the old ones).
   */
  public void reload(Config config, Providers providers) {
    Generation previous = pendingReload.getAndSet(new Generation(config, providers));
    if (previous != null) {
      previous.providers().close();
    }
    wake.release();
  }

  public DaemonState state() {
    ProbeScheduler current = scheduler;
    return new DaemonState(
        generation.config(),
        current == null ? Map.of() : current.snapshot(),
        Optional.ofNullable(lastReport),
        Optional.ofNullable(lastReconcileAt),
        Optional.ofNullable(lastSuccessAt),
        Optional.ofNullable(lastError),
        Optional.ofNullable(holding),
        view.cluster(),
        served.serving());
  }

  private ProbeScheduler startProbing(Config config, Map<String, HealthSnapshot> snapshots) {
    return ProbeScheduler.start(config.endpoints(), checkers, snapshots, new Forward(), clock);
  }

  private void swapInPendingReload() {
    Generation next = pendingReload.getAndSet(null);
    if (next == null) {
      return;
    }
    Map<String, HealthSnapshot> kept =
        carriedOver(generation.config(), next.config(), scheduler.snapshot());
    scheduler.close();
    generation.providers().close();
    generation = next;
    scheduler = startProbing(next.config(), kept);
    log.info(
        "config reloaded: {} endpoints, {} keep their health history",
        next.config().endpoints().size(),
        kept.size());
    listener.onReload(next.config());
  }

  /** Health of the endpoints that exist in both configs with the same check. */
  static Map<String, HealthSnapshot> carriedOver(
      Config before, Config after, Map<String, HealthSnapshot> health) {
    Map<String, CheckSpec> oldChecks = new HashMap<>();
    before.endpoints().forEach(endpoint -> oldChecks.put(endpoint.key(), endpoint.check()));
    Map<String, HealthSnapshot> kept = new HashMap<>();
    for (EndpointConfig endpoint : after.endpoints()) {
      HealthSnapshot snapshot = health.get(endpoint.key());
      if (snapshot != null && endpoint.check().equals(oldChecks.get(endpoint.key()))) {
        kept.put(endpoint.key(), snapshot);
      }
    }
    return kept;
  }

  private void reconcile(boolean healthChanged) {
    Map<String, HealthSnapshot> snapshots = scheduler.snapshot();
    Instant started = clock.instant();
    try {
      Map<String, EndpointStatus> statuses;
      switch (view.decide(generation.config(), snapshots)) {
        case HealthView.Decision.Hold hold -> {
          if (!hold.reason().equals(holding)) {
            log.info("not writing DNS: {}", hold.reason());
          }
          holding = hold.reason();
          return;
        }
        case HealthView.Decision.Write write -> {
          if (holding != null) {
            log.info("writing DNS again (was: {})", holding);
          }
          holding = null;
          statuses = write.statuses();
        }
      }
      if (statuses.isEmpty()) {
        return; // nothing probed yet: every record would only be kept
      }
      ReconcileReport report = generation.reconciler().reconcile(statuses, reloadsOwed);
      reloadsOwed = report.reloadsOwed();
      served.afterReconcile(generation.config(), report);
      Instant finished = clock.instant();
      lastReport = report;
      lastReconcileAt = finished;
      if (report.failed()) {
        lastError = report.failures().getLast().describe();
        report.failures().forEach(failure -> log.error("{}", failure.describe()));
      } else {
        lastSuccessAt = finished;
      }
      report.plan().conflicts().forEach(c -> log.warn("{}: {}", c.key(), c.reason()));
      if (!report.applied().isEmpty() || healthChanged) {
        log.info("{}", PlanText.summary(report));
      }
      listener.onReconcile(report, Duration.between(started, finished));
    } catch (RuntimeException e) {
      // A bug in one reconcile must not end the daemon; the next cycle tries again.
      lastError = "reconcile failed: " + e;
      log.error("reconcile failed: {}", e.toString(), e);
      listener.onError(lastError);
    }
  }

  /** Logs transitions, wakes the reconcile loop on them, and forwards everything to listeners. */
  private final class Forward implements HealthListener {
    @Override
    public void onProbe(String endpointKey, ProbeResult result) {
      listener.onProbe(endpointKey, result);
    }

    @Override
    public void onTransition(Transition transition) {
      log.info(
          "endpoint {}: {} -> {}: {}",
          transition.endpointKey(),
          transition.from(),
          transition.to(),
          transition.reason());
      // Listeners first, so the journal records a transition before the change it causes.
      listener.onTransition(transition);
      wake.release();
    }
  }
}

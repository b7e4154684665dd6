package io.dnsfailover.engine;

import io.dnsfailover.core.config.CheckSpec;
import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.core.config.Probe;
import io.dnsfailover.core.policy.EndpointStatus;
import io.dnsfailover.engine.report.PlanText;
import io.dnsfailover.engine.verify.DnsjavaLookup;
import io.dnsfailover.engine.verify.Lookup;
import io.dnsfailover.engine.verify.ServedCheck;
import io.dnsfailover.engine.verify.ServedWatcher;
import io.dnsfailover.health.CheckerFactory;
import io.dnsfailover.health.HealthListener;
import io.dnsfailover.health.HealthSnapshot;
import io.dnsfailover.health.HealthStatus;
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
 *
 * <p>No start-up storm. Every endpoint's first probe is a health change (from UNKNOWN), and the
 * first probes are spread over an interval: reconciling on each would rewrite a zone once per
 * endpoint. So the first reconcile waits until every endpoint has been probed once, or at most
 * {@link #firstProbesBound(Config)} (the longest interval plus its timeout), after which it goes on
 * with what it has: a record with an endpoint not yet probed stays as it is. It then applies once
 * per zone. After a reload, the new endpoints' first probes likewise wake the loop once, together.
 * Later changes reconcile at once, except that changes within {@link #COALESCE_WINDOW} of the last
 * reconcile wait for the end of that window and are reconciled together: a burst of transitions
 * costs one write per zone, not one per transition.
 */
public final class Daemon {

  private static final Logger log = LoggerFactory.getLogger(Daemon.class);
  private static final Duration MIN_RECONCILE_INTERVAL = Duration.ofSeconds(1);
  private static final Duration MAX_RECONCILE_INTERVAL = Duration.ofSeconds(60);

  /**
   * Health changes that arrive within this time of the last reconcile are reconciled together when
   * it has passed: short enough not to matter to a failover (a probe interval is seconds), long
   * enough to gather a burst of changes into one write per zone.
   */
  static final Duration COALESCE_WINDOW = Duration.ofMillis(50);

  private final CheckerFactory checkers;
  private final Clock clock;
  private final DaemonListener listener;
  private final HealthView view;
  private final Map<String, HealthSnapshot> initial;
  private final Semaphore wake = new Semaphore(0);
  private final AtomicReference<Generation> pendingReload = new AtomicReference<>();
  private volatile boolean stopping;
  private volatile Duration coalesceWindow = COALESCE_WINDOW;

  // Owned by the run() thread; volatile so state() reads a consistent, current view.
  private volatile Generation generation;
  private volatile ProbeScheduler scheduler;
  private volatile Forward forward; // the current scheduler's listener
  private volatile ReconcileReport lastReport;
  private volatile Instant lastReconcileAt;
  private volatile Instant lastSuccessAt;
  private volatile String lastError;
  private volatile String holding;
  private Set<DnsName> reloadsOwed = Set.of(); // run() thread only
  private final ServedWatcher served;

  /**
   * One config with its providers; the daemon owns and closes the providers. What the loop needs on
   * every turn is computed once here, not from every endpoint on every turn.
   */
  private record Generation(
      Config config, Providers providers, Reconciler reconciler, Duration reconcileInterval) {
    Generation(Config config, Providers providers) {
      this(config, providers, new Reconciler(config, providers), Daemon.reconcileInterval(config));
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

  /**
   * How long the first reconcile waits at most for the first probe of every endpoint: the longest
   * of interval plus timeout (a first probe starts within one interval and ends within its
   * timeout), plus, for icmp checks, the second each further echo request takes.
   */
  public static Duration firstProbesBound(Config config) {
    Duration longest = Duration.ZERO;
    for (EndpointConfig endpoint : config.endpoints()) {
      CheckSpec check = endpoint.check();
      Duration probe = check.interval().plus(check.timeout());
      if (check.probe() instanceof Probe.Icmp icmp) {
        probe = probe.plusSeconds(Math.max(0, icmp.count() - 1));
      }
      longest = probe.compareTo(longest) > 0 ? probe : longest;
    }
    return longest;
  }

  /**
   * Another coalescing window than {@link #COALESCE_WINDOW}, before {@link #run()}: tests widen it
   * so that what they check, changes gathered into one write, does not depend on how fast a loaded
   * machine runs them.
   */
  void coalesceWindow(Duration window) {
    this.coalesceWindow = window;
  }

  /** Probes and reconciles until {@link #stop()}; returns after the last reconcile finished. */
  public void run() throws InterruptedException {
    Config config = generation.config();
    log.info(
        "daemon started: {} endpoints in {} zones; first reconcile once every endpoint has been"
            + " probed (within {}), then on every health change and every {}",
        config.endpoints().size(),
        config.zones().size(),
        firstProbesBound(config),
        reconcileInterval(config));
    scheduler = startProbing(config, initial);
    boolean reconciled = false;
    long window = coalesceWindow.toNanos();
    long lastReconcileEnd = System.nanoTime() - window;
    try {
      while (!stopping) {
        Duration wait =
            reconciled ? generation.reconcileInterval() : forward.untilFirstProbesOver();
        boolean woken = wake.tryAcquire(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
        if (stopping) {
          break;
        }
        if (!reconciled) {
          swapInPendingReload(); // a reload during start-up: its new endpoints get a first round
          if (!forward.firstProbesOver()) {
            continue; // a reload or a cluster change, not the end of the first round
          }
          logFirstReconcile();
        } else if (woken) {
          long sinceLast = System.nanoTime() - lastReconcileEnd;
          if (sinceLast < window) {
            TimeUnit.NANOSECONDS.sleep(window - sinceLast);
          }
        }
        wake.drainPermits();
        swapInPendingReload();
        reconcile(woken || !reconciled);
        reconciled = true;
        lastReconcileEnd = System.nanoTime();
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
    Forward listening = new Forward();
    forward = listening;
    ProbeScheduler started =
        ProbeScheduler.start(config.endpoints(), checkers, snapshots, listening, clock);
    listening.startClock(firstProbesBound(config)); // after the checkers' warm-up
    return started;
  }

  private void logFirstReconcile() {
    long unprobed =
        scheduler.snapshot().values().stream()
            .filter(snapshot -> snapshot.last().isEmpty())
            .count();
    if (unprobed == 0) {
      log.info("every endpoint probed: first reconcile");
    } else {
      log.warn(
          "first reconcile after {}: {} endpoints not probed yet keep their records as they are",
          firstProbesBound(generation.config()),
          unprobed);
    }
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

  /**
   * Logs transitions, wakes the reconcile loop on them, and forwards everything to listeners. One
   * per scheduler: until its first round is over (every endpoint probed once, or the bound passed),
   * a first probe's transition from UNKNOWN does not wake the loop; the end of the round does,
   * once.
   */
  private final class Forward implements HealthListener {
    private volatile boolean firstProbesDone;
    private volatile long firstProbesDeadline = Long.MAX_VALUE; // System.nanoTime(); set by start
    private volatile boolean clockStarted;

    void startClock(Duration bound) {
      firstProbesDeadline = System.nanoTime() + bound.toNanos();
      clockStarted = true;
    }

    boolean firstProbesOver() {
      return firstProbesDone || (clockStarted && System.nanoTime() - firstProbesDeadline >= 0);
    }

    /** Time left until the first round is over at the latest. */
    Duration untilFirstProbesOver() {
      if (firstProbesOver()) {
        return Duration.ZERO;
      }
      return clockStarted
          ? Duration.ofNanos(firstProbesDeadline - System.nanoTime())
          : MAX_RECONCILE_INTERVAL;
    }

    @Override
    public void onProbe(String endpointKey, ProbeResult result) {
      listener.onProbe(endpointKey, result);
    }

    @Override
    public void onFirstProbes() {
      firstProbesDone = true;
      wake.release();
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
      if (transition.from() != HealthStatus.UNKNOWN || firstProbesOver()) {
        wake.release();
      }
    }
  }
}

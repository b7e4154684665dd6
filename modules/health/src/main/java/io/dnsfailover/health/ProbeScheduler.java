package io.dnsfailover.health;

import io.dnsfailover.core.config.EndpointConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes every endpoint at its own interval and keeps each one's {@link HealthTracker}.
 *
 * <p>Threading: one timer thread only starts probes; each probe runs on its own virtual thread, so
 * a slow endpoint never delays another, and thousands of endpoints cost no platform threads. The
 * first probe of each endpoint comes after a random jitter in [0, interval), which spreads the
 * load. When an endpoint's previous probe is still running at its next tick, that tick is skipped
 * rather than queued. The listener is called on the probing virtual thread, first {@code onProbe},
 * then {@code onTransition} when the probe changed the status, and {@code onFirstProbes} once when
 * the last endpoint had its first probe; a listener that throws is logged and probing goes on.
 *
 * <p>At most {@code maxInFlight} probes run at once; a probe past that waits for one to end before
 * it starts (its timeout starts when it does). A probe in flight holds its connection's buffers,
 * about 9 KB for HTTP and 25 KB for HTTPS: without a bound, thousands of endpoints that accept and
 * then hang (a data centre whose health pages wait on a dead database), or a machine that cannot
 * keep up, would hold one each and could run the daemon out of heap, which is worse than probing
 * late. The default bound ({@link #defaultMaxInFlight}) gives in-flight probes half the heap.
 *
 * <p>Scheduling runs on real time; the clock only stamps results the scheduler makes itself (a
 * checker that broke its contract and threw).
 */
public final class ProbeScheduler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ProbeScheduler.class);

  private final List<Probing> endpoints;
  private final HealthListener listener;
  private final Clock clock;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("dnsfailover-probe-timer").factory());
  private final ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicInteger awaitingFirstProbe;
  private final Semaphore slots;
  private volatile boolean closed;

  private ProbeScheduler(
      List<EndpointConfig> endpoints,
      CheckerFactory factory,
      Map<String, HealthSnapshot> initial,
      HealthListener listener,
      Clock clock,
      int maxInFlight) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be positive, got " + maxInFlight);
    }
    this.slots = new Semaphore(maxInFlight, true);
    this.listener = Objects.requireNonNull(listener, "listener");
    this.clock = Objects.requireNonNull(clock, "clock");
    List<Probing> probing = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (EndpointConfig endpoint : endpoints) {
      if (!keys.add(endpoint.key())) {
        throw new IllegalArgumentException("duplicate endpoint key " + endpoint.key());
      }
      HealthSnapshot start = initial.getOrDefault(endpoint.key(), HealthSnapshot.unknown());
      probing.add(new Probing(endpoint, factory.create(endpoint), start));
    }
    this.endpoints = List.copyOf(probing);
    this.awaitingFirstProbe = new AtomicInteger(this.endpoints.size());
  }

  /**
   * Starts probing, once the checkers are warmed up ({@link CheckerFactory#warmUp}; this call waits
   * for that).
   *
   * @param factory called once per endpoint, here
   * @param initial snapshots by endpoint key (restored from the state file); missing keys start
   *     UNKNOWN
   */
  public static ProbeScheduler start(
      List<EndpointConfig> endpoints,
      CheckerFactory factory,
      Map<String, HealthSnapshot> initial,
      HealthListener listener,
      Clock clock) {
    return start(endpoints, factory, initial, listener, clock, defaultMaxInFlight());
  }

  /** As {@link #start(List, CheckerFactory, Map, HealthListener, Clock)}, with its own bound. */
  public static ProbeScheduler start(
      List<EndpointConfig> endpoints,
      CheckerFactory factory,
      Map<String, HealthSnapshot> initial,
      HealthListener listener,
      Clock clock,
      int maxInFlight) {
    ProbeScheduler scheduler =
        new ProbeScheduler(endpoints, factory, initial, listener, clock, maxInFlight);
    factory.warmUp(endpoints);
    scheduler.schedule();
    return scheduler;
  }

  /**
   * Probes every endpoint once, all at the same time on virtual threads, and waits for the results
   * (each checker bounds itself by its timeout), after warming the checkers up ({@link
   * CheckerFactory#warmUp}). For {@code once}, {@code plan} and {@code check}.
   *
   * @return results by endpoint key, in the order of {@code endpoints}
   */
  public static Map<String, ProbeResult> probeAll(
      List<EndpointConfig> endpoints, CheckerFactory factory) {
    return probeAll(endpoints, factory, Clock.systemUTC());
  }

  /**
   * As {@link #probeAll(List, CheckerFactory)}, stamping scheduler-made results with {@code clock}.
   */
  public static Map<String, ProbeResult> probeAll(
      List<EndpointConfig> endpoints, CheckerFactory factory, Clock clock) {
    factory.warmUp(endpoints);
    Map<String, Future<ProbeResult>> futures = new LinkedHashMap<>();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (EndpointConfig endpoint : endpoints) {
        futures.put(
            endpoint.key(),
            executor.submit(() -> probeSafely(() -> factory.create(endpoint).probe(), clock)));
      }
    }
    Map<String, ProbeResult> results = new LinkedHashMap<>();
    futures.forEach((key, future) -> results.put(key, resultOf(future, clock)));
    return Collections.unmodifiableMap(results);
  }

  /**
   * How many probes may run at once by default: half the JVM's maximum heap at 40 KiB a probe (an
   * HTTPS probe holds about 25 KB), at least 64. The daemon's launcher sizes the heap at 20 KiB per
   * endpoint plus 64 MiB, so this only binds when more than about 3,300 of 10,000 endpoints (1,000
   * of 1,000 never) are in flight at once.
   */
  public static int defaultMaxInFlight() {
    return (int) Math.clamp(Runtime.getRuntime().maxMemory() / 2 / (40 * 1024), 64, 100_000);
  }

  /** True once every endpoint has been probed at least once (at once when there are none). */
  public boolean firstProbesDone() {
    return awaitingFirstProbe.get() == 0;
  }

  /** Every endpoint's current health, by endpoint key, in the order the endpoints were given. */
  public Map<String, HealthSnapshot> snapshot() {
    Map<String, HealthSnapshot> snapshots = new LinkedHashMap<>();
    for (Probing probing : endpoints) {
      snapshots.put(probing.endpoint.key(), probing.tracker.snapshot());
    }
    return Collections.unmodifiableMap(snapshots);
  }

  /**
   * Stops probing: no probe starts after this returns, and results of probes still running (they
   * are interrupted) are dropped rather than reported.
   */
  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
    probes.shutdownNow();
    try {
      probes.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void schedule() {
    for (Probing probing : endpoints) {
      long interval = probing.endpoint.check().interval().toNanos();
      if (interval <= 0) {
        throw new IllegalArgumentException(
            "interval of " + probing.endpoint.key() + " must be positive");
      }
      long jitter = ThreadLocalRandom.current().nextLong(interval);
      timer.scheduleAtFixedRate(() -> tick(probing), jitter, interval, TimeUnit.NANOSECONDS);
    }
  }

  /** On the timer thread: starts a probe unless the previous one is still running. */
  private void tick(Probing probing) {
    if (closed) {
      return;
    }
    if (!probing.running.compareAndSet(false, true)) {
      log.debug("{}: previous probe still running, skipping this tick", probing.endpoint.key());
      return;
    }
    try {
      probes.execute(() -> runProbe(probing));
    } catch (RejectedExecutionException e) {
      probing.running.set(false); // closing
    }
  }

  private void runProbe(Probing probing) {
    try {
      ProbeResult result;
      try {
        slots.acquire();
      } catch (InterruptedException e) {
        return; // closing
      }
      try {
        result = probeSafely(probing.checker, clock);
      } finally {
        slots.release();
      }
      if (closed) {
        return;
      }
      Optional<Transition> transition = probing.tracker.record(result);
      String key = probing.endpoint.key();
      notifyListener(() -> listener.onProbe(key, result));
      transition.ifPresent(t -> notifyListener(() -> listener.onTransition(t)));
      if (probing.probed.compareAndSet(false, true) && awaitingFirstProbe.decrementAndGet() == 0) {
        notifyListener(listener::onFirstProbes);
      }
    } finally {
      probing.running.set(false);
    }
  }

  private static void notifyListener(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.warn("health listener threw; probing continues", e);
    }
  }

  private static ProbeResult probeSafely(Checker checker, Clock clock) {
    try {
      return checker.probe();
    } catch (RuntimeException e) {
      log.warn("checker threw instead of failing", e);
      return ProbeResult.failure(Duration.ZERO, "internal error: " + e, clock.instant());
    }
  }

  private static ProbeResult resultOf(Future<ProbeResult> future, Clock clock) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      return ProbeResult.failure(Duration.ZERO, "internal error: " + e.getCause(), clock.instant());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ProbeResult.failure(Duration.ZERO, "interrupted", clock.instant());
    }
  }

  /** One endpoint's checker, tracker and running flag. */
  private static final class Probing {
    final EndpointConfig endpoint;
    final Checker checker;
    final HealthTracker tracker;
    final AtomicBoolean running = new AtomicBoolean();
    final AtomicBoolean probed = new AtomicBoolean();

    Probing(EndpointConfig endpoint, Checker checker, HealthSnapshot initial) {
      this.endpoint = endpoint;
      this.checker = checker;
      this.tracker =
          new HealthTracker(
              endpoint.key(), endpoint.check().rise(), endpoint.check().fall(), initial);
    }
  }
}

package io.dnsfailover.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.health.testing.ScriptedChecker;
import io.dnsfailover.health.testing.ScriptedChecker.Step;
import io.dnsfailover.health.testing.ScriptedCheckerFactory;
import io.dnsfailover.testkit.EndpointFixtures;
import io.dnsfailover.testkit.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The scheduler against scripted checkers. */
class ProbeSchedulerTest {

  private static final Duration INTERVAL = Duration.ofMillis(50);
  private static final Duration GENEROUS = Duration.ofSeconds(10);

  private final FakeClock clock = new FakeClock();
  private final ScriptedCheckerFactory checkers = new ScriptedCheckerFactory(clock);

  private static EndpointConfig endpoint(String id) {
    return EndpointFixtures.endpoint("app.example.test./A/" + id, INTERVAL, 2, 2);
  }

  @Test
  void aBlockedEndpointDoesNotDelayAnother() {
    checkers.checker(endpoint("slow").key()).setDelay(Duration.ofSeconds(2));
    ScriptedChecker fast = checkers.checker(endpoint("fast").key());

    try (ProbeScheduler scheduler =
        ProbeScheduler.start(
            List.of(endpoint("slow"), endpoint("fast")),
            checkers,
            Map.of(),
            new HealthListener() {},
            clock)) {
      await().atMost(GENEROUS).until(() -> fast.probeCount() >= 10);

      // The slow endpoint's later ticks were skipped while its first probe blocked.
      assertThat(checkers.checker(endpoint("slow").key()).probeCount()).isEqualTo(1);
      assertThat(scheduler.snapshot().get(endpoint("fast").key()).healthy()).isTrue();
    }
  }

  /**
   * Eight endpoints whose probes each hang for 100 ms (a backend that accepts and never answers),
   * with room for two at once: never more than two run, and every endpoint still gets its turn.
   */
  @Test
  void noMoreThanMaxInFlightProbesRunAtOnceAndTheOthersWaitTheirTurn() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    Map<String, AtomicInteger> probes = new ConcurrentHashMap<>();
    CheckerFactory hanging =
        endpoint ->
            () -> {
              mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
              try {
                Thread.sleep(100);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                running.decrementAndGet();
              }
              probes.computeIfAbsent(endpoint.key(), key -> new AtomicInteger()).incrementAndGet();
              return ProbeResult.failure(Duration.ofMillis(100), "timed out", clock.instant());
            };
    List<EndpointConfig> endpoints =
        IntStream.range(0, 8).mapToObj(i -> endpoint("e" + i)).toList();

    try (ProbeScheduler scheduler =
        ProbeScheduler.start(endpoints, hanging, Map.of(), new HealthListener() {}, clock, 2)) {
      await().atMost(GENEROUS).until(scheduler::firstProbesDone);
      await()
          .atMost(GENEROUS)
          .until(
              () ->
                  endpoints.stream()
                      .allMatch(e -> probes.getOrDefault(e.key(), new AtomicInteger()).get() >= 2));
    }
    assertThat(mostAtOnce.get()).isEqualTo(2);
  }

  @Test
  void theListenerHearsOnceWhenEveryEndpointHasHadItsFirstProbe() throws Exception {
    ScriptedChecker slow = checkers.checker(endpoint("slow").key());
    slow.setDelay(Duration.ofMillis(500));
    AtomicInteger calls = new AtomicInteger();
    List<Integer> slowProbesWhenCalled = new CopyOnWriteArrayList<>();
    HealthListener listener =
        new HealthListener() {
          @Override
          public void onFirstProbes() {
            calls.incrementAndGet();
            slowProbesWhenCalled.add(slow.probeCount());
          }
        };

    try (ProbeScheduler scheduler =
        ProbeScheduler.start(
            List.of(endpoint("slow"), endpoint("fast")), checkers, Map.of(), listener, clock)) {
      assertThat(scheduler.firstProbesDone()).isFalse();
      await().atMost(GENEROUS).until(() -> calls.get() == 1);
      assertThat(scheduler.firstProbesDone()).isTrue();
      assertThat(slowProbesWhenCalled).containsExactly(1); // after the slow one's first result
      Thread.sleep(INTERVAL.multipliedBy(10));
      assertThat(calls.get()).as("once, however many probes follow").isEqualTo(1);
    }
  }

  @Test
  void transitionsReachTheListener() {
    ScriptedChecker checker = checkers.checker(endpoint("primary").key());
    checker.script(Step.up()).setCurrent(Step.down());
    List<Transition> transitions = new CopyOnWriteArrayList<>();
    HealthListener listener =
        new HealthListener() {
          @Override
          public void onTransition(Transition transition) {
            transitions.add(transition);
          }
        };

    try (ProbeScheduler scheduler =
        ProbeScheduler.start(List.of(endpoint("primary")), checkers, Map.of(), listener, clock)) {
      await().atMost(GENEROUS).until(() -> transitions.size() >= 2);

      assertThat(transitions.get(0).reason()).isEqualTo("first probe: scripted: HTTP 200");
      assertThat(transitions.get(1).to()).isEqualTo(HealthStatus.UNHEALTHY);
      assertThat(transitions.get(1).reason())
          .isEqualTo("scripted: HTTP 503 (2 consecutive failures, fall 2)");
      assertThat(scheduler.snapshot().get(endpoint("primary").key()).status())
          .isEqualTo(HealthStatus.UNHEALTHY);
    }
  }

  @Test
  void initialSnapshotsAreContinued() {
    EndpointConfig endpoint =
        EndpointFixtures.endpoint("app.example.test./A/restored", INTERVAL, 2, 1000);
    checkers.checker(endpoint.key()).setCurrent(Step.down());
    HealthSnapshot restored =
        new HealthSnapshot(HealthStatus.HEALTHY, 5, 0, Optional.empty(), Optional.empty());

    try (ProbeScheduler scheduler =
        ProbeScheduler.start(
            List.of(endpoint),
            checkers,
            Map.of(endpoint.key(), restored),
            new HealthListener() {},
            clock)) {
      assertThat(scheduler.snapshot().get(endpoint.key()).status()).isEqualTo(HealthStatus.HEALTHY);

      await()
          .atMost(GENEROUS)
          .until(() -> scheduler.snapshot().get(endpoint.key()).failures() >= 3);
      // Not UNKNOWN, so no "first probe decides": the restored HEALTHY holds until fall is reached.
      HealthSnapshot now = scheduler.snapshot().get(endpoint.key());
      assertThat(now.status()).isEqualTo(HealthStatus.HEALTHY);
      assertThat(now.successes()).isZero();
    }
  }

  @Test
  void aThrowingListenerDoesNotStopProbing() {
    ScriptedChecker checker = checkers.checker(endpoint("primary").key());
    AtomicInteger heard = new AtomicInteger();
    HealthListener throwing =
        new HealthListener() {
          @Override
          public void onProbe(String endpointKey, ProbeResult result) {
            heard.incrementAndGet();
            throw new IllegalStateException("listener bug");
          }
        };

    try (ProbeScheduler scheduler =
        ProbeScheduler.start(List.of(endpoint("primary")), checkers, Map.of(), throwing, clock)) {
      await().atMost(GENEROUS).until(() -> heard.get() >= 5);

      assertThat(checker.probeCount()).isGreaterThanOrEqualTo(5);
    }
  }

  @Test
  void closeStopsProbing() throws InterruptedException {
    ScriptedChecker checker = checkers.checker(endpoint("primary").key());
    ProbeScheduler scheduler =
        ProbeScheduler.start(
            List.of(endpoint("primary")), checkers, Map.of(), new HealthListener() {}, clock);
    await().atMost(GENEROUS).until(() -> checker.probeCount() >= 3);

    scheduler.close();
    int afterClose = checker.probeCount();
    Thread.sleep(INTERVAL.multipliedBy(6));

    assertThat(checker.probeCount()).isEqualTo(afterClose);
  }

  @Test
  void probeAllProbesEveryEndpointConcurrently() {
    List<EndpointConfig> endpoints =
        List.of(endpoint("a"), endpoint("b"), endpoint("c"), endpoint("d"));
    endpoints.forEach(e -> checkers.checker(e.key()).setDelay(Duration.ofMillis(500)));
    checkers.checker(endpoint("c").key()).setCurrent(Step.down("connection refused"));
    long start = System.nanoTime();

    Map<String, ProbeResult> results = ProbeScheduler.probeAll(endpoints, checkers, clock);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1900));
    assertThat(results.keySet())
        .containsExactly(endpoints.stream().map(EndpointConfig::key).toArray(String[]::new));
    assertThat(results.get(endpoint("c").key()).detail()).isEqualTo("scripted: connection refused");
    assertThat(results.get(endpoint("a").key()).success()).isTrue();
  }
}

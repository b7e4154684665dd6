package io.dnsfailover.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.health.CheckerFactory;
import io.dnsfailover.health.HealthSnapshot;
import io.dnsfailover.health.HealthStatus;
import io.dnsfailover.health.testing.ScriptedChecker;
import io.dnsfailover.health.testing.ScriptedChecker.Step;
import io.dnsfailover.health.testing.ScriptedCheckerFactory;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.testkit.InMemoryDnsProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonTest {

  private static final Zone ZONE = new Zone(DnsName.of("example.test."), "mem");
  private static final DnsName APP = DnsName.of("app.example.test.");

  @TempDir Path dir;

  @Test
  void failsOverWhenThePrimaryDiesAndBackWhenItReturnsThenStopsCleanly() throws Exception {
    Config config = TestConfigs.load(dir, TestConfigs.failover("50ms", 2, 2));
    InMemoryDnsProvider provider = new InMemoryDnsProvider();
    ScriptedCheckerFactory checks = new ScriptedCheckerFactory(Clock.systemUTC());
    checks.checker("app.example.test./A/primary").setCurrent(Step.up());
    checks.checker("app.example.test./A/backup").setCurrent(Step.up());
    Daemon daemon =
        new Daemon(
            config,
            new Providers(Map.of("mem", provider)),
            checks,
            Map.of(),
            Clock.systemUTC(),
            new DaemonListener() {});
    Thread runner = Thread.ofPlatform().start(() -> runQuietly(daemon));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> answer(provider).equals(List.of("192.0.2.10")));
    checks.checker("app.example.test./A/primary").setCurrent(Step.down("HTTP 503"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> answer(provider).equals(List.of("192.0.2.20")));
    checks.checker("app.example.test./A/primary").setCurrent(Step.up());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> answer(provider).equals(List.of("192.0.2.10")));

    daemon.stop();
    runner.join(Duration.ofSeconds(10));
    assertThat(runner.isAlive()).isFalse();
    assertThat(daemon.state().ready()).isTrue();
  }

  @Test
  void theReconcileIntervalFollowsTheShortestCheckWithinBounds() throws Exception {
    assertThat(Daemon.reconcileInterval(TestConfigs.load(dir, TestConfigs.failover("50ms", 1, 1))))
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(Daemon.reconcileInterval(TestConfigs.load(dir, TestConfigs.failover("10s", 1, 1))))
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(Daemon.reconcileInterval(TestConfigs.load(dir, TestConfigs.failover("5m", 1, 1))))
        .isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void aReloadKeepsTheHealthOfEndpointsWhoseCheckDidNotChange() throws Exception {
    Config before = TestConfigs.load(dir, TestConfigs.failover("10s", 2, 3));
    Config after =
        TestConfigs.load(
            dir,
            TestConfigs.failover("10s", 2, 3)
                .replace(
                    "{ id: backup, address: 192.0.2.20, priority: 2 }",
                    "{ id: backup, address: 192.0.2.20, priority: 2, check: { type: tcp, port: 443 } }"));
    HealthSnapshot healthy =
        new HealthSnapshot(HealthStatus.HEALTHY, 5, 0, Optional.empty(), Optional.empty());
    Map<String, HealthSnapshot> health =
        Map.of("app.example.test./A/primary", healthy, "app.example.test./A/backup", healthy);

    Map<String, HealthSnapshot> kept = Daemon.carriedOver(before, after, health);

    assertThat(kept).containsOnlyKeys("app.example.test./A/primary");
  }

  @Test
  void startsWithOneWritePerZoneOnceEveryEndpointHasBeenProbed() throws Exception {
    // 200 endpoints whose first probes are spread over a 1 s interval: each first probe is a
    // health change, and reconciling on each rewrote the zone dozens of times in the first seconds.
    Config config = TestConfigs.load(dir, records(200, "1s"));
    InMemoryDnsProvider provider = new InMemoryDnsProvider();
    ScriptedCheckerFactory checks = new ScriptedCheckerFactory(Clock.systemUTC());
    Daemon daemon = daemon(config, provider, checks);
    Thread runner = Thread.ofPlatform().start(() -> runQuietly(daemon));
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> provider.writeCalls() >= 1);
      assertThat(published(provider)).as("the first write holds every record").isEqualTo(200);
      assertThat(config.endpoints())
          .allSatisfy(e -> assertThat(checks.checker(e.key()).probeCount()).isPositive());

      Thread.sleep(Duration.ofSeconds(10)); // ten more intervals of probes, all healthy

      assertThat(provider.writeCalls()).as("writes in the first 10 s").isEqualTo(1);
    } finally {
      daemon.stop();
      runner.join(Duration.ofSeconds(10));
    }
  }

  @Test
  void aFirstProbeThatHangsHoldsTheFirstWriteOnlyForAnIntervalAndATimeout() throws Exception {
    Config config = TestConfigs.load(dir, records(2, "500ms"));
    assertThat(Daemon.firstProbesBound(config)).isEqualTo(Duration.ofMillis(750));
    InMemoryDnsProvider provider = new InMemoryDnsProvider();
    ScriptedCheckerFactory checks = new ScriptedCheckerFactory(Clock.systemUTC());
    checks.checker("r1.example.test./A/a").setDelay(Duration.ofMinutes(1));
    Daemon daemon = daemon(config, provider, checks);
    Thread runner = Thread.ofPlatform().start(() -> runQuietly(daemon));
    try {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> !provider.values(ZONE, DnsName.of("r0.example.test."), RecordType.A).isEmpty());
      assertThat(provider.values(ZONE, DnsName.of("r1.example.test."), RecordType.A))
          .as("not probed yet: left as it is (absent)")
          .isEmpty();
      assertThat(provider.writeCalls()).isEqualTo(1);
      await().atMost(Duration.ofSeconds(10)).until(() -> daemon.state().ready());
    } finally {
      daemon.stop();
      runner.join(Duration.ofSeconds(10));
    }
  }

  @Test
  void healthChangesThatArriveWithinTheWindowAreWrittenTogether() throws Exception {
    Config config = TestConfigs.load(dir, failoverRecords(100, "50ms"));
    InMemoryDnsProvider provider = new InMemoryDnsProvider();
    ScriptedCheckerFactory checks = new ScriptedCheckerFactory(Clock.systemUTC());
    // The primaries in ten groups, each held at its own gate: released 15 ms apart, their failures
    // arrive over 135 ms or more. Reconciling on each group wrote the zone up to ten times. The
    // window is widened from 50 ms to 3 s so that the count does not depend on the machine's
    // speed: the first failure waits for the end of the window (at least 2 s away, since the last
    // reconcile is at most one reconcile interval of 1 s old), and every other group arrives
    // before it ends. One write, or two if a periodic reconcile falls between two groups.
    List<AtomicReference<CountDownLatch>> gates = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      gates.add(new AtomicReference<>(new CountDownLatch(0)));
    }
    CheckerFactory gated =
        endpoint -> {
          ScriptedChecker checker = checks.create(endpoint);
          if (!endpoint.id().equals("primary")) {
            return checker;
          }
          int record = Integer.parseInt(endpoint.key().substring(1, endpoint.key().indexOf('.')));
          AtomicReference<CountDownLatch> gate = gates.get(record % 10);
          return () -> {
            try {
              gate.get().await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return checker.probe();
          };
        };
    Daemon daemon = daemon(config, provider, gated);
    daemon.coalesceWindow(Duration.ofSeconds(3));
    Thread runner = Thread.ofPlatform().start(() -> runQuietly(daemon));
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> provider.writeCalls() >= 1);
      List<CountDownLatch> held = new ArrayList<>();
      for (AtomicReference<CountDownLatch> gate : gates) {
        CountDownLatch latch = new CountDownLatch(1);
        held.add(latch);
        gate.set(latch);
      }
      Thread.sleep(300); // every primary's next probe now waits at its gate
      int before = provider.writeCalls();
      for (int i = 0; i < 100; i++) {
        checks.checker("r" + i + ".example.test./A/primary").setCurrent(Step.down("HTTP 503"));
      }
      for (CountDownLatch latch : held) {
        latch.countDown(); // ten primaries fail (fall 1)
        Thread.sleep(15);
      }

      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  IntStream.range(0, 100)
                      .allMatch(
                          i ->
                              provider
                                  .values(
                                      ZONE, DnsName.of("r" + i + ".example.test."), RecordType.A)
                                  .equals(List.of("192.0.2.20"))));
      Thread.sleep(500);
      assertThat(provider.writeCalls() - before)
          .as("writes for 100 failovers in ten groups 15 ms apart")
          .isBetween(1, 2);
    } finally {
      daemon.stop();
      runner.join(Duration.ofSeconds(10));
    }
  }

  /**
   * {@code count} A records r0..r(count-1), one endpoint "a" each, checked every {@code interval}.
   */
  private static String records(int count, String interval) {
    StringBuilder yaml =
        new StringBuilder(
            """
            version: 1
            ownerId: test
            defaults:
              check: { type: tcp, port: 80, interval: %s, timeout: %s, rise: 1, fall: 1 }
            providers:
              mem: { type: memory }
            zones:
              - name: example.test.
                provider: mem
                records:
            """
                .formatted(interval, halfOf(interval)));
    for (int i = 0; i < count; i++) {
      yaml.append(
          "      - { name: r%d, type: A, endpoints: [{ id: a, address: 192.0.2.%d }] }%n"
              .formatted(i, 1 + i % 250));
    }
    return yaml.toString();
  }

  /** {@code count} failover records r0.., each a primary 192.0.2.10 and a backup 192.0.2.20. */
  private static String failoverRecords(int count, String interval) {
    StringBuilder yaml = new StringBuilder(records(0, interval));
    for (int i = 0; i < count; i++) {
      yaml.append(
          ("      - { name: r%d, type: A, endpoints: [{ id: primary, address: 192.0.2.10,"
                  + " priority: 1 }, { id: backup, address: 192.0.2.20, priority: 2 }] }%n")
              .formatted(i));
    }
    return yaml.toString();
  }

  private static String halfOf(String interval) {
    return Math.max(1, io.dnsfailover.spi.Durations.parse(interval).toMillis() / 2) + "ms";
  }

  private static Daemon daemon(Config config, InMemoryDnsProvider provider, CheckerFactory checks) {
    return new Daemon(
        config,
        new Providers(Map.of("mem", provider)),
        checks,
        Map.of(),
        Clock.systemUTC(),
        new DaemonListener() {});
  }

  private static long published(InMemoryDnsProvider provider) {
    return provider.all(ZONE).stream().filter(set -> set.type() == RecordType.A).count();
  }

  private static List<String> answer(InMemoryDnsProvider provider) {
    return provider.values(ZONE, APP, RecordType.A);
  }

  private static void runQuietly(Daemon daemon) {
    try {
      daemon.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

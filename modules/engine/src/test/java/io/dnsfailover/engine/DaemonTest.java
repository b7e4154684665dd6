package io.dnsfailover.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.health.HealthSnapshot;
import io.dnsfailover.health.HealthStatus;
import io.dnsfailover.health.testing.ScriptedChecker.Step;
import io.dnsfailover.health.testing.ScriptedCheckerFactory;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.testkit.InMemoryDnsProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

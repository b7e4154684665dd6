package io.dnsfailover.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.plan.Plan;
import io.dnsfailover.core.plan.ZonePlan;
import io.dnsfailover.engine.ReconcileReport;
import io.dnsfailover.health.HealthStatus;
import io.dnsfailover.health.ProbeResult;
import io.dnsfailover.health.Transition;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.testkit.FakeClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonMetricsTest {

  private static final String PRIMARY = "app.example.test./A/primary";
  private static final String BACKUP = "app.example.test./A/backup";
  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  private static final DnsName APP = DnsName.of("app.example.test.");
  private static final Zone ZONE = new Zone(DnsName.of("example.test."), "mem");

  @TempDir Path dir;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final FakeClock clock = new FakeClock(T0);

  @Test
  void everyEndpointStartsUnknownAndFollowsItsTransitions() throws Exception {
    DaemonMetrics metrics = new DaemonMetrics(registry, config(), clock);
    assertThat(health(PRIMARY)).isEqualTo(-1.0);

    metrics.onTransition(transition(PRIMARY, HealthStatus.UNKNOWN, HealthStatus.HEALTHY));
    assertThat(health(PRIMARY)).isEqualTo(1.0);
    metrics.onTransition(transition(PRIMARY, HealthStatus.HEALTHY, HealthStatus.UNHEALTHY));
    assertThat(health(PRIMARY)).isEqualTo(0.0);
    assertThat(health(BACKUP)).isEqualTo(-1.0);
    assertThat(
            registry
                .get(MetricNames.TRANSITIONS)
                .tag("endpoint", PRIMARY)
                .tag("from", "healthy")
                .tag("to", "unhealthy")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void onlyUpdatesAndDeletesOfARecordAreFailoversAndMarkersAreNoChange() throws Exception {
    DaemonMetrics metrics = new DaemonMetrics(registry, config(), clock);
    RecordSet primary = RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.10"));
    RecordSet backup = RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.20"));
    RecordSet marker = RecordSet.of(APP.markerName(), RecordType.TXT, 20, List.of("owner"));

    metrics.onReconcile(
        report(new Change.Create(marker, "marks"), new Change.Create(primary, "new")),
        Duration.ofMillis(5));
    assertThat(failovers()).isZero();
    metrics.onReconcile(report(new Change.Update(primary, backup, "failing over")), Duration.ZERO);
    assertThat(failovers()).isEqualTo(1.0);

    assertThat(changes("create")).isEqualTo(1.0);
    assertThat(changes("update")).isEqualTo(1.0);
    assertThat(registry.find(MetricNames.RECORD_CHANGES).tag("type", "TXT").counters()).isEmpty();
    assertThat(registry.get(MetricNames.LAST_SUCCESS).gauge().value())
        .isEqualTo(T0.getEpochSecond());
    assertThat(registry.get(MetricNames.READY).gauge().value()).isEqualTo(1.0);
  }

  @Test
  void aReloadDropsTheSeriesOfEndpointsThatAreGone() throws Exception {
    Config before = config();
    DaemonMetrics metrics = new DaemonMetrics(registry, before, clock);
    metrics.onProbe(BACKUP, ProbeResult.success(Duration.ofMillis(2), "HTTP 200", T0));
    assertThat(registry.find(MetricNames.PROBES).tag("endpoint", BACKUP).counters()).hasSize(2);

    Config after =
        MemoryConfigs.load(
            dir,
            MemoryConfigs.FAILOVER.replace(
                "- { id: backup, address: 192.0.2.20, priority: 2 }",
                "- { id: standby, address: 192.0.2.30, priority: 2 }"));
    metrics.onReload(after);
    metrics.onProbe(BACKUP, ProbeResult.success(Duration.ofMillis(2), "late", T0));

    assertThat(registry.getMeters())
        .noneMatch(meter -> BACKUP.equals(meter.getId().getTag("endpoint")));
    assertThat(health("app.example.test./A/standby")).isEqualTo(-1.0);
    assertThat(registry.get(MetricNames.RELOADS).counter().count()).isEqualTo(1.0);
  }

  private Config config() throws Exception {
    return MemoryConfigs.load(dir, MemoryConfigs.FAILOVER);
  }

  private double health(String endpoint) {
    return registry.get(MetricNames.ENDPOINT_HEALTH).tag("endpoint", endpoint).gauge().value();
  }

  private double failovers() {
    return registry.get(MetricNames.FAILOVERS).tag("record", APP.value()).counter().count();
  }

  private double changes(String action) {
    return registry
        .get(MetricNames.RECORD_CHANGES)
        .tag("record", APP.value())
        .tag("action", action)
        .counter()
        .count();
  }

  private static Transition transition(String key, HealthStatus from, HealthStatus to) {
    return new Transition(key, from, to, "test", T0);
  }

  private static ReconcileReport report(Change... changes) {
    ZonePlan zone = new ZonePlan(ZONE, "memory", List.of(changes), List.of(), List.of());
    return new ReconcileReport(new Plan(List.of(zone)), List.of(changes), List.of());
  }
}

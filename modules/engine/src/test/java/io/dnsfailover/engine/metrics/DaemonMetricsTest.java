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
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonMetricsTest {

  private static final String PRIMARY = "app.example.test./A/primary";
  private static final String BACKUP = "app.example.test./A/backup";
  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  private static final DnsName APP = DnsName.of("app.example.test.");
  private static final Zone ZONE = new Zone(DnsName.of("example.test."), "mem");

  @TempDir Path dir;
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
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
            scraped(
                "dnsfailover_health_transitions_total",
                "endpoint=\"" + PRIMARY + "\",from=\"healthy\",to=\"unhealthy\""))
        .isEqualTo(1.0);
    assertThat(registry.scrape())
        .contains("# TYPE dnsfailover_health_transitions_total counter")
        .doesNotContain("from=\"unhealthy\"");
  }

  @Test
  void probesAreCountedByResultAndTheirLatencyInCumulativeBucketsWithAMaxThatAgesAway()
      throws Exception {
    DaemonMetrics metrics = new DaemonMetrics(registry, config(), clock);
    metrics.onProbe(PRIMARY, ProbeResult.success(Duration.ofMillis(2), "HTTP 200", T0));
    metrics.onProbe(PRIMARY, ProbeResult.failure(Duration.ofMillis(300), "HTTP 503", T0));
    metrics.onProbe(PRIMARY, ProbeResult.success(Duration.ofMillis(5), "HTTP 200", T0));

    String endpoint = "endpoint=\"" + PRIMARY + "\"";
    assertThat(scraped("dnsfailover_probes_total", endpoint + ",result=\"success\""))
        .isEqualTo(2.0);
    assertThat(scraped("dnsfailover_probes_total", endpoint + ",result=\"failure\""))
        .isEqualTo(1.0);
    String bucket = "dnsfailover_probe_duration_seconds_bucket";
    assertThat(scraped(bucket, endpoint + ",le=\"0.001\"")).isZero();
    assertThat(scraped(bucket, endpoint + ",le=\"0.005\"")).isEqualTo(2.0); // 5 ms is in
    assertThat(scraped(bucket, endpoint + ",le=\"0.25\"")).isEqualTo(2.0);
    assertThat(scraped(bucket, endpoint + ",le=\"0.5\"")).isEqualTo(3.0);
    assertThat(scraped(bucket, endpoint + ",le=\"+Inf\"")).isEqualTo(3.0);
    assertThat(scraped("dnsfailover_probe_duration_seconds_count", endpoint)).isEqualTo(3.0);
    assertThat(scraped("dnsfailover_probe_duration_seconds_sum", endpoint)).isEqualTo(0.307);
    assertThat(scraped("dnsfailover_probe_duration_seconds_max", endpoint)).isEqualTo(0.3);
    assertThat(
            scraped(
                "dnsfailover_probe_duration_seconds_bucket",
                "endpoint=\"" + BACKUP + "\",le=\"+Inf\""))
        .as("an endpoint not probed yet has its series, at 0")
        .isZero();

    clock.setInstant(T0.plusSeconds(70));
    metrics.onProbe(PRIMARY, ProbeResult.success(Duration.ofMillis(4), "HTTP 200", T0));
    assertThat(scraped("dnsfailover_probe_duration_seconds_max", endpoint))
        .as("the window before still counts")
        .isEqualTo(0.3);
    clock.setInstant(T0.plusSeconds(140));
    assertThat(scraped("dnsfailover_probe_duration_seconds_max", endpoint)).isEqualTo(0.004);
    clock.setInstant(T0.plusSeconds(400));
    assertThat(scraped("dnsfailover_probe_duration_seconds_max", endpoint)).isZero();
    assertThat(scraped("dnsfailover_probe_duration_seconds_count", endpoint)).isEqualTo(4.0);
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
    assertThat(registry.scrape()).contains("dnsfailover_probes_total{endpoint=\"" + BACKUP);

    Config after =
        MemoryConfigs.load(
            dir,
            MemoryConfigs.FAILOVER.replace(
                "- { id: backup, address: 192.0.2.20, priority: 2 }",
                "- { id: standby, address: 192.0.2.30, priority: 2 }"));
    metrics.onReload(after);
    metrics.onProbe(BACKUP, ProbeResult.success(Duration.ofMillis(2), "late", T0));

    assertThat(registry.scrape()).doesNotContain(BACKUP).contains(PRIMARY);
    assertThat(health("app.example.test./A/standby")).isEqualTo(-1.0);
    assertThat(registry.get(MetricNames.RELOADS).counter().count()).isEqualTo(1.0);
  }

  private Config config() throws Exception {
    return MemoryConfigs.load(dir, MemoryConfigs.FAILOVER);
  }

  private double health(String endpoint) {
    return scraped("dnsfailover_endpoint_health", "endpoint=\"" + endpoint + "\"");
  }

  /** The value of one series in the Prometheus text a scrape returns. */
  private double scraped(String name, String labels) {
    Matcher line =
        Pattern.compile("(?m)^" + Pattern.quote(name + "{" + labels + "}") + " (\\S+)$")
            .matcher(registry.scrape());
    assertThat(line.find()).as(name + "{" + labels + "} in the scrape").isTrue();
    return Double.parseDouble(line.group(1));
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

package io.dnsfailover.engine.metrics;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.core.plan.ZonePlan;
import io.dnsfailover.engine.DaemonListener;
import io.dnsfailover.engine.ReconcileReport;
import io.dnsfailover.engine.ZoneFailure;
import io.dnsfailover.engine.verify.ServedReport;
import io.dnsfailover.health.ProbeResult;
import io.dnsfailover.health.Transition;
import io.dnsfailover.spi.Change;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns what the daemon does into Prometheus metrics. Every name starts with {@code dnsfailover_};
 * {@code endpoint} is the endpoint key ({@code <record name>/<type>/<id>}), {@code record} the
 * record's name, {@code type} its type.
 *
 * <ul>
 *   <li>{@code dnsfailover_probes_total{endpoint, result="success"|"failure"}}: every probe.
 *   <li>{@code dnsfailover_probe_duration_seconds{endpoint}}: probe latency histogram (buckets 1ms
 *       to 10s).
 *   <li>{@code dnsfailover_endpoint_health{endpoint}}: 1 healthy, 0 unhealthy, -1 unknown (not
 *       probed yet). One gauge with three values rather than one-hot series: {@code == 0} is the
 *       alert, and a dashboard shows one line per endpoint.
 *   <li>{@code dnsfailover_health_transitions_total{endpoint, from, to}}: health changes after
 *       rise/fall ({@code from}/{@code to}: unknown, healthy, unhealthy).
 *   <li>{@code dnsfailover_failovers_total{record, type}}: applied changes that replaced or removed
 *       a record's answer (an update or delete). In the daemon these follow health changes; a
 *       repair of drift (someone edited the record) counts too. Creating a record that did not
 *       exist is not a failover.
 *   <li>{@code dnsfailover_record_changes_total{zone, record, type, action}}: every applied change
 *       to a managed record ({@code action}: create, update, delete); ownership markers excluded.
 *   <li>{@code dnsfailover_reconcile_duration_seconds{result="ok"|"failed"}}: reconcile histogram;
 *       "failed" when a zone's provider failed.
 *   <li>{@code dnsfailover_zone_failures_total{zone, stage, kind}}: zones whose read or apply
 *       failed during a reconcile.
 *   <li>{@code dnsfailover_last_reconcile_timestamp_seconds}, {@code
 *       dnsfailover_last_success_timestamp_seconds}: Unix time of the latest reconcile and of the
 *       latest one without a provider failure; 0 until there is one.
 *   <li>{@code dnsfailover_ready}: 1 once the first reconcile finished (what {@code /readyz} says).
 *   <li>{@code dnsfailover_errors_total}: refused reloads and unexpected reconcile failures.
 *   <li>{@code dnsfailover_reloads_total}: configs swapped in.
 *   <li>Provider calls, errors, throttles and latency: see {@link MeteredDnsProvider}.
 * </ul>
 *
 * <p>Per-endpoint series exist from the start (health -1, counters 0) and are removed when a reload
 * drops the endpoint. They are kept by {@link EndpointSeries}, not as Micrometer meters, to keep
 * the heap small at thousands of endpoints; the registry must be a Prometheus one for that. The
 * rest are Micrometer meters. Thread-safe, and fast enough for the probe threads.
 */
public final class DaemonMetrics implements DaemonListener {

  private final MeterRegistry registry;
  private final Clock clock;
  private final EndpointSeries endpoints;
  private final AtomicLong lastReconcileMillis = new AtomicLong();
  private final AtomicLong lastSuccessMillis = new AtomicLong();
  private final AtomicInteger ready = new AtomicInteger();
  private final Timer reconcileOk;
  private final Timer reconcileFailed;
  private final Counter errors;
  private final Counter reloads;

  public DaemonMetrics(PrometheusMeterRegistry registry, Config config, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    this.endpoints = new EndpointSeries(clock);
    registry.getPrometheusRegistry().register(endpoints);
    this.reconcileOk = reconcileTimer("ok");
    this.reconcileFailed = reconcileTimer("failed");
    Gauge.builder(MetricNames.LAST_RECONCILE, lastReconcileMillis, DaemonMetrics::seconds)
        .description("Unix time of the latest reconcile (0: none yet)")
        .baseUnit("seconds")
        .register(registry);
    Gauge.builder(MetricNames.LAST_SUCCESS, lastSuccessMillis, DaemonMetrics::seconds)
        .description("Unix time of the latest reconcile without a provider failure (0: none yet)")
        .baseUnit("seconds")
        .register(registry);
    Gauge.builder(MetricNames.READY, ready, AtomicInteger::get)
        .description("1 once the first reconcile has finished")
        .register(registry);
    this.errors =
        Counter.builder(MetricNames.ERRORS)
            .description("Refused reloads and unexpected reconcile failures")
            .register(registry);
    this.reloads =
        Counter.builder(MetricNames.RELOADS).description("Configs swapped in").register(registry);
    track(config);
  }

  private Timer reconcileTimer(String result) {
    return Timer.builder(MetricNames.RECONCILE_DURATION)
        .description("How long one reconcile (read, plan, apply every zone) took")
        .tag("result", result)
        .serviceLevelObjectives(MetricNames.PROVIDER_BUCKETS)
        .register(registry);
  }

  private static double seconds(AtomicLong epochMillis) {
    return epochMillis.get() / 1000.0;
  }

  @Override
  public void onProbe(String endpointKey, ProbeResult result) {
    endpoints.probe(endpointKey, result);
  }

  @Override
  public void onTransition(Transition transition) {
    endpoints.transition(transition.endpointKey(), transition.from(), transition.to());
  }

  @Override
  public void onServed(ServedReport report, Duration sinceApply) {
    String zone = report.zone().value();
    if (report.allServed()) {
      Timer.builder(MetricNames.SERVED_DURATION)
          .description("From an apply until every verify server of the zone answered it")
          .tag("zone", zone)
          .serviceLevelObjectives(MetricNames.SERVED_BUCKETS)
          .register(registry)
          .record(sinceApply);
    } else {
      Counter.builder(MetricNames.NOT_SERVED)
          .description("Changes some verify server of the zone did not answer in time")
          .tag("zone", zone)
          .register(registry)
          .increment();
    }
  }

  @Override
  public void onReconcile(ReconcileReport report, Duration took) {
    (report.failed() ? reconcileFailed : reconcileOk).record(took);
    long now = clock.millis();
    lastReconcileMillis.set(now);
    if (!report.failed()) {
      lastSuccessMillis.set(now);
    }
    ready.set(1);
    for (ZoneFailure failure : report.failures()) {
      Counter.builder(MetricNames.ZONE_FAILURES)
          .description("Zones whose provider read or apply failed during a reconcile")
          .tag("zone", failure.zone().name().value())
          .tag("stage", failure.stage())
          .tag("kind", lower(failure.error().kind()))
          .register(registry)
          .increment();
    }
    List<Change> applied = report.applied();
    for (ZonePlan zone : report.plan().zones()) {
      for (Change change : zone.changes()) {
        if (change.key().name().isMarker() || !applied.contains(change)) {
          continue;
        }
        String record = change.key().name().value();
        String type = change.key().type().name();
        Counter.builder(MetricNames.RECORD_CHANGES)
            .description("Changes applied to managed records (ownership markers excluded)")
            .tag("zone", zone.zone().name().value())
            .tag("record", record)
            .tag("type", type)
            .tag("action", action(change))
            .register(registry)
            .increment();
        if (!(change instanceof Change.Create)) {
          failovers(record, type).increment();
        }
      }
    }
  }

  @Override
  public void onReload(Config config) {
    reloads.increment();
    track(config);
  }

  @Override
  public void onError(String message) {
    errors.increment();
  }

  /**
   * Starts the series of every endpoint and record of {@code config}; drops those of endpoints it
   * no longer has.
   */
  private void track(Config config) {
    Set<String> keys = new HashSet<>();
    for (EndpointConfig endpoint : config.endpoints()) {
      keys.add(endpoint.key());
    }
    endpoints.track(keys);
    config.zones().stream()
        .flatMap(zone -> zone.records().stream())
        .forEach(record -> failovers(record.name().value(), record.type().name()));
  }

  private Counter failovers(String record, String type) {
    return Counter.builder(MetricNames.FAILOVERS)
        .description("Applied changes that replaced or removed a record's answer")
        .tag("record", record)
        .tag("type", type)
        .register(registry);
  }

  private static String action(Change change) {
    return switch (change) {
      case Change.Create create -> "create";
      case Change.Update update -> "update";
      case Change.Delete delete -> "delete";
    };
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}

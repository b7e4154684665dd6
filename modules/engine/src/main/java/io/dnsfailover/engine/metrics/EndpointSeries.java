package io.dnsfailover.engine.metrics;

import io.dnsfailover.health.HealthStatus;
import io.dnsfailover.health.ProbeResult;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The series each endpoint has, kept as one small object per endpoint and turned into Prometheus
 * snapshots only when {@code /metrics} is scraped:
 *
 * <ul>
 *   <li>{@code dnsfailover_endpoint_health{endpoint}}: 1 healthy, 0 unhealthy, -1 unknown;
 *   <li>{@code dnsfailover_probes_total{endpoint, result}};
 *   <li>{@code dnsfailover_probe_duration_seconds{endpoint}}: a histogram with the buckets of
 *       {@link MetricNames#PROBE_BUCKETS}, and {@code dnsfailover_probe_duration_seconds_max}: the
 *       slowest probe of the last one to two minutes;
 *   <li>{@code dnsfailover_health_transitions_total{endpoint, from, to}}: the pairs that happened.
 * </ul>
 *
 * <p>Why not Micrometer meters, like the daemon's other metrics: an endpoint needed up to seven,
 * each with its id, tags, registry entries and histogram, about 3 KB of heap per endpoint for as
 * long as the daemon runs: 29 of the 75 MB live at 10,000 endpoints (docs/PERFORMANCE.md,
 * "Memory"). One {@link Series} keeps the same counts in about 300 bytes. A scrape prints what
 * those meters printed: the same names, help texts, labels and buckets.
 *
 * <p>Thread-safe: each endpoint's counts are guarded by its {@link Series}, which only its own
 * probe thread and a scrape ever touch.
 */
final class EndpointSeries implements MultiCollector {

  private static final MetricMetadata HEALTH =
      new MetricMetadata(
          "dnsfailover_endpoint_health", "Endpoint health: 1 healthy, 0 unhealthy, -1 unknown");
  private static final MetricMetadata PROBES =
      new MetricMetadata("dnsfailover_probes", "Probes by result");
  private static final MetricMetadata LATENCY =
      new MetricMetadata("dnsfailover_probe_duration_seconds", "Probe latency");
  private static final MetricMetadata LATENCY_MAX =
      new MetricMetadata("dnsfailover_probe_duration_seconds_max", "Probe latency");
  private static final MetricMetadata TRANSITIONS =
      new MetricMetadata(
          "dnsfailover_health_transitions", "Endpoint health changes after rise/fall");

  /** The buckets' upper bounds in seconds, the last one +Inf. */
  private static final double[] BOUNDS = bounds(MetricNames.PROBE_BUCKETS);

  /** How long one window of the latency maximum lasts: it shows the current and the last one. */
  private static final long MAX_WINDOW_MILLIS = Duration.ofMinutes(1).toMillis();

  private static final HealthStatus[] STATES = HealthStatus.values();

  private final Clock clock;
  private final ConcurrentMap<String, Series> endpoints = new ConcurrentHashMap<>();

  EndpointSeries(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Starts the series of {@code keys} that have none (health unknown, counts 0); drops the rest.
   */
  void track(Set<String> keys) {
    for (String key : keys) {
      endpoints.computeIfAbsent(key, k -> new Series());
    }
    endpoints.keySet().retainAll(keys);
  }

  /** Counts a probe; one of an endpoint no longer tracked (a reload removed it) is dropped. */
  void probe(String key, ProbeResult result) {
    Series series = endpoints.get(key);
    if (series == null) {
      return;
    }
    long nanos = Math.max(0, result.latency().toNanos());
    int bucket = bucket(nanos / 1e9);
    long now = clock.millis();
    synchronized (series) {
      if (result.success()) {
        series.successes++;
      } else {
        series.failures++;
      }
      series.buckets[bucket]++;
      series.sumNanos += nanos;
      series.rollMaxWindow(now);
      series.maxNanos = Math.max(series.maxNanos, nanos);
    }
  }

  /** Records a health change: the gauge follows it, and the pair is counted. */
  void transition(String key, HealthStatus from, HealthStatus to) {
    Series series = endpoints.get(key);
    if (series == null) {
      return;
    }
    synchronized (series) {
      series.health = to;
      series.transitions[from.ordinal() * STATES.length + to.ordinal()]++;
    }
  }

  @Override
  public MetricSnapshots collect() {
    List<String> keys = new ArrayList<>(endpoints.keySet());
    keys.sort(null);
    List<GaugeDataPointSnapshot> health = new ArrayList<>(keys.size());
    List<CounterDataPointSnapshot> probes = new ArrayList<>(2 * keys.size());
    List<HistogramDataPointSnapshot> latency = new ArrayList<>(keys.size());
    List<GaugeDataPointSnapshot> latencyMax = new ArrayList<>(keys.size());
    List<CounterDataPointSnapshot> transitions = new ArrayList<>();
    long now = clock.millis();
    for (String key : keys) {
      Series series = endpoints.get(key);
      if (series == null) {
        continue; // dropped by a reload while this scrape ran
      }
      Labels endpoint = Labels.of("endpoint", key);
      synchronized (series) {
        series.rollMaxWindow(now);
        health.add(new GaugeDataPointSnapshot(healthValue(series.health), endpoint, null));
        probes.add(counter(series.successes, endpoint.add("result", "success")));
        probes.add(counter(series.failures, endpoint.add("result", "failure")));
        latency.add(
            new HistogramDataPointSnapshot(
                ClassicHistogramBuckets.of(BOUNDS, series.buckets.clone()),
                series.sumNanos / 1e9,
                endpoint,
                Exemplars.EMPTY,
                0));
        latencyMax.add(
            new GaugeDataPointSnapshot(
                Math.max(series.maxNanos, series.previousMaxNanos) / 1e9, endpoint, null));
        for (int i = 0; i < series.transitions.length; i++) {
          if (series.transitions[i] > 0) {
            transitions.add(
                counter(
                    series.transitions[i],
                    endpoint
                        .add("from", STATES[i / STATES.length].label())
                        .add("to", STATES[i % STATES.length].label())));
          }
        }
      }
    }
    List<MetricSnapshot> snapshots = new ArrayList<>();
    snapshots.add(new GaugeSnapshot(HEALTH, health));
    snapshots.add(new CounterSnapshot(PROBES, probes));
    snapshots.add(new HistogramSnapshot(LATENCY, latency));
    snapshots.add(new GaugeSnapshot(LATENCY_MAX, latencyMax));
    if (!transitions.isEmpty()) {
      snapshots.add(new CounterSnapshot(TRANSITIONS, transitions));
    }
    return new MetricSnapshots(snapshots);
  }

  static double healthValue(HealthStatus status) {
    return switch (status) {
      case HEALTHY -> 1;
      case UNHEALTHY -> 0;
      case UNKNOWN -> -1;
    };
  }

  private static CounterDataPointSnapshot counter(long value, Labels labels) {
    return new CounterDataPointSnapshot(value, labels, null, 0);
  }

  /** The index of the first bucket whose upper bound holds {@code seconds}. */
  private static int bucket(double seconds) {
    int i = 0;
    while (seconds > BOUNDS[i]) {
      i++; // the last bound is +Inf, so this stops
    }
    return i;
  }

  private static double[] bounds(Duration[] buckets) {
    double[] bounds = new double[buckets.length + 1];
    for (int i = 0; i < buckets.length; i++) {
      bounds[i] = buckets[i].toNanos() / 1e9;
    }
    bounds[buckets.length] = Double.POSITIVE_INFINITY;
    return bounds;
  }

  /** One endpoint's counts; every field is guarded by the object itself. */
  private static final class Series {
    HealthStatus health = HealthStatus.UNKNOWN;
    long successes;
    long failures;
    final long[] buckets = new long[BOUNDS.length]; // per bucket, not cumulative
    long sumNanos;
    long maxNanos; // the slowest probe of the current window
    long previousMaxNanos; // of the window before it
    long windowStartMillis = Long.MIN_VALUE;
    final long[] transitions = new long[STATES.length * STATES.length]; // [from][to]

    /** Moves the maximum's window on when it has run out, so an old slow probe ages away. */
    void rollMaxWindow(long nowMillis) {
      if (windowStartMillis == Long.MIN_VALUE) {
        windowStartMillis = nowMillis;
        return;
      }
      long elapsed = nowMillis - windowStartMillis;
      if (elapsed < MAX_WINDOW_MILLIS) {
        return;
      }
      previousMaxNanos = elapsed < 2 * MAX_WINDOW_MILLIS ? maxNanos : 0;
      maxNanos = 0;
      windowStartMillis = nowMillis;
    }
  }
}

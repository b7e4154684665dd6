package io.dnsfailover.engine.metrics;

import java.time.Duration;

/**
 * The meter names, in Micrometer's dotted form. The Prometheus registry turns {@code
 * dnsfailover.probes} into {@code dnsfailover_probes_total}, timers into {@code _seconds}
 * histograms ({@code _bucket}, {@code _count}, {@code _sum}, plus a {@code _max} gauge), and gauges
 * with a base unit into {@code _<unit>}. The full list with labels is in {@link DaemonMetrics}; the
 * per-endpoint series are not Micrometer meters and have their names in {@link EndpointSeries}.
 */
public final class MetricNames {

  private MetricNames() {}

  public static final String FAILOVERS = "dnsfailover.failovers";
  public static final String RECORD_CHANGES = "dnsfailover.record.changes";
  public static final String RECONCILE_DURATION = "dnsfailover.reconcile.duration";
  public static final String ZONE_FAILURES = "dnsfailover.zone.failures";
  public static final String LAST_RECONCILE = "dnsfailover.last.reconcile.timestamp";
  public static final String LAST_SUCCESS = "dnsfailover.last.success.timestamp";
  public static final String READY = "dnsfailover.ready";
  public static final String ERRORS = "dnsfailover.errors";
  public static final String RELOADS = "dnsfailover.reloads";
  public static final String PROVIDER_CALLS = "dnsfailover.provider.calls";
  public static final String PROVIDER_ERRORS = "dnsfailover.provider.errors";
  public static final String PROVIDER_THROTTLES = "dnsfailover.provider.throttles";
  public static final String PROVIDER_CALL_DURATION = "dnsfailover.provider.call.duration";
  public static final String PROVIDER_WRITES = "dnsfailover.provider.writes";
  public static final String SERVED_DURATION = "dnsfailover.served.duration";
  public static final String NOT_SERVED = "dnsfailover.not.served";

  /** Histogram buckets for probes: a health check answers in milliseconds to seconds. */
  static final Duration[] PROBE_BUCKETS = {
    Duration.ofMillis(1),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  /**
   * Histogram buckets for the time from an apply until every verify server answers it: a local
   * server reloads in milliseconds, secondaries follow a NOTIFY in seconds, clouds within a minute.
   */
  static final Duration[] SERVED_BUCKETS = {
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofSeconds(60),
    Duration.ofSeconds(120)
  };

  /** Histogram buckets for provider calls and reconciles: cloud APIs take tens of ms to seconds. */
  static final Duration[] PROVIDER_BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30)
  };
}

/**
 * Prometheus metrics through Micrometer: {@link io.dnsfailover.engine.metrics.DaemonMetrics} hears
 * the daemon (probes, health, failovers, reconciles), {@link
 * io.dnsfailover.engine.metrics.MeteredDnsProvider} wraps each provider (calls, errors by kind,
 * throttles, latency), {@link io.dnsfailover.engine.metrics.PrometheusMetrics} holds the registry
 * with the JVM's own metrics. Every name the daemon reports starts with {@code dnsfailover_}.
 */
package io.dnsfailover.engine.metrics;

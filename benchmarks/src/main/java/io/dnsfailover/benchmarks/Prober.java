package io.dnsfailover.benchmarks;

import java.io.IOException;
import java.time.Duration;

/**
 * A process the memory benchmark measures: something that probes N HTTP endpoints of the load
 * server at a fixed interval, the dnsfailover daemon or Prometheus' blackbox_exporter.
 */
interface Prober extends AutoCloseable {

  /** Probes so far and how many failed, plus what the process says about its own memory. */
  record Counts(long probes, long failures, String detail) {}

  /** The process whose memory is measured (the JVM the launcher exec'd, the exporter). */
  long pid();

  /** Counts so far; a scrape of the process's metrics, as Prometheus would make. */
  Counts counts() throws IOException, InterruptedException;

  /** One line for the report: the prober's version and the settings it runs with. */
  String describe() throws IOException, InterruptedException;

  @Override
  void close() throws IOException, InterruptedException;

  /** {@code 500ms}, {@code 1s}, {@code 5s}, {@code 1m}: the config's duration syntax. */
  static Duration duration(String text) {
    if (text.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
    }
    long amount = Long.parseLong(text.substring(0, text.length() - 1));
    return switch (text.charAt(text.length() - 1)) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      default -> throw new IllegalArgumentException("expected 500ms, 1s or 1m, got " + text);
    };
  }
}

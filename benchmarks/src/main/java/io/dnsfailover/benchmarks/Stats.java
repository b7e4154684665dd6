package io.dnsfailover.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/** Percentiles of a sample (nearest-rank). */
final class Stats {

  private final double[] sorted;

  Stats(double[] values) {
    this.sorted = values.clone();
    Arrays.sort(this.sorted);
  }

  int count() {
    return sorted.length;
  }

  /** Nearest-rank percentile, {@code p} in (0, 100]. */
  double percentile(double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  double median() {
    return percentile(50);
  }

  double min() {
    return sorted.length == 0 ? Double.NaN : sorted[0];
  }

  double max() {
    return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
  }

  double mean() {
    return Arrays.stream(sorted).average().orElse(Double.NaN);
  }

  static String ms(double millis) {
    return String.format(Locale.ROOT, "%.1f ms", millis);
  }
}

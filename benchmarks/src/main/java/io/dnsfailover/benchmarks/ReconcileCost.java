package io.dnsfailover.benchmarks;

final class ReconcileCost {
  private ReconcileCost() {}

  static void run(Options options, Results results) {}
}

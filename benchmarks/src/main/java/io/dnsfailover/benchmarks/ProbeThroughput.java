package io.dnsfailover.benchmarks;

final class ProbeThroughput {
  private ProbeThroughput() {}

  static void run(Options options, Results results) {}

  static void runServerAlone(Options options, Results results) {}
}

package io.dnsfailover.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the benchmarks jar: {@code java -jar dnsfailover-benchmarks.jar NAME [options]}.
 * Every benchmark prints its details to stdout and appends its result rows to {@code --results
 * FILE} (tab-separated), from which scripts/benchmark.sh prints the table. See docs/PERFORMANCE.md.
 */
public final class Benchmarks {

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage();
      System.exit(64);
    }
    Options options = Options.parse(Arrays.copyOfRange(args, 1, args.length));
    Results results = new Results(options.path("results", Path.of("benchmark-results.tsv")));
    switch (args[0]) {
      case "failover" -> FailoverLatency.run(options, results);
      case "probes" -> ProbeThroughput.run(options, results);
      case "loadserver" -> ProbeThroughput.runServerAlone(options, results);
      case "reconcile" -> ReconcileCost.run(options, results);
      case "status" -> StatusLoad.run(options, results);
      case "scale" -> ScaleCurve.run(options, results);
      case "storm" -> StartupStorm.run(options, results);
      case "memory" -> MemoryFootprint.run(options, results);
      default -> {
        usage();
        System.exit(64);
      }
    }
    System.exit(0); // stray non-daemon threads (WireMock, OkHttp) must not keep the JVM alive
  }

  private static void usage() {
    List<String> lines = new ArrayList<>();
    lines.add("usage: java -jar dnsfailover-benchmarks.jar NAME [--key value ...]");
    lines.add(
        "  failover    --jar cli/target/dnsfailover.jar --runs 20 --warmup 2 --mode refused|hang"
            + " --served none|zonefile|rfc2136");
    lines.add("  probes      --endpoints 10000 --seconds 60 --warmup 20 [--server-cpus 0]");
    lines.add(
        "  loadserver  --seconds 20 (the load server alone, driven by plain HTTP/1.1 clients)");
    lines.add("  reconcile   --zones 3 --records 100");
    lines.add(
        "  status      --jar cli/target/dnsfailover.jar --records 200 --heap 256m --rounds 3");
    lines.add(
        "  scale       --launcher dist/target/dnsfailover-VERSION/bin/dnsfailover (or --jar JAR)"
            + " --sizes 10,100,1000,10000 --runs 5 --commands validate,plan,once");
    lines.add(
        "  storm       --jar cli/target/dnsfailover.jar --endpoints 1000 --interval 5s --seconds 20");
    lines.add(
        "  memory      --prober dnsfailover|blackbox --endpoints 1000 --interval 1s --warmup 60"
            + " --seconds 300 --sample 10 --scrape 30 --target-mib 0 [--java-opts OPTIONS]"
            + " [--release dist/target/dnsfailover-VERSION] [--blackbox PATH]");
    lines.add(
        "  every one: --results FILE (tab-separated rows appended; default benchmark-results.tsv)");
    lines.forEach(System.err::println);
  }
}

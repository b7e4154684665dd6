package io.dnsfailover.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Memory of a long-running prober, as the kernel counts it: the dnsfailover daemon started through
 * the release's launcher ({@code --prober dnsfailover}, the default), or Prometheus'
 * blackbox_exporter driven at the same rate ({@code --prober blackbox}), probing N HTTP endpoints
 * of the {@link LoadServer} (one loopback address each) once per interval. After a warm-up it
 * samples the process's resident set ({@code VmRSS}) and its peak since start ({@code VmHWM}) every
 * {@code --sample} seconds for {@code --seconds}, and scrapes its metrics every {@code --scrape}
 * seconds as Prometheus would (the scrape is part of the load, and gives the probe counts).
 *
 * <p>Trend: the mean RSS of the window's second minute against that of its last minute; flat when
 * they are within {@link #FLAT_PERCENT} %. The first minute is left out: a JVM's heap is still
 * settling there.
 */
final class MemoryFootprint {

  static final double FLAT_PERCENT = 5;

  private MemoryFootprint() {}

  record Sample(int second, ProcessMemory.Sample memory) {
    double rssMib() {
      return memory.rssKib() / 1024.0;
    }
  }

  static void run(Options options, Results results) throws Exception {
    String kind = options.string("prober", "dnsfailover");
    int n = options.integer("endpoints", 1_000);
    String interval = options.string("interval", "1s");
    int warmup = options.integer("warmup", 60);
    int seconds = options.integer("seconds", 300);
    int every = options.integer("sample", 10);
    int scrape = options.integer("scrape", 30);
    int targetMib = options.integer("target-mib", 0);
    Optional<String> javaOptions =
        Optional.ofNullable(options.string("java-opts", null)).filter(s -> !s.isBlank());
    Optional<String> serverCpus = Optional.ofNullable(options.string("server-cpus", null));
    String name =
        "memory: "
            + (kind.equals("blackbox") ? "blackbox_exporter" : "dnsfailover daemon")
            + " ("
            + n
            + " endpoints at "
            + interval
            + javaOptions.map(o -> ", " + o).orElse("")
            + ")";
    Path work = Files.createTempDirectory("dnsfailover-bench-memory-");
    System.out.printf(
        "%s: %d s warm-up, then RSS every %d s for %d s, metrics scraped every %d s; working in"
            + " %s%n",
        name, warmup, every, seconds, scrape, work);
    try (LoadServerProcess server = LoadServerProcess.start(n, serverCpus);
        Prober prober = start(kind, options, work, n, interval, server.port(), javaOptions)) {
      System.out.println("  " + prober.describe());
      long pid = prober.pid();
      Thread.sleep(warmup * 1000L);
      Prober.Counts first = prober.counts();
      LoadServerProcess.Snapshot server0 = server.snapshot();
      ProcessMemory.Sample memory0 = ProcessMemory.sample(pid);
      long start = System.nanoTime();
      List<Sample> samples = new ArrayList<>();
      Prober.Counts last = first;
      for (int second = every; second <= seconds; second += every) {
        sleepUntil(start + second * 1_000_000_000L);
        ProcessMemory.Sample memory = ProcessMemory.sample(pid);
        samples.add(new Sample(second, memory));
        String detail = "";
        if (scrape > 0 && second % scrape == 0) {
          last = prober.counts();
          detail = "; " + last.detail();
        }
        System.out.printf(
            Locale.ROOT,
            "  %4d s: RSS %6.1f MiB, peak %6.1f MiB, load %s%s%n",
            second,
            memory.rssKib() / 1024.0,
            memory.peakKib() / 1024.0,
            Machine.loadAverage(),
            detail);
      }
      if (scrape <= 0 || seconds % scrape != 0) {
        last = prober.counts();
      }
      double wall = (System.nanoTime() - start) / 1e9;
      LoadServerProcess.Snapshot server1 = server.snapshot();
      ProcessMemory.Sample memoryEnd = samples.getLast().memory();
      report(name, samples, targetMib, results);
      long probes = last.probes() - first.probes();
      long failures = last.failures() - first.failures();
      results.info(
          name,
          "probes/s achieved (due: " + n + " per " + interval + ")",
          String.format(Locale.ROOT, "%.0f", probes / wall));
      results.info(
          name,
          "failed probes (timeouts on a saturated machine)",
          String.format(
              Locale.ROOT,
              "%d of %d (%.1f%%)",
              failures,
              probes,
              probes == 0 ? 0.0 : 100.0 * failures / probes));
      results.info(
          name,
          "CPU of the prober / of the load server",
          String.format(
              Locale.ROOT,
              "%.2f / %.2f cores",
              (memoryEnd.cpuNanos() - memory0.cpuNanos()) / 1e9 / wall,
              (server1.cpuNanos() - server0.cpuNanos()) / 1e9 / wall));
      results.info(name, "its own view of its memory, last scrape", last.detail());
    }
  }

  private static void report(String name, List<Sample> samples, int targetMib, Results results) {
    double max = samples.stream().mapToDouble(Sample::rssMib).max().orElseThrow();
    double lastRss = samples.getLast().rssMib();
    double peak = samples.getLast().memory().peakKib() / 1024.0;
    String rss = String.format(Locale.ROOT, "max %.1f MiB, last %.1f MiB", max, lastRss);
    String peakText = String.format(Locale.ROOT, "%.1f MiB", peak);
    if (targetMib > 0) {
      results.add(name, "RSS in the window", rss, "<= " + targetMib + " MiB", max <= targetMib);
      results.add(
          name,
          "peak RSS since start (VmHWM)",
          peakText,
          "<= " + targetMib + " MiB",
          peak <= targetMib);
    } else {
      results.info(name, "RSS in the window", rss);
      results.info(name, "peak RSS since start (VmHWM)", peakText);
    }
    int end = samples.getLast().second();
    if (end < 180) {
      results.info(name, "RSS trend", "window too short (needs 180 s or more)");
      return;
    }
    double second = mean(samples, 60, 120);
    double lastMinute = mean(samples, end - 60, end);
    double change = 100 * (lastMinute - second) / second;
    results.add(
        name,
        "RSS trend: mean of minute 2 -> of the last minute",
        String.format(Locale.ROOT, "%.1f -> %.1f MiB (%+.1f%%)", second, lastMinute, change),
        "flat: within " + (int) FLAT_PERCENT + "%",
        Math.abs(change) <= FLAT_PERCENT);
  }

  /** Mean RSS of the samples taken in (from, to] seconds. */
  private static double mean(List<Sample> samples, int from, int to) {
    return samples.stream()
        .filter(s -> s.second() > from && s.second() <= to)
        .mapToDouble(Sample::rssMib)
        .average()
        .orElseThrow();
  }

  private static Prober start(
      String kind,
      Options options,
      Path work,
      int n,
      String interval,
      int port,
      Optional<String> javaOptions)
      throws IOException, InterruptedException {
    return switch (kind) {
      case "dnsfailover" ->
          DaemonProber.start(release(options), work, n, interval, port, javaOptions);
      case "blackbox" ->
          BlackboxProber.start(
              options.string("blackbox", "prometheus-blackbox-exporter"), work, n, interval, port);
      default -> throw new IllegalArgumentException("--prober dnsfailover|blackbox, got " + kind);
    };
  }

  /** {@code --release DIR}, or the newest unpacked release under dist/target. */
  private static Path release(Options options) throws IOException {
    Path given = options.path("release", null);
    if (given != null) {
      return given;
    }
    Path target = Path.of("dist/target");
    if (Files.isDirectory(target)) {
      try (Stream<Path> entries = Files.list(target)) {
        Optional<Path> newest =
            entries
                .filter(p -> p.getFileName().toString().startsWith("dnsfailover-"))
                .filter(p -> Files.isExecutable(p.resolve("bin/dnsfailover")))
                .max(Comparator.comparing(p -> p.toFile().lastModified()));
        if (newest.isPresent()) {
          return newest.get();
        }
      }
    }
    throw new IllegalStateException(
        "no release under dist/target: build it (./mvnw -B -DskipTests -Prelease package -pl"
            + " dist -am) or pass --release DIR");
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }
}

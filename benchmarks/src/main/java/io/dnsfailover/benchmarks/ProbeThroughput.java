package io.dnsfailover.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import io.dnsfailover.core.config.CheckSpec;
import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.core.config.Probe;
import io.dnsfailover.health.Checker;
import io.dnsfailover.health.CheckerFactory;
import io.dnsfailover.health.HealthListener;
import io.dnsfailover.health.ProbeResult;
import io.dnsfailover.health.ProbeScheduler;
import io.dnsfailover.health.check.DefaultCheckerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Probe throughput: {@link ProbeScheduler} with the real {@link DefaultCheckerFactory} probing N
 * HTTP endpoints (default 10,000) at a 1 s interval, each on its own loopback address served by
 * {@link LoadServer} in another process. After a warm-up, for a measured window it counts the
 * probes that started, their failures and latency, the schedule lag of every probe, this process's
 * CPU time and its heap.
 *
 * <p>Schedule lag: the scheduler starts an endpoint's probes at fixed-rate slots {@code phase + k *
 * interval}, with a random phase it keeps to itself. Each probe's start (the first thing its
 * virtual thread does) is recorded; per endpoint, the least-late probe of the window is taken as
 * the phase, so the lag of every other probe is how much later than that one it started relative to
 * its slot. The lags are kept off-heap so they do not weigh on the heap being measured.
 */
final class ProbeThroughput {

  private static final String NAME = "probe throughput";
  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final Duration TIMEOUT = Duration.ofMillis(500);
  private static final long HEAP_TARGET = 256L * 1024 * 1024;
  private static final double PER_CORE_TARGET = 5_000;

  private ProbeThroughput() {}

  static void run(Options options, Results results) throws Exception {
    int n = options.integer("endpoints", 10_000);
    int seconds = options.integer("seconds", 60);
    int warmup = options.integer("warmup", 20);
    int cores = Runtime.getRuntime().availableProcessors();
    long maxHeap = Runtime.getRuntime().maxMemory();
    System.out.printf(
        "probe throughput: %d HTTP endpoints, interval %s, timeout %s, %d s warm-up, %d s"
            + " measured; %d cores, max heap %d MiB%n",
        n, INTERVAL, TIMEOUT, warmup, seconds, cores, maxHeap >> 20);
    Optional<String> serverCpus = Optional.ofNullable(options.string("server-cpus", null));
    try (LoadServerProcess server = LoadServerProcess.start(n, serverCpus)) {
      List<EndpointConfig> endpoints = endpoints(n, server.port());
      Recorder recorder = new Recorder(n, seconds + 5);
      CheckerFactory real = new DefaultCheckerFactory();
      CheckerFactory timed = endpoint -> recorder.wrap(endpoint, real.create(endpoint));
      OperatingSystemMXBean os =
          (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      LongAdder listened = new LongAdder();
      HealthListener listener =
          new HealthListener() {
            @Override
            public void onProbe(String endpointKey, ProbeResult result) {
              listened.increment();
            }
          };
      ProbeScheduler scheduler =
          ProbeScheduler.start(endpoints, timed, Map.of(), listener, Clock.systemUTC());
      Window window;
      long liveHeap;
      long maxAfterGc = 0;
      long totalConnections;
      long totalRequests;
      try {
        Thread.sleep(warmup * 1000L);
        long gcCount0 = gcCount();
        long gcMillis0 = gcMillis();
        LoadServerProcess.Snapshot server0 = server.snapshot();
        long cpu0 = os.getProcessCpuTime();
        long start = System.nanoTime();
        recorder.open(start, start + seconds * 1_000_000_000L);
        for (int s = 0; s < seconds; s++) {
          Thread.sleep(1000);
          maxAfterGc = Math.max(maxAfterGc, heapAfterLastGc());
        }
        long end = System.nanoTime();
        long cpu1 = os.getProcessCpuTime();
        LoadServerProcess.Snapshot server1 = server.snapshot();
        long gcCount1 = gcCount();
        long gcMillis1 = gcMillis();
        System.gc(); // the live set while all probing is going on
        liveHeap = heapUsed();
        window =
            new Window(
                (end - start) / 1e9,
                (cpu1 - cpu0) / 1e9,
                server1.connections() - server0.connections(),
                server1.requests() - server0.requests(),
                (server1.cpuNanos() - server0.cpuNanos()) / 1e9,
                gcCount1 - gcCount0,
                gcMillis1 - gcMillis0);
      } finally {
        scheduler.close();
      }
      Thread.sleep(TIMEOUT.toMillis() + 200); // probes of the window still running end by now
      LoadServerProcess.Snapshot total = server.snapshot(); // whole run: warm-up and window
      totalConnections = total.connections();
      totalRequests = total.requests();
      String name =
          NAME + " (" + n + " endpoints, 1 s, " + cores + (cores == 1 ? " core)" : " cores)");
      report(name, window, recorder, liveHeap, maxAfterGc, maxHeap, cores, results);
      results.add(
          name,
          "server requests / connections, whole run",
          totalRequests + " / " + totalConnections,
          "requests <= connections (no reuse)",
          totalRequests <= totalConnections);
    }
  }

  record Window(
      double wallSeconds,
      double cpuSeconds,
      long serverConnections,
      long serverRequests,
      double serverCpuSeconds,
      long gcCount,
      long gcMillis) {}

  private static void report(
      String name,
      Window w,
      Recorder recorder,
      long liveHeap,
      long maxAfterGc,
      long maxHeap,
      int cores,
      Results results) {
    long probes = recorder.started.get(0);
    long failures = recorder.failed.get(0);
    double perSecond = probes / w.wallSeconds();
    double coresUsed = w.cpuSeconds() / w.wallSeconds();
    double perCore = probes / w.cpuSeconds();
    Stats lag = recorder.lags();
    Stats latency = new Stats(recorder.latencies());
    int n = recorder.endpoints();
    results.add(
        name,
        "probes/s achieved",
        String.format(Locale.ROOT, "%.0f (expected %d)", perSecond, n),
        ">= " + (int) (n * 0.99),
        perSecond >= n * 0.99);
    results.add(name, "failed probes", failures + " of " + probes, "0", failures == 0);
    // Probes per CPU second only means something when the probes did their work: a timed-out
    // probe costs little CPU, so a starved run would look cheap.
    boolean healthyRun = failures <= probes / 100;
    results.add(
        name,
        "probes/s per core (probes / CPU s)",
        String.format(Locale.ROOT, "%.0f", perCore),
        ">= " + (int) PER_CORE_TARGET + ", with < 1% failed",
        perCore >= PER_CORE_TARGET && healthyRun);
    results.info(
        name,
        "CPU of the prober",
        String.format(
            Locale.ROOT, "%.2f cores = %.0f%% of %d", coresUsed, 100 * coresUsed / cores, cores));
    results.info(name, "schedule lag p99", Stats.ms(lag.percentile(99)));
    results.info(
        name,
        "schedule lag p50 / p99.9 / max",
        Stats.ms(lag.median())
            + " / "
            + Stats.ms(lag.percentile(99.9))
            + " / "
            + Stats.ms(lag.max()));
    results.info(
        name,
        "probe latency p50 / p99",
        Stats.ms(latency.median()) + " / " + Stats.ms(latency.percentile(99)));
    results.add(
        name, "heap max (-Xmx)", (maxHeap >> 20) + " MiB", "<= 256 MiB", maxHeap <= HEAP_TARGET);
    results.info(
        name,
        "heap used after GC: live set / max seen",
        (liveHeap >> 20) + " MiB / " + (maxAfterGc >> 20) + " MiB");
    results.info(
        name,
        "threads: live / peak (platform)",
        ManagementFactory.getThreadMXBean().getThreadCount()
            + " / "
            + ManagementFactory.getThreadMXBean().getPeakThreadCount());
    results.info(
        name, "GC in the window", w.gcCount() + " collections, " + w.gcMillis() + " ms in total");
    results.info(
        name,
        "server requests / connections in the window",
        w.serverRequests() + " / " + w.serverConnections());
    recorder
        .failureReasons()
        .forEach((reason, count) -> System.out.println("  failure: " + count + " x " + reason));
    results.info(
        name,
        "load server CPU",
        String.format(Locale.ROOT, "%.2f cores", w.serverCpuSeconds() / w.wallSeconds()));
  }

  static List<EndpointConfig> endpoints(int n, int port) {
    List<EndpointConfig> endpoints = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String address = LoadServer.address(i);
      Probe.Http http =
          new Probe.Http(
              "http",
              URI.create("http://" + address + ":" + port + "/healthz"),
              "GET",
              Optional.empty(),
              Map.of(),
              List.of(new Probe.StatusRange(200, 200)),
              Optional.empty(),
              false,
              true);
      CheckSpec check =
          new CheckSpec(INTERVAL, TIMEOUT, 2, 3, Optional.empty(), Optional.empty(), http);
      String record = "e" + i + ".bench.test.";
      endpoints.add(new EndpointConfig(record + "/A/a", "a", address, 1, 1, check));
    }
    return endpoints;
  }

  /**
   * Probe starts, failures and latencies of the probes that start inside the window. One endpoint's
   * probes never overlap (the scheduler skips a tick while one runs), so each endpoint's slots are
   * written by one thread at a time.
   */
  static final class Recorder {
    private final int perEndpoint;
    private final long intervalNanos = INTERVAL.toNanos();
    private final FloatBuffer offsets; // per endpoint: start - first start - k * interval, ms
    private final FloatBuffer latencyMs;
    private final int[] counts;
    private final long[] firsts;
    private final long[] ks;
    final AtomicLongArray started = new AtomicLongArray(1);
    final AtomicLongArray failed = new AtomicLongArray(1);
    private final Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
    private volatile long from = Long.MAX_VALUE;
    private volatile long to = Long.MIN_VALUE;

    Recorder(int endpoints, int maxPerEndpoint) {
      this.perEndpoint = maxPerEndpoint;
      this.offsets = direct(endpoints * maxPerEndpoint);
      this.latencyMs = direct(endpoints * maxPerEndpoint);
      this.counts = new int[endpoints];
      this.firsts = new long[endpoints];
      this.ks = new long[endpoints];
    }

    private static FloatBuffer direct(int floats) {
      return ByteBuffer.allocateDirect(floats * 4).asFloatBuffer();
    }

    void open(long fromNanos, long toNanos) {
      this.to = toNanos;
      this.from = fromNanos;
    }

    Checker wrap(EndpointConfig endpoint, Checker checker) {
      int index = Integer.parseInt(endpoint.key().substring(1, endpoint.key().indexOf('.')));
      return () -> {
        long start = System.nanoTime();
        ProbeResult result = checker.probe();
        if (start >= from && start < to) {
          record(index, start, result);
        }
        return result;
      };
    }

    private void record(int index, long start, ProbeResult result) {
      int count = counts[index];
      if (count >= perEndpoint) {
        return;
      }
      long k;
      if (count == 0) {
        firsts[index] = start;
        k = 0;
      } else {
        k = Math.round((double) (start - firsts[index]) / intervalNanos);
      }
      ks[index] = k;
      float offset = (float) ((start - firsts[index] - k * intervalNanos) / 1e6);
      offsets.put(index * perEndpoint + count, offset);
      latencyMs.put(index * perEndpoint + count, (float) (result.latency().toNanos() / 1e6));
      counts[index] = count + 1;
      started.incrementAndGet(0);
      if (!result.success()) {
        failed.incrementAndGet(0);
        reasons.computeIfAbsent(result.detail(), d -> new LongAdder()).increment();
      }
    }

    /** Every probe's lag behind its slot, the least-late probe of its endpoint counting as 0. */
    Stats lags() {
      List<Double> all = new ArrayList<>();
      for (int e = 0; e < counts.length; e++) {
        float min = Float.MAX_VALUE;
        for (int i = 0; i < counts[e]; i++) {
          min = Math.min(min, offsets.get(e * perEndpoint + i));
        }
        for (int i = 0; i < counts[e]; i++) {
          all.add((double) (offsets.get(e * perEndpoint + i) - min));
        }
      }
      return new Stats(all.stream().mapToDouble(d -> d).toArray());
    }

    int endpoints() {
      return counts.length;
    }

    /** Failure details and how often each occurred, most frequent first. */
    Map<String, Long> failureReasons() {
      Map<String, Long> sorted = new LinkedHashMap<>();
      reasons.entrySet().stream()
          .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
          .limit(10)
          .forEach(e -> sorted.put(e.getKey(), e.getValue().sum()));
      return sorted;
    }

    double[] latencies() {
      List<Double> all = new ArrayList<>();
      for (int e = 0; e < counts.length; e++) {
        for (int i = 0; i < counts[e]; i++) {
          all.add((double) latencyMs.get(e * perEndpoint + i));
        }
      }
      return all.stream().mapToDouble(d -> d).toArray();
    }
  }

  private static long gcCount() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionCount)
        .sum();
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime)
        .sum();
  }

  private static long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** The heap pools' usage right after their last collection, summed. */
  private static long heapAfterLastGc() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
        sum += pool.getCollectionUsage().getUsed();
      }
    }
    return sum;
  }

  /**
   * The load server alone: plain blocking HTTP/1.1 clients on virtual threads, a fresh connection
   * per request, as fast as they can for {@code --seconds}. Shows that the server is not what
   * limits the probe-throughput benchmark.
   */
  static void runServerAlone(Options options, Results results) throws Exception {
    int n = options.integer("endpoints", 10_000);
    int seconds = options.integer("seconds", 20);
    int clients = options.integer("clients", 32);
    byte[] request =
        "GET /healthz HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    try (LoadServerProcess server = LoadServerProcess.start(n, Optional.empty())) {
      int port = server.port();
      LongAdder done = new LongAdder();
      LongAdder errors = new LongAdder();
      LoadServerProcess.Snapshot s0 = server.snapshot();
      long start = System.nanoTime();
      long end = start + seconds * 1_000_000_000L;
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int c = 0; c < clients; c++) {
          int first = c;
          pool.execute(
              () -> {
                byte[] buffer = new byte[512];
                for (int i = first; System.nanoTime() < end; i += clients) {
                  try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(LoadServer.address(i % n), port), 1000);
                    socket.setSoTimeout(1000);
                    OutputStream out = socket.getOutputStream();
                    out.write(request);
                    out.flush();
                    InputStream in = socket.getInputStream();
                    int total = 0;
                    int read;
                    while (total < LoadServer.RESPONSE_LENGTH && (read = in.read(buffer)) > 0) {
                      total += read;
                    }
                    done.increment();
                  } catch (IOException e) {
                    errors.increment();
                  }
                }
              });
        }
      }
      double wall = (System.nanoTime() - start) / 1e9;
      LoadServerProcess.Snapshot s1 = server.snapshot();
      double serverCores = (s1.cpuNanos() - s0.cpuNanos()) / 1e9 / wall;
      double perSecond = done.sum() / wall;
      String name = "load server alone (" + clients + " clients)";
      results.info(name, "requests/s", String.format(Locale.ROOT, "%.0f", perSecond));
      results.info(name, "errors", Long.toString(errors.sum()));
      results.info(name, "server CPU", String.format(Locale.ROOT, "%.2f cores", serverCores));
      results.info(
          name,
          "server requests per CPU s",
          String.format(
              Locale.ROOT, "%.0f", (s1.requests() - s0.requests()) / (wall * serverCores)));
    }
  }
}

package io.dnsfailover.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus' blackbox_exporter, probing what the daemon probes. It probes only when asked: {@code
 * GET /probe?target=URL&module=http_2xx} runs one probe and answers its result as metrics. So a
 * driver thread here plays Prometheus: each of the N targets is requested once per interval, the
 * targets spread evenly over the interval, never two requests for one target at once (a target
 * whose last probe is still running skips its turn, as the daemon's scheduler skips a tick). The
 * module probes with a 500 ms timeout, like the daemon's config.
 */
final class BlackboxProber implements Prober {

  private static final Pattern GO_MEMORY =
      Pattern.compile(
          "^(go_memstats_heap_inuse_bytes|go_memstats_sys_bytes|go_goroutines) (\\S+)$");

  private final Process process;
  private final Path work;
  private final HttpClient http;
  private final URI base;
  private final String[] targets;
  private final Duration interval;
  private final AtomicIntegerArray inFlight;
  private final LongAdder probes = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder skipped = new LongAdder();
  private final Thread driver;
  private volatile boolean stopped;

  private BlackboxProber(
      Process process, Path work, URI base, int endpoints, Duration interval, int loadServerPort) {
    this.process = process;
    this.work = work;
    this.base = base;
    this.interval = interval;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    this.targets = new String[endpoints];
    for (int i = 0; i < endpoints; i++) {
      String target = "http://" + LoadServer.address(i) + ":" + loadServerPort + "/healthz";
      targets[i] =
          "/probe?module=http_2xx&target=" + URLEncoder.encode(target, StandardCharsets.UTF_8);
    }
    this.inFlight = new AtomicIntegerArray(endpoints);
    this.driver = Thread.ofPlatform().daemon().name("blackbox-driver").unstarted(this::drive);
  }

  /** Starts the exporter (the binary on the PATH, or the path given) and its driver. */
  static BlackboxProber start(
      String binary, Path work, int endpoints, String interval, int loadServerPort)
      throws IOException, InterruptedException {
    Path config = work.resolve("blackbox.yml");
    Files.writeString(
        config,
        """
        modules:
          http_2xx:
            prober: http
            timeout: 500ms
            http:
              preferred_ip_protocol: ip4
              valid_status_codes: [200]
        """);
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Process process;
    try {
      process =
          new ProcessBuilder(
                  binary,
                  "--config.file=" + config,
                  "--web.listen-address=127.0.0.1:" + port,
                  "--log.level=warn")
              .directory(work.toFile())
              .redirectOutput(work.resolve("blackbox.out").toFile())
              .redirectError(work.resolve("blackbox.log").toFile())
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          binary
              + " could not be started ("
              + e.getMessage()
              + "): install it with apt-get install prometheus-blackbox-exporter, or pass"
              + " --blackbox PATH",
          e);
    }
    BlackboxProber prober =
        new BlackboxProber(
            process,
            work,
            URI.create("http://127.0.0.1:" + port),
            endpoints,
            Prober.duration(interval),
            loadServerPort);
    prober.awaitHealthy();
    prober.driver.start();
    return prober;
  }

  @Override
  public long pid() {
    return process.pid();
  }

  /**
   * The probe counts are the driver's own; the exporter's metrics add its Go memory, on a client of
   * their own (the driver's may have thousands of requests queued). An exporter too busy to answer
   * within 30 s says so in the detail instead of stopping the benchmark.
   */
  @Override
  public Counts counts() throws IOException, InterruptedException {
    StringBuilder detail = new StringBuilder();
    String body;
    try (HttpClient scraper = HttpClient.newHttpClient()) {
      body =
          scraper
              .send(
                  HttpRequest.newBuilder(base.resolve("/metrics"))
                      .timeout(Duration.ofSeconds(30))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
    } catch (HttpTimeoutException e) {
      body = "";
      detail.append("its /metrics did not answer within 30 s");
    }
    for (String line : body.lines().toList()) {
      Matcher matcher = GO_MEMORY.matcher(line);
      if (matcher.matches()) {
        double value = Double.parseDouble(matcher.group(2));
        detail.append(detail.isEmpty() ? "" : ", ");
        detail.append(
            matcher.group(1).equals("go_goroutines")
                ? String.format(Locale.ROOT, "goroutines %.0f", value)
                : String.format(
                    Locale.ROOT,
                    "%s %.0f MiB",
                    matcher.group(1).replace("go_memstats_", "").replace("_bytes", ""),
                    value / (1 << 20)));
      }
    }
    detail.append(", driver skipped ").append(skipped.sum()).append(" (target still in flight)");
    return new Counts(probes.sum(), failures.sum(), detail.toString());
  }

  @Override
  public String describe() throws IOException, InterruptedException {
    Process version =
        new ProcessBuilder(ProcessMemory.commandLine(pid()).get(0), "--version")
            .redirectErrorStream(true)
            .start();
    String first =
        new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
            .lines()
            .findFirst()
            .orElse("?");
    version.waitFor();
    return first + "; GOGC and GOMEMLIMIT as the environment has them (unset: Go's defaults)";
  }

  @Override
  public void close() throws IOException, InterruptedException {
    stopped = true;
    driver.join(5_000);
    http.close();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  /** Requests target i at {@code start + i * interval / N + k * interval}. */
  private void drive() {
    long intervalNanos = interval.toNanos();
    long start = System.nanoTime();
    long issued = 0;
    while (!stopped) {
      long due = (System.nanoTime() - start) * targets.length / intervalNanos;
      for (; issued < due; issued++) {
        request((int) (issued % targets.length));
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void request(int target) {
    if (!inFlight.compareAndSet(target, 0, 1)) {
      skipped.increment();
      return;
    }
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(targets[target])).timeout(interval).build();
    http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .whenComplete(
            (response, error) -> {
              probes.increment();
              boolean success =
                  error == null
                      && response.statusCode() == 200
                      && response.body().contains("\nprobe_success 1\n");
              if (!success) {
                failures.increment();
              }
              inFlight.set(target, 0);
            });
  }

  private void awaitHealthy() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "blackbox_exporter exited with "
                + process.exitValue()
                + "; see "
                + work.resolve("blackbox.log"));
      }
      try {
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(base.resolve("/-/healthy"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("blackbox_exporter was not healthy within 30 s; see " + work);
  }
}

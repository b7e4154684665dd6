package io.dnsfailover.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The daemon's status server under hostile and heavy clients: the real jar with {@code -Xmx256m}
 * (by default) and {@code --records} records of one endpoint each, probed every 500 ms, run with a
 * full probe history. Then, {@code --rounds} times:
 *
 * <ol>
 *   <li>50 half-open connections ({@code GET /healthz HTTP/1.1\r\n} and nothing more) and 200
 *       concurrent {@code /status} requests; while they are in flight, {@code /healthz} on a new
 *       connection every 50 ms, timed from connect to the last byte;
 *   <li>200 concurrent {@code /metrics} scrapes, timed until the last one is answered.
 * </ol>
 *
 * Afterwards the daemon must still be alive, with no {@code OutOfMemoryError} in its log; the
 * largest heap it reported in {@code jvm_memory_used_bytes} is printed.
 */
final class StatusLoad {

  private static final int HALF_OPEN = 50;
  private static final int CONCURRENT = 200;
  private static final double HEALTHZ_TIMEOUT_MS = 10_000;
  private static final Pattern HEAP =
      Pattern.compile(
          "^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} ([0-9.E+]+)$", Pattern.MULTILINE);

  private StatusLoad() {}

  static void run(Options options, Results results) throws Exception {
    Path jar = options.path("jar", Path.of("cli/target/dnsfailover.jar"));
    int records = options.integer("records", 200);
    int rounds = options.integer("rounds", 5);
    int warmup = options.integer("warmup", 1);
    String heap = options.string("heap", "256m");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build it with ./mvnw -DskipTests package");
    }
    Path work = Files.createTempDirectory("dnsfailover-bench-status-");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    System.out.printf(
        "status server load: %d records, -Xmx%s, %d half-open connections and %d concurrent"
            + " requests, %d rounds after %d warm-up rounds; working in %s%n",
        records, heap, HALF_OPEN, CONCURRENT, rounds, warmup, work);
    try (Backend backend = Backend.start("127.0.0.1", 0)) {
      Files.writeString(work.resolve("config.yaml"), config(records, backend.port()));
      Process daemon =
          new ProcessBuilder(
                  ProcessHandle.current().info().command().orElse("java"),
                  "-Xmx" + heap,
                  "-jar",
                  jar.toString(),
                  "daemon",
                  "-c",
                  "config.yaml",
                  "--listen",
                  "127.0.0.1:" + port)
              .directory(work.toFile())
              .redirectOutput(work.resolve("daemon.out").toFile())
              .redirectError(work.resolve("daemon.log").toFile())
              .start();
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(30))
              .build();
      URI base = URI.create("http://127.0.0.1:" + port);
      try {
        awaitReady(http, base, daemon, work);
        Thread.sleep(25_000); // every endpoint's probe history fills (40 probes at 500 ms)
        byte[] status = get(http, base.resolve("/status")).body().getBytes(StandardCharsets.UTF_8);
        System.out.printf("  /status: %d bytes%n", status.length);
        results.info(
            "status server",
            "/status size, " + records + " records",
            status.length / 1024 + " KiB");
        List<Double> idle = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          idle.add(healthz(port));
          Thread.sleep(50);
        }
        Stats quiet = new Stats(idle.stream().mapToDouble(d -> d).toArray());
        System.out.printf(
            "  /healthz without load: median %s, max %s%n",
            Stats.ms(quiet.median()), Stats.ms(quiet.max()));
        List<Double> healthz = new ArrayList<>();
        List<Double> statusAll = new ArrayList<>();
        List<Double> metricsAll = new ArrayList<>();
        int failures = 0;
        for (int round = 1; round <= warmup + rounds; round++) {
          Round result = round(http, base, port);
          boolean counted = round > warmup;
          if (counted) {
            healthz.addAll(result.healthz());
            statusAll.add(result.statusAllMs());
            metricsAll.add(result.metricsAllMs());
          }
          failures += result.failures();
          Stats h = new Stats(result.healthz().stream().mapToDouble(d -> d).toArray());
          System.out.printf(
              Locale.ROOT,
              "  round %d%s: /healthz x%d during the load: median %s, max %s; 200 /status all"
                  + " answered in %s; 200 /metrics all answered in %s; %d failed%n",
              round,
              counted ? "" : " (warm-up, not counted)",
              h.count(),
              Stats.ms(h.median()),
              Stats.ms(h.max()),
              Stats.ms(result.statusAllMs()),
              Stats.ms(result.metricsAllMs()),
              result.failures());
        }
        double heapUsed = 0;
        try {
          Matcher matcher = HEAP.matcher(get(http, base.resolve("/metrics")).body());
          while (matcher.find()) {
            heapUsed += Double.parseDouble(matcher.group(1));
          }
        } catch (IOException e) {
          heapUsed = Double.NaN; // no answer: the daemon is likely gone
        }
        boolean alive = daemon.isAlive();
        boolean oom = Files.readString(work.resolve("daemon.log")).contains("OutOfMemoryError");
        Stats h = new Stats(healthz.stream().mapToDouble(d -> d).toArray());
        double statusMax = statusAll.stream().mapToDouble(d -> d).max().orElse(Double.NaN);
        double metricsMax = metricsAll.stream().mapToDouble(d -> d).max().orElse(Double.NaN);
        results.add(
            "status server",
            "/healthz during 50 half-open + 200 /status, max of " + h.count(),
            Stats.ms(h.max()),
            "<= 1000 ms",
            h.max() <= 1000);
        results.info("status server", "/healthz during the load, median", Stats.ms(h.median()));
        results.info("status server", "/healthz without load, median", Stats.ms(quiet.median()));
        results.info(
            "status server",
            "200 concurrent /status, all answered (worst round)",
            Stats.ms(statusMax));
        results.add(
            "status server",
            "200 concurrent /metrics, all answered (worst round)",
            Stats.ms(metricsMax),
            "<= 10000 ms",
            metricsMax <= 10_000);
        results.add(
            "status server",
            "requests not answered 200",
            Integer.toString(failures),
            "0",
            failures == 0);
        results.add(
            "status server",
            "-Xmx" + heap + ": alive, no OutOfMemoryError",
            (alive && !oom ? "yes" : "NO")
                + String.format(Locale.ROOT, " (heap used after: %.0f MiB)", heapUsed / (1 << 20)),
            "yes",
            alive && !oom);
      } finally {
        http.close();
        daemon.destroy();
        if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
          daemon.destroyForcibly();
        }
      }
    }
  }

  private record Round(
      List<Double> healthz, double statusAllMs, double metricsAllMs, int failures) {}

  private static Round round(HttpClient http, URI base, int port) throws Exception {
    List<Socket> halfOpen = new ArrayList<>();
    int failures = 0;
    try {
      for (int i = 0; i < HALF_OPEN; i++) {
        Socket socket = new Socket("127.0.0.1", port);
        socket
            .getOutputStream()
            .write("GET /healthz HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        halfOpen.add(socket);
      }
      long started = System.nanoTime();
      List<CompletableFuture<HttpResponse<Void>>> statuses = fire(http, base.resolve("/status"));
      CompletableFuture<Void> all =
          CompletableFuture.allOf(statuses.toArray(CompletableFuture[]::new));
      List<Double> healthz = new ArrayList<>();
      while (!all.isDone() || healthz.isEmpty()) {
        try {
          healthz.add(healthz(port));
        } catch (IOException e) {
          System.out.println("  /healthz not answered: " + e);
          healthz.add(HEALTHZ_TIMEOUT_MS); // counted as the whole wait
          failures++;
        }
        Thread.sleep(50);
      }
      double statusAll = (System.nanoTime() - started) / 1e6;
      failures += failed(statuses);

      started = System.nanoTime();
      List<CompletableFuture<HttpResponse<Void>>> scrapes = fire(http, base.resolve("/metrics"));
      CompletableFuture.allOf(scrapes.toArray(CompletableFuture[]::new))
          .exceptionally(e -> null)
          .join();
      double metricsAll = (System.nanoTime() - started) / 1e6;
      failures += failed(scrapes);
      return new Round(healthz, statusAll, metricsAll, failures);
    } finally {
      for (Socket socket : halfOpen) {
        socket.close();
      }
    }
  }

  private static List<CompletableFuture<HttpResponse<Void>>> fire(HttpClient http, URI uri) {
    List<CompletableFuture<HttpResponse<Void>>> requests = new ArrayList<>();
    for (int i = 0; i < CONCURRENT; i++) {
      requests.add(
          http.sendAsync(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.discarding())); // the bytes are read, not kept
    }
    return requests;
  }

  private static int failed(List<CompletableFuture<HttpResponse<Void>>> requests) {
    int failed = 0;
    for (CompletableFuture<HttpResponse<Void>> request : requests) {
      try {
        if (request.join().statusCode() != 200) {
          failed++;
        }
      } catch (RuntimeException e) {
        failed++;
      }
    }
    return failed;
  }

  /** Milliseconds from connect to the last byte of {@code GET /healthz} on a new connection. */
  private static double healthz(int port) throws IOException {
    long started = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), (int) HEALTHZ_TIMEOUT_MS);
      socket.setSoTimeout((int) HEALTHZ_TIMEOUT_MS);
      socket
          .getOutputStream()
          .write(
              "GET /healthz HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      in.transferTo(answer);
      if (!answer.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200")) {
        throw new IOException("/healthz answered " + answer);
      }
    }
    return (System.nanoTime() - started) / 1e6;
  }

  private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void awaitReady(HttpClient http, URI base, Process daemon, Path work)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!daemon.isAlive()) {
        throw new IllegalStateException("the daemon exited; see " + work.resolve("daemon.log"));
      }
      try {
        if (get(http, base.resolve("/readyz")).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the daemon was not ready within 120 s; see " + work);
  }

  private static String config(int records, int backendPort) {
    StringBuilder yaml =
        new StringBuilder(
            """
            version: 1
            ownerId: benchmark
            defaults:
              ttl: 30
              check: { interval: 500ms, timeout: 400ms, rise: 2, fall: 2 }
            providers:
              local: { type: zonefile, path: example.test.zone }
            zones:
              - name: example.test.
                provider: local
                records:
            """);
    for (int i = 0; i < records; i++) {
      yaml.append(
          """
                - name: r%d
                  type: A
                  check: { type: http, url: "http://{address}:%d/healthz" }
                  endpoints:
                    - { id: only, address: 127.0.0.1 }
          """
              .formatted(i, backendPort));
    }
    return yaml.toString();
  }
}

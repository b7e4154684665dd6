package io.dnsfailover.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Failover latency: the real daemon ({@code java -jar dnsfailover.jar daemon}) on the zone-file
 * provider with interval 200 ms, timeout 100 ms, rise 2, fall 2; a primary and a backup backend in
 * this process. Each run kills the primary (mode {@code refused}: its listening socket closes; mode
 * {@code hang}: it accepts and never answers, so each probe costs the 100 ms timeout) and measures
 * the time until the zone file says the backup, polling the file every millisecond. The primary
 * then comes back and the run waits for the fail-back (rise 2) and a random pause, so the next
 * death falls at a random point of the probe interval.
 *
 * <p>The daemon's log lines are time-stamped as they arrive, which splits each run into detection
 * (death to the logged HEALTHY -> UNHEALTHY transition) and reconcile + write (transition to the
 * new file on disk).
 *
 * <p>With {@code --served zonefile} or {@code --served rfc2136} the answer that counts is a real
 * BIND's: {@code named} serves the zone on loopback, the daemon writes it through the zone-file
 * provider with {@code reloadCommand: [rndc, reload, ...]} or through signed RFC 2136 updates (and
 * verifies it with {@code verify:}), and the harness asks named for {@code app.example.test. A}
 * every 2 ms, as {@code dig} would, until it answers the backup. The target is then interval x fall
 * + 300 ms: the reload or update and named's answer are in the path.
 */
final class FailoverLatency {

  static final long INTERVAL_MS = 200;
  static final long TIMEOUT_MS = 100;
  static final int FALL = 2;
  static final int RISE = 2;
  private static final long TARGET_MS = INTERVAL_MS * FALL + 100;
  private static final long SERVED_TARGET_MS = INTERVAL_MS * FALL + 300;
  private static final Pattern APP_A =
      Pattern.compile("(?m)^app\\.example\\.test\\.\\s.*?\\bA\\s+(\\d+\\.\\d+\\.\\d+\\.\\d+)");
  private static final String PRIMARY = "127.0.0.1";
  private static final String BACKUP = "127.0.0.2";

  private FailoverLatency() {}

  record Run(double totalMs, Optional<Double> detectMs) {}

  static void run(Options options, Results results) throws Exception {
    Path jar = options.path("jar", Path.of("cli/target/dnsfailover.jar")).toAbsolutePath();
    int runs = options.integer("runs", 20);
    int warmup = options.integer("warmup", 2);
    String mode = options.string("mode", "refused");
    if (!mode.equals("refused") && !mode.equals("hang")) {
      throw new IllegalArgumentException("--mode refused|hang, got " + mode);
    }
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build it with ./mvnw -DskipTests package");
    }
    String served = options.string("served", "none");
    if (!List.of("none", "zonefile", "rfc2136").contains(served)) {
      throw new IllegalArgumentException("--served none|zonefile|rfc2136, got " + served);
    }
    Path work = Files.createTempDirectory("dnsfailover-bench-failover-");
    System.out.printf(
        "failover latency (%s%s): %d runs after %d warm-up runs; interval %d ms, timeout %d ms,"
            + " fall %d, rise %d; working in %s%n",
        mode,
        served.equals("none") ? "" : ", served by named via " + served,
        runs,
        warmup,
        INTERVAL_MS,
        TIMEOUT_MS,
        FALL,
        RISE,
        work);

    Backend primary = Backend.start(PRIMARY, 0);
    int port = primary.port();
    Backend backup = Backend.start(BACKUP, port);
    Answers answers = Answers.start(served, work);
    Files.writeString(work.resolve("config.yaml"), config(port, answers));
    LogLines log = new LogLines();
    ProcessBuilder builder =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-jar",
                jar.toString(),
                "daemon",
                "-c",
                "config.yaml",
                "--listen",
                "127.0.0.1:0")
            .directory(work.toFile())
            .redirectOutput(work.resolve("daemon.out").toFile());
    builder.environment().putAll(answers.environment());
    Process daemon = builder.start();
    log.follow(daemon, work.resolve("daemon.log"));
    List<Run> measured = new ArrayList<>();
    int failed = 0;
    try {
      if (!awaitAnswer(answers, PRIMARY, 60_000).isPresent()) {
        throw new IllegalStateException("the daemon never published the primary; see " + work);
      }
      for (int i = 0; i < warmup + runs; i++) {
        pause(300 + ThreadLocalRandom.current().nextLong(INTERVAL_MS * 2));
        long died = System.nanoTime();
        int logMark = log.size();
        if (mode.equals("refused")) {
          primary.close();
        } else {
          primary.hang();
        }
        Optional<Long> seen = awaitAnswer(answers, BACKUP, 10_000);
        Optional<Long> transition =
            log.firstAfter(logMark, "/A/primary: HEALTHY -> UNHEALTHY", 1_000);
        boolean counted = i >= warmup;
        if (seen.isEmpty()) {
          System.out.printf("  run %2d: no failover within 10 s%n", i + 1);
          if (counted) {
            failed++;
          }
        } else {
          double total = millis(seen.get() - died);
          Optional<Double> detect = transition.map(t -> millis(t - died));
          System.out.printf(
              Locale.ROOT,
              "  run %2d%s: %6.1f ms (detection %s, reconcile + write %s)%n",
              i + 1,
              counted ? "" : " (warm-up, not counted)",
              total,
              detect.map(Stats::ms).orElse("?"),
              detect.map(d -> Stats.ms(total - d)).orElse("?"));
          if (counted) {
            measured.add(new Run(total, detect));
          }
        }
        if (mode.equals("refused")) {
          primary = Backend.start(PRIMARY, port);
        } else {
          primary.unhang();
        }
        if (awaitAnswer(answers, PRIMARY, 10_000).isEmpty()) {
          throw new IllegalStateException("no fail-back to the primary within 10 s; see " + work);
        }
      }
    } finally {
      daemon.destroy(); // SIGTERM: the daemon finishes an apply in flight and exits
      if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
        daemon.destroyForcibly();
      }
      primary.close();
      backup.close();
      answers.close();
    }
    report(
        served.equals("none") ? mode : mode + ", served by named via " + served,
        served.equals("none") ? TARGET_MS : SERVED_TARGET_MS,
        measured,
        failed,
        runs,
        results);
  }

  private static void report(
      String mode, long targetMs, List<Run> runs, int failed, int wanted, Results results) {
    String name = "failover latency (" + mode + ")";
    Stats total = new Stats(runs.stream().mapToDouble(Run::totalMs).toArray());
    Stats detect =
        new Stats(runs.stream().flatMap(r -> r.detectMs().stream()).mapToDouble(d -> d).toArray());
    Stats apply =
        new Stats(
            runs.stream()
                .filter(r -> r.detectMs().isPresent())
                .mapToDouble(r -> r.totalMs() - r.detectMs().get())
                .toArray());
    String target = "<= " + targetMs + " ms";
    results.info(name, "runs measured", runs.size() + " of " + wanted);
    if (failed > 0) {
      results.add(name, "runs without failover", Integer.toString(failed), "0", false);
    }
    results.add(name, "median", Stats.ms(total.median()), target, total.median() <= targetMs);
    results.add(
        name, "p95", Stats.ms(total.percentile(95)), target, total.percentile(95) <= targetMs);
    results.info(name, "min / max", Stats.ms(total.min()) + " / " + Stats.ms(total.max()));
    results.info(
        name,
        "detection median / p95",
        Stats.ms(detect.median()) + " / " + Stats.ms(detect.percentile(95)));
    results.info(
        name,
        "reconcile + write median / p95",
        Stats.ms(apply.median()) + " / " + Stats.ms(apply.percentile(95)));
  }

  /** Asks {@code answers} every 2 ms until app's A record says {@code address}. */
  private static Optional<Long> awaitAnswer(Answers answers, String address, long timeoutMillis)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (System.nanoTime() < deadline) {
      long now = System.nanoTime();
      if (address.equals(answers.app())) {
        return Optional.of(now);
      }
      Thread.sleep(2);
    }
    return Optional.empty();
  }

  /** The zone file's app A record, or "" when it has none. */
  static String answer(Path zone) throws IOException {
    String text;
    try {
      text = Files.readString(zone);
    } catch (NoSuchFileException e) {
      return "";
    }
    Matcher matcher = APP_A.matcher(text);
    return matcher.find() ? matcher.group(1) : "";
  }

  private static void pause(long millis) throws InterruptedException {
    Thread.sleep(millis);
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  /** The config, with the provider and verify lines of {@code answers}. */
  private static String config(int port, Answers answers) {
    return """
        version: 1
        ownerId: benchmark
        defaults:
          ttl: 20
          check: { interval: %dms, timeout: %dms, rise: %d, fall: %d }
        %s
        zones:
          - name: example.test.
            provider: local
            %s
            records:
              - name: app
                type: A
                policy: failover
                check: { type: http, url: "http://{address}:%d/healthz", expectStatus: [200] }
                endpoints:
                  - { id: primary, address: %s, priority: 1 }
                  - { id: backup, address: %s, priority: 2 }
        """
        .formatted(
            INTERVAL_MS,
            TIMEOUT_MS,
            RISE,
            FALL,
            answers.providers().strip(),
            answers.verify(),
            port,
            PRIMARY,
            BACKUP);
  }

  static final String ZONE =
      """
      $ORIGIN example.test.
      $TTL 3600
      @       IN SOA  ns1.example.test. hostmaster.example.test. 2026010101 3600 600 604800 60
              IN NS   ns1.example.test.
      ns1     IN A    192.0.2.53
      www     IN A    192.0.2.80
      """;

  /** The daemon's stderr, each line stamped with {@link System#nanoTime()} as it arrives. */
  static final class LogLines {
    private final List<Long> times = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();

    void follow(Process process, Path copy) {
      Thread.ofPlatform()
          .daemon()
          .name("daemon-log")
          .start(
              () -> {
                try (BufferedReader reader =
                        new BufferedReader(
                            new InputStreamReader(
                                process.getErrorStream(), StandardCharsets.UTF_8));
                    var out = Files.newBufferedWriter(copy)) {
                  String line;
                  while ((line = reader.readLine()) != null) {
                    long now = System.nanoTime();
                    synchronized (this) {
                      times.add(now);
                      lines.add(line);
                    }
                    out.write(line);
                    out.newLine();
                    out.flush();
                  }
                } catch (IOException e) {
                  // the daemon went away
                }
              });
    }

    synchronized int size() {
      return lines.size();
    }

    /** When the first line at index {@code from} or later containing {@code text} arrived. */
    Optional<Long> firstAfter(int from, String text, long waitMillis) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
      do {
        synchronized (this) {
          for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
              return Optional.of(times.get(i));
            }
          }
        }
        Thread.sleep(5);
      } while (System.nanoTime() < deadline);
      return Optional.empty();
    }
  }
}

package io.dnsfailover.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The daemon as a user starts it from the release: {@code bin/dnsfailover daemon -c config.yaml},
 * so the JVM runs with whatever the launcher chooses for the daemon, plus {@code
 * DNSFAILOVER_JAVA_OPTS} when given. The config is a zone file and one {@code failover} record per
 * two endpoints (a primary and a backup, each on its own loopback address of the load server), all
 * checked by http.
 */
final class DaemonProber implements Prober {

  private static final Pattern PROBES =
      Pattern.compile(
          "^dnsfailover_probes_total\\{[^}]*result=\"(success|failure)\"[^}]*} (\\S+)$");
  private static final Pattern HEAP =
      Pattern.compile("^jvm_memory_(used|committed)_bytes\\{area=\"heap\"[^}]*} (\\S+)$");

  private final Process process;
  private final Path work;
  private final HttpClient http;
  private final URI metrics;
  private Counts last = new Counts(0, 0, "no scrape answered yet");
  private int unanswered;

  private DaemonProber(Process process, Path work, HttpClient http, URI metrics) {
    this.process = process;
    this.work = work;
    this.http = http;
    this.metrics = metrics;
  }

  /**
   * Starts the daemon and waits until it is ready (every endpoint probed, the zone file written).
   *
   * @param javaOptions {@code DNSFAILOVER_JAVA_OPTS}, or empty to leave it unset
   */
  static DaemonProber start(
      Path release,
      Path work,
      int endpoints,
      String interval,
      int loadServerPort,
      Optional<String> javaOptions)
      throws IOException, InterruptedException {
    Path launcher = release.toAbsolutePath().resolve("bin/dnsfailover");
    if (!Files.isExecutable(launcher)) {
      throw new IllegalStateException(
          launcher
              + " is missing: build the release (./mvnw -B -DskipTests -Prelease package -pl dist"
              + " -am)");
    }
    Files.writeString(work.resolve("config.yaml"), config(endpoints, interval, loadServerPort));
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    ProcessBuilder builder =
        new ProcessBuilder(
                launcher.toString(), "daemon", "-c", "config.yaml", "--listen", "127.0.0.1:" + port)
            .directory(work.toFile())
            .redirectOutput(work.resolve("daemon.out").toFile())
            .redirectError(work.resolve("daemon.log").toFile());
    Map<String, String> environment = builder.environment();
    environment.remove("DNSFAILOVER_JAVA_OPTS");
    environment.remove("DNSFAILOVER_CONFIG");
    javaOptions.ifPresent(options -> environment.put("DNSFAILOVER_JAVA_OPTS", options));
    environment.put("XDG_STATE_HOME", work.resolve("state").toString());
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    URI base = URI.create("http://127.0.0.1:" + port);
    DaemonProber daemon = new DaemonProber(builder.start(), work, http, base.resolve("/metrics"));
    daemon.awaitReady(base.resolve("/readyz"));
    return daemon;
  }

  @Override
  public long pid() {
    return process.pid(); // the launcher exec's the JVM: same process
  }

  /**
   * A scrape of {@code /metrics}. One that gets no answer within 60 s (a daemon starved of CPU)
   * repeats the last answer's counts and says so, instead of stopping the benchmark.
   */
  @Override
  public Counts counts() throws IOException, InterruptedException {
    HttpResponse<Stream<String>> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.ofLines());
    } catch (HttpTimeoutException e) {
      unanswered++;
      return new Counts(
          last.probes(),
          last.failures(),
          last.detail() + "; /metrics unanswered within 60 s " + unanswered + " time(s)");
    }
    last = parse(response);
    return last;
  }

  private Counts parse(HttpResponse<Stream<String>> response) {
    double success = 0;
    double failure = 0;
    double heapUsed = 0;
    double heapCommitted = 0;
    try (Stream<String> lines = response.body()) {
      for (String line : (Iterable<String>) lines::iterator) {
        Matcher probes = PROBES.matcher(line);
        if (probes.matches()) {
          double value = Double.parseDouble(probes.group(2));
          if (probes.group(1).equals("success")) {
            success += value;
          } else {
            failure += value;
          }
          continue;
        }
        Matcher heap = HEAP.matcher(line);
        if (heap.matches()) {
          double value = Double.parseDouble(heap.group(2));
          if (heap.group(1).equals("used")) {
            heapUsed += value;
          } else {
            heapCommitted += value;
          }
        }
      }
    }
    return new Counts(
        (long) (success + failure),
        (long) failure,
        String.format(
            Locale.ROOT,
            "heap used %.0f MiB of %.0f MiB committed",
            heapUsed / (1 << 20),
            heapCommitted / (1 << 20)));
  }

  /** The JVM's options as the launcher passed them, between {@code java} and {@code -jar}. */
  @Override
  public String describe() throws IOException {
    List<String> command = ProcessMemory.commandLine(pid());
    List<String> options = new ArrayList<>();
    for (String argument : command.subList(1, command.size())) {
      if (argument.equals("-jar")) {
        break;
      }
      if (!argument.startsWith("@") && !argument.startsWith("-XX:AOTCache")) {
        options.add(argument);
      }
    }
    return "dnsfailover daemon through bin/dnsfailover; JVM options besides lib/jvm.options: "
        + String.join(" ", options);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    http.close();
    process.destroy(); // SIGTERM
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    if (Files.readString(work.resolve("daemon.log")).contains("OutOfMemoryError")) {
      System.out.println("  the daemon ran out of memory: see " + work.resolve("daemon.log"));
    }
  }

  private void awaitReady(URI readyz) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the daemon exited with "
                + process.exitValue()
                + "; see "
                + work.resolve("daemon.log"));
      }
      try {
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(readyz).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the daemon was not ready within 300 s; see " + work);
  }

  /** Records of two endpoints each (the last may have one), endpoint i on the load server's i. */
  static String config(int endpoints, String interval, int port) {
    StringBuilder yaml =
        new StringBuilder(
            """
            version: 1
            ownerId: benchmark
            defaults:
              ttl: 30
              check: { interval: %s, timeout: 500ms, rise: 2, fall: 3 }
            providers:
              local: { type: zonefile, path: bench.test.zone }
            zones:
              - name: bench.test.
                provider: local
                records:
            """
                .formatted(interval));
    for (int i = 0; i < endpoints; i += 2) {
      yaml.append(
          """
                - name: r%d
                  type: A
                  check: { type: http, url: "http://{address}:%d/healthz" }
                  endpoints:
                    - { id: primary, address: %s, priority: 1 }
          """
              .formatted(i / 2, port, LoadServer.address(i)));
      if (i + 1 < endpoints) {
        yaml.append(
            "          - { id: backup, address: %s, priority: 2 }\n"
                .formatted(LoadServer.address(i + 1)));
      }
    }
    return yaml.toString();
  }
}

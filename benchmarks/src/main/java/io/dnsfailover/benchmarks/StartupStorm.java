package io.dnsfailover.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up of the real daemon ({@code java -jar dnsfailover.jar daemon}) with many endpoints on the
 * zone-file provider: how many times it writes the zone in its first seconds, and when it is ready.
 * Every endpoint's first probe is a health change, and the first probes are spread over an
 * interval; a daemon that reconciled on each rewrote the whole zone dozens of times while starting.
 *
 * <p>{@code --endpoints} records of one endpoint each, all checked with {@code tcp} against one
 * loopback listener of this process (every probe connects), interval {@code --interval}. The
 * numbers come from the daemon's own {@code /metrics}: apply calls of the provider ({@code
 * dnsfailover_provider_calls_total{operation="apply"}}, one per zone write) at {@code --seconds}
 * after the process started, and the time {@code /readyz} first answered 200 (the first reconcile
 * done).
 */
final class StartupStorm {

  private static final Pattern LISTENING =
      Pattern.compile("status server listening on (http://127\\.0\\.0\\.1:\\d+/)");
  private static final Pattern APPLY_CALLS =
      Pattern.compile(
          "(?m)^dnsfailover_provider_calls_total\\{[^}]*operation=\"apply\"[^}]*\\} ([0-9.E]+)$");

  private StartupStorm() {}

  static void run(Options options, Results results) throws Exception {
    Path jar = options.path("jar", Path.of("cli/target/dnsfailover.jar")).toAbsolutePath();
    int endpoints = options.integer("endpoints", 1000);
    int seconds = options.integer("seconds", 20);
    String interval = options.string("interval", "5s");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build it with ./mvnw -DskipTests package");
    }
    Path work = Files.createTempDirectory("dnsfailover-bench-startup-");
    System.out.printf(
        "start-up: %d endpoints (tcp, interval %s), writes in the first %d s; working in %s%n",
        endpoints, interval, seconds, work);
    try (ServerSocket listener = new ServerSocket()) {
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
      Thread acceptor = Thread.ofPlatform().daemon().start(() -> acceptAndClose(listener));
      Files.writeString(
          work.resolve("config.yaml"), config(endpoints, interval, listener.getLocalPort()));
      long started = System.nanoTime();
      ProcessBuilder builder =
          new ProcessBuilder(
                  ProcessHandle.current().info().command().orElse("java"),
                  "-jar",
                  jar.toString(),
                  "daemon",
                  "-c",
                  "config.yaml",
                  "--listen",
                  "127.0.0.1:0",
                  "--no-watch")
              .directory(work.toFile())
              .redirectOutput(work.resolve("daemon.out").toFile())
              .redirectError(work.resolve("daemon.log").toFile());
      // The journal and state go to the working folder, not to the user's ~/.local/state.
      builder
          .environment()
          .put("XDG_STATE_HOME", Files.createDirectories(work.resolve("state")).toString());
      Process daemon = builder.start();
      try (HttpClient http = HttpClient.newHttpClient()) {
        URI status = awaitAddress(work.resolve("daemon.log"), started + seconds(seconds));
        Optional<Double> ready = Optional.empty();
        while (System.nanoTime() < started + seconds(seconds)) {
          if (ready.isEmpty() && get(http, status.resolve("readyz")).statusCode() == 200) {
            ready = Optional.of((System.nanoTime() - started) / 1e9);
          }
          Thread.sleep(50);
        }
        double writes = applyCalls(get(http, status.resolve("metrics")).body());
        System.out.printf(
            Locale.ROOT,
            "  %d endpoints: %.0f zone writes in the first %d s; ready after %s%n",
            endpoints,
            writes,
            seconds,
            ready.map(s -> String.format(Locale.ROOT, "%.1f s", s)).orElse("(not yet)"));
        String name = "start-up storm (" + endpoints + " endpoints, interval " + interval + ")";
        results.add(
            name,
            "zone writes in the first " + seconds + " s",
            String.format(Locale.ROOT, "%.0f", writes),
            "<= 3 (the first, then at most 2)",
            writes <= 3);
        results.info(
            name,
            "ready (first reconcile done) after",
            ready.map(s -> String.format(Locale.ROOT, "%.1f s", s)).orElse("more than " + seconds));
      } finally {
        daemon.destroy();
        if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
          daemon.destroyForcibly();
        }
        listener.close();
        acceptor.join(Duration.ofSeconds(5));
      }
    }
  }

  private static long seconds(int seconds) {
    return TimeUnit.SECONDS.toNanos(seconds);
  }

  private static void acceptAndClose(ServerSocket listener) {
    while (!listener.isClosed()) {
      try (Socket connection = listener.accept()) {
        // connected: the probe succeeded
      } catch (IOException e) {
        // closed
      }
    }
  }

  private static URI awaitAddress(Path log, long deadline) throws Exception {
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)) {
        Matcher matcher = LISTENING.matcher(Files.readString(log));
        if (matcher.find()) {
          return URI.create(matcher.group(1));
        }
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("the daemon's status server did not start; see " + log);
  }

  private static HttpResponse<String> get(HttpClient http, URI uri)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static double applyCalls(String metrics) {
    double sum = 0;
    Matcher matcher = APPLY_CALLS.matcher(metrics);
    while (matcher.find()) {
      sum += Double.parseDouble(matcher.group(1));
    }
    return sum;
  }

  /** {@code count} A records r0.., each one endpoint at 127.0.0.1 checked with tcp on port. */
  static String config(int count, String interval, int port) {
    StringBuilder text = new StringBuilder();
    text.append(
        """
        version: 1
        ownerId: bench
        defaults:
          ttl: 30
          check: { type: tcp, port: %d, interval: %s, timeout: 1s, rise: 2, fall: 2 }
        providers:
          local: { type: zonefile, path: example.test.zone }
        zones:
          - name: example.test.
            provider: local
            records:
        """
            .formatted(port, interval));
    for (int i = 0; i < count; i++) {
      text.append("      - { name: r")
          .append(i)
          .append(", type: A, endpoints: [{ id: a, address: 127.0.0.1 }] }\n");
    }
    return text.toString();
  }
}

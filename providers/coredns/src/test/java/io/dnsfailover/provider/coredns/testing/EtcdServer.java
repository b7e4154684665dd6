package io.dnsfailover.provider.coredns.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-member etcd for tests: the {@code etcd} binary (Debian {@code etcd-server}) on two
 * free 127.0.0.1 ports with a temporary data directory, started as a plain process.
 *
 * <pre>{@code
 * EtcdServer etcd = EtcdServer.startOrSkip();   // skips the test when etcd is not installed
 * String endpoint = etcd.endpoint();            // http://127.0.0.1:<port>
 * etcd.stop(); etcd.start();                    // graceful restart, same ports and data
 * etcd.kill();                                  // SIGKILL, as a crash
 * etcd.close();                                 // kill and delete the data directory
 * }</pre>
 *
 * <p>Self-contained on purpose (JDK and JUnit only) so it can move to testkit for cluster mode. The
 * binary is {@code $ETCD_BINARY} when set, otherwise {@code etcd} on the {@code PATH}. etcd's own
 * output goes to {@code <temp dir>/etcd.log}, which {@link #log()} returns for failure messages.
 */
public final class EtcdServer implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final Path binary;
  private final Path directory;
  private final String name;
  private int clientPort;
  private int peerPort;
  private boolean initialised;
  private Process process;

  private EtcdServer(Path binary, Path directory, String name) {
    this.binary = binary;
    this.directory = directory;
    this.name = name;
  }

  /** The etcd binary, if installed. */
  public static Optional<Path> binary() {
    String configured = System.getenv("ETCD_BINARY");
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured);
      return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }
    String pathVariable = System.getenv("PATH");
    if (pathVariable == null) {
      return Optional.empty();
    }
    for (String entry : pathVariable.split(File.pathSeparator)) {
      Path candidate = Path.of(entry, "etcd");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Starts a fresh etcd, or skips the calling test (JUnit assumption) when no {@code etcd} binary
   * is installed. Any other failure to start is an error, not a skip.
   */
  public static EtcdServer startOrSkip() {
    Optional<Path> binary = binary();
    assumeTrue(
        binary.isPresent(),
        "etcd is not installed (apt-get install etcd-server, or set ETCD_BINARY): skipping tests"
            + " that need a real etcd");
    try {
      EtcdServer server =
          new EtcdServer(binary.get(), Files.createTempDirectory("etcd-test-"), "default");
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The client URL, {@code http://127.0.0.1:<port>}. */
  public String endpoint() {
    return "http://127.0.0.1:" + clientPort;
  }

  public int clientPort() {
    return clientPort;
  }

  public Path dataDirectory() {
    return directory.resolve("data");
  }

  /**
   * Starts etcd and waits until {@code /health} says true. The first start picks free ports; a
   * restart reuses them and the data directory, as a real restart would.
   */
  public synchronized void start() throws IOException {
    if (process != null && process.isAlive()) {
      return;
    }
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      if (!initialised) {
        clientPort = freePort();
        peerPort = freePort();
      }
      process = launch();
      try {
        awaitHealthy();
        initialised = true;
        return;
      } catch (IOException e) {
        last = e;
        destroy(true);
        if (initialised) {
          break; // a restart keeps its ports; do not wander off to others
        }
      }
    }
    throw last;
  }

  /** Stops etcd gracefully (SIGTERM) and waits for it to exit. */
  public synchronized void stop() {
    destroy(false);
  }

  /** Kills etcd (SIGKILL), as a crash would. */
  public synchronized void kill() {
    destroy(true);
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** etcd's output so far, for assertion messages. */
  public String log() {
    try {
      return Files.readString(directory.resolve("etcd.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Kills etcd and deletes its directory. */
  @Override
  public synchronized void close() {
    destroy(true);
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a leftover temp directory is not worth failing a test over
    }
  }

  private Process launch() throws IOException {
    String peerUrl = "http://127.0.0.1:" + peerPort;
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(
        List.of(
            "--name",
            name,
            "--data-dir",
            dataDirectory().toString(),
            "--listen-client-urls",
            endpoint(),
            "--advertise-client-urls",
            endpoint(),
            "--listen-peer-urls",
            peerUrl,
            "--initial-advertise-peer-urls",
            peerUrl,
            "--initial-cluster",
            name + "=" + peerUrl,
            "--initial-cluster-state",
            "new",
            "--log-level",
            "warn",
            "--logger",
            "zap"));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("etcd.log").toFile()))
        .start();
  }

  private void awaitHealthy() throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(endpoint() + "/health"))
            .timeout(Duration.ofSeconds(2))
            .build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("etcd exited with " + process.exitValue() + ":\n" + log());
      }
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("\"health\":\"true\"")) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for etcd", e);
      }
      sleep(Duration.ofMillis(100));
    }
    throw new IOException("etcd did not become healthy within " + START_TIMEOUT + ":\n" + log());
  }

  private void destroy(boolean forcibly) {
    Process running = process;
    if (running == null || !running.isAlive()) {
      return;
    }
    if (forcibly) {
      running.destroyForcibly();
    } else {
      running.destroy();
    }
    try {
      if (!running.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        running.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.dnsfailover.testkit.etcd;

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
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real etcd cluster of one or more members for tests: the {@code etcd} binary (Debian {@code
 * etcd-server}) on free 127.0.0.1 ports with temporary data directories, each member a plain
 * process.
 *
 * <pre>{@code
 * EtcdCluster etcd = EtcdCluster.startOrSkip(3);  // skips the test when etcd is not installed
 * List<String> urls = etcd.endpoints();           // http://127.0.0.1:<port>, one per member
 * etcd.member(1).stop(); etcd.member(1).start();  // graceful restart, same ports and data
 * etcd.member(0).kill();                          // SIGKILL, as a crash
 * etcd.close();                                   // kill every member, delete the data
 * }</pre>
 *
 * <p>A test class that wants one cluster for all its tests registers an {@link EtcdExtension}.
 *
 * <p>JDK and JUnit only. The binary is {@code $ETCD_BINARY} when set, otherwise {@code etcd} on the
 * {@code PATH}. Each member's own output goes to {@code <temp dir>/<name>.log}, which {@link
 * Member#log()} returns for failure messages.
 */
public final class EtcdCluster implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final Path directory;
  private final List<Member> members;

  private EtcdCluster(Path directory, List<Member> members) {
    this.directory = directory;
    this.members = List.copyOf(members);
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
   * Starts a fresh cluster of {@code size} members and waits until each is healthy, or skips the
   * calling test (JUnit assumption) when no {@code etcd} binary is installed. Any other failure to
   * start is an error, not a skip.
   */
  public static EtcdCluster startOrSkip(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("an etcd cluster needs at least one member");
    }
    Optional<Path> binary = binary();
    assumeTrue(
        binary.isPresent(),
        "etcd is not installed (apt-get install etcd-server, or set ETCD_BINARY): skipping tests"
            + " that need a real etcd");
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      EtcdCluster cluster = null;
      try {
        cluster = create(binary.get(), size);
        cluster.startAll();
        return cluster;
      } catch (IOException e) {
        last = e; // most likely a port taken between picking and binding: try fresh ports
        if (cluster != null) {
          cluster.close();
        }
      }
    }
    throw new UncheckedIOException(last);
  }

  private static EtcdCluster create(Path binary, int size) throws IOException {
    Path directory = Files.createTempDirectory("etcd-test-");
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      members.add(new Member(binary, directory, "etcd" + i, freePort(), freePort()));
    }
    EtcdCluster cluster = new EtcdCluster(directory, members);
    String initialCluster =
        members.stream().map(m -> m.name + "=" + m.peerUrl()).collect(Collectors.joining(","));
    members.forEach(member -> member.initialCluster = initialCluster);
    return cluster;
  }

  /** Launches every member before waiting for any: a member is healthy only with a quorum. */
  private void startAll() throws IOException {
    for (Member member : members) {
      member.launch();
    }
    for (Member member : members) {
      member.awaitHealthy();
    }
  }

  public int size() {
    return members.size();
  }

  public Member member(int index) {
    return members.get(index);
  }

  public List<Member> members() {
    return members;
  }

  /** Every member's client URL, in member order. */
  public List<String> endpoints() {
    return members.stream().map(Member::endpoint).toList();
  }

  /** The first member's client URL: all a single-member cluster has. */
  public String endpoint() {
    return members.getFirst().endpoint();
  }

  /** Every member's output so far, for assertion messages. */
  public String log() {
    return members.stream()
        .map(member -> "--- " + member.name + "\n" + member.log())
        .collect(Collectors.joining("\n"));
  }

  /** Kills every member and deletes the data directories. */
  @Override
  public void close() {
    members.forEach(Member::kill);
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a leftover temp directory is not worth failing a test over
    }
  }

  /** One etcd process with fixed ports and data directory, so a restart is a real restart. */
  public static final class Member {

    private final Path binary;
    private final Path directory;
    private final String name;
    private final int clientPort;
    private final int peerPort;
    private String initialCluster;
    private Process process;

    private Member(Path binary, Path directory, String name, int clientPort, int peerPort) {
      this.binary = binary;
      this.directory = directory;
      this.name = name;
      this.clientPort = clientPort;
      this.peerPort = peerPort;
    }

    public String name() {
      return name;
    }

    /** The client URL, {@code http://127.0.0.1:<port>}. */
    public String endpoint() {
      return "http://127.0.0.1:" + clientPort;
    }

    public int clientPort() {
      return clientPort;
    }

    public Path dataDirectory() {
      return directory.resolve(name + ".data");
    }

    /**
     * Starts this member again (same ports and data) and waits until {@code /health} says true,
     * which needs a quorum of the cluster running.
     */
    public synchronized void start() throws IOException {
      if (isRunning()) {
        return;
      }
      launch();
      try {
        awaitHealthy();
      } catch (IOException e) {
        destroy(true);
        throw e;
      }
    }

    /** Stops this member gracefully (SIGTERM) and waits for it to exit. */
    public synchronized void stop() {
      destroy(false);
    }

    /** Kills this member (SIGKILL), as a crash would. */
    public synchronized void kill() {
      destroy(true);
    }

    public synchronized boolean isRunning() {
      return process != null && process.isAlive();
    }

    /** This member's output so far. */
    public String log() {
      try {
        return Files.readString(directory.resolve(name + ".log"), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "(no log: " + e.getMessage() + ")";
      }
    }

    private String peerUrl() {
      return "http://127.0.0.1:" + peerPort;
    }

    private synchronized void launch() throws IOException {
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
              peerUrl(),
              "--initial-advertise-peer-urls",
              peerUrl(),
              "--initial-cluster",
              initialCluster,
              "--initial-cluster-token",
              directory.getFileName().toString(),
              "--initial-cluster-state",
              "new",
              // Loopback: fast heartbeats make leader loss and recovery quick in tests.
              "--heartbeat-interval",
              "50",
              "--election-timeout",
              "500",
              "--log-level",
              "warn",
              "--logger",
              "zap"));
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(directory.resolve(name + ".log").toFile()))
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
        Process running = process;
        if (running == null || !running.isAlive()) {
          throw new IOException(
              "etcd "
                  + name
                  + " exited"
                  + (running == null ? "" : " with " + running.exitValue())
                  + ":\n"
                  + log());
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
      throw new IOException(
          "etcd " + name + " did not become healthy within " + START_TIMEOUT + ":\n" + log());
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

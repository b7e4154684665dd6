package io.dnsfailover.testkit.dns;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The parts {@link NamedServer} and {@link KnotServer} share: finding a binary, picking a port free
 * for both UDP and TCP, running the process with its output in a log file, waiting until every zone
 * answers, and stopping it.
 */
final class ServerProcess {

  static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  /** Where Debian puts daemons: not on a normal user's PATH. */
  private static final List<String> SYSTEM_DIRECTORIES =
      List.of("/usr/sbin", "/sbin", "/usr/local/sbin");

  private final Path log;
  private Process process;

  private ServerProcess(Path log) {
    this.log = log;
  }

  /** {@code command} on the PATH or in an sbin directory, if installed. */
  static Optional<Path> binary(String command) {
    List<String> directories = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      directories.addAll(List.of(path.split(File.pathSeparator)));
    }
    directories.addAll(SYSTEM_DIRECTORIES);
    for (String directory : directories) {
      Path candidate = Path.of(directory, command);
      if (!directory.isEmpty() && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The binary, or a skipped test (JUnit assumption) saying which package installs it. */
  static Path binaryOrSkip(String command, String debianPackage) {
    Optional<Path> binary = binary(command);
    assumeTrue(
        binary.isPresent(),
        command
            + " is not installed (apt-get install "
            + debianPackage
            + "): skipping tests that need a real "
            + command);
    return binary.get();
  }

  /** A port on 127.0.0.1 that is free for TCP and for UDP at the moment of asking. */
  static int freePort() throws IOException {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    for (int attempt = 0; attempt < 50; attempt++) {
      try (ServerSocket tcp = new ServerSocket(0, 1, loopback)) {
        int port = tcp.getLocalPort();
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port))) {
          return port;
        } catch (IOException takenForUdp) {
          // try another
        }
      }
    }
    throw new IOException("found no port free for both TCP and UDP on 127.0.0.1");
  }

  /** Starts {@code command} with stdout and stderr appended to {@code log}. */
  static ServerProcess start(List<String> command, Path directory, Path log) throws IOException {
    ServerProcess server = new ServerProcess(log);
    server.process =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return server;
  }

  /**
   * Waits until the server answers an SOA query for every zone with authority, or fails with its
   * log when it exits or takes longer than {@link #START_TIMEOUT}.
   */
  void awaitZones(String what, int port, List<String> zones) throws IOException {
    SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", port));
    resolver.setTCP(true);
    resolver.setTimeout(Duration.ofMillis(500));
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    List<String> waiting = new ArrayList<>(zones);
    while (!waiting.isEmpty()) {
      if (!process.isAlive()) {
        throw new IOException(what + " exited with " + process.exitValue() + ":\n" + log());
      }
      if (System.nanoTime() > deadline) {
        throw new IOException(
            what + " did not serve " + waiting + " within " + START_TIMEOUT + ":\n" + log());
      }
      try {
        Message response =
            resolver.send(
                Message.newQuery(
                    Record.newRecord(Name.fromString(waiting.getFirst()), Type.SOA, 1)));
        if (response.getRcode() == Rcode.NOERROR && response.getHeader().getFlag(Flags.AA)) {
          waiting.removeFirst();
          continue;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      sleep(Duration.ofMillis(50));
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The process's output so far. */
  String log() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** SIGTERM, then SIGKILL if it has not exited within ten seconds. */
  void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Runs a control command ({@code rndc}, {@code knotc}) to completion and returns its output;
   * throws with the output when it exits non-zero.
   */
  static String run(List<String> command) throws IOException {
    Process control = new ProcessBuilder(command).redirectErrorStream(true).start();
    control.getOutputStream().close();
    String output = new String(control.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!control.waitFor(60, TimeUnit.SECONDS)) {
        control.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish:\n" + output);
      }
    } catch (InterruptedException e) {
      control.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    }
    if (control.exitValue() != 0) {
      throw new IOException(
          String.join(" ", command) + " exited with " + control.exitValue() + ":\n" + output);
    }
    return output;
  }

  static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a leftover temp directory is not worth failing a test over
    }
  }

  /** Writes {@code text} as UTF-8. */
  static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.dnsfailover.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the tests of the release share: where the build put it (system properties set by
 * dist/pom.xml), running a command with exactly the environment given, and a web server that
 * answers a health check.
 */
final class Release {

  static final String VERSION = System.getProperty("dnsfailover.version", "0.1.0-SNAPSHOT");
  static final Path TARGET = Path.of(System.getProperty("dnsfailover.release.target", "target"));
  static final String NAME = "dnsfailover-" + VERSION;
  static final Path TARBALL = TARGET.resolve(NAME + "-linux-x64.tar.gz");
  static final Path DEB =
      TARGET.resolve("dnsfailover_" + VERSION.replace("-SNAPSHOT", "~SNAPSHOT") + "_amd64.deb");

  private Release() {}

  /** What one command printed and how it ended. */
  record Result(int exitCode, String stdout, String stderr) {
    String output() {
      return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }

  /**
   * Runs {@code command} in {@code directory} with no standard input and with exactly {@code
   * environment} (nothing inherited from the build), to completion within two minutes.
   */
  static Result run(Path directory, Map<String, String> environment, List<String> command)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    StringBuilder err = new StringBuilder();
    Thread errReader = Thread.ofVirtual().start(() -> err.append(read(process.getErrorStream())));
    String out = read(process.getInputStream());
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
    errReader.join();
    return new Result(process.exitValue(), out, err.toString());
  }

  /** Runs a tool of the build machine (tar, dpkg-deb, ...) and insists that it succeeds. */
  static String tool(Path directory, String... command) throws IOException, InterruptedException {
    Result result = run(directory, Map.of("PATH", System.getenv("PATH")), List.of(command));
    assertThat(result.exitCode())
        .as("%s:%n%s", String.join(" ", command), result.output())
        .isZero();
    return result.stdout();
  }

  /** Unpacks the release tarball into {@code directory}; returns the release's folder. */
  static Path unpack(Path directory) throws IOException, InterruptedException {
    Files.createDirectories(directory);
    tool(directory, "tar", "-xzf", TARBALL.toString());
    return directory.resolve(NAME);
  }

  /** Whether {@code name} is a command on the build machine's PATH. */
  static boolean installed(String name) {
    for (String folder : System.getenv("PATH").split(":")) {
      if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, name))) {
        return true;
      }
    }
    return false;
  }

  /** A loopback web server whose {@code /healthz} answers 200. */
  static HttpServer healthyBackend() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/healthz",
        exchange -> {
          byte[] body = "ok\n".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return server;
  }

  /**
   * The JVM option that makes a run fail when the release's start-up cache cannot be used, so a
   * passing run proves it was: JDK 25's AOT cache, or an AppCDS archive from an older JDK.
   */
  static String requireStartUpCache(Path release) {
    return Files.exists(release.resolve("lib/dnsfailover.aot")) ? "-XX:AOTMode=on" : "-Xshare:on";
  }

  private static String read(InputStream stream) {
    try {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

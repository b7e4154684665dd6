package io.dnsfailover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the packaged jar as a user would, {@code java [jvmArgs] -jar dnsfailover.jar args}, with no
 * standard input, and captures what it prints: to completion ({@link #run}), or in the background
 * for a daemon ({@link #start}).
 */
final class JarRun {

  static final Path JAR = Path.of(System.getProperty("dnsfailover.jar", "target/dnsfailover.jar"));

  /** What one run printed and how it ended. */
  record Result(int exitCode, String stdout, String stderr) {
    String output() {
      return "stdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }

  private JarRun() {}

  static Result run(String... args) throws Exception {
    return run(List.of(), environment -> {}, args);
  }

  /**
   * @param jvmArgs options for the child JVM, before {@code -jar}
   * @param environment edits the child's environment (credentials of a fake cloud, say)
   */
  static Result run(List<String> jvmArgs, Consumer<Map<String, String>> environment, String... args)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    environment.accept(builder.environment());
    Process process = builder.start();
    process.getOutputStream().close();
    StringBuilder err = new StringBuilder();
    Thread errReader = Thread.ofVirtual().start(() -> err.append(read(process.getErrorStream())));
    String out = read(process.getInputStream());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("dnsfailover finished").isTrue();
    errReader.join();
    return new Result(process.exitValue(), out, err.toString());
  }

  /**
   * Starts a long-running command ({@code daemon}) from the jar, with no standard input; what it
   * prints (stdout and stderr) goes to {@code log}.
   *
   * @param environment edits the child's environment
   */
  static Running start(Path log, Consumer<Map<String, String>> environment, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    environment.accept(builder.environment());
    Process process = builder.start();
    process.getOutputStream().close();
    return new Running(process, log);
  }

  /** A started {@code daemon}; closing it kills it if it is still running. */
  static final class Running implements AutoCloseable {

    private static final Pattern LISTENING =
        Pattern.compile("status server listening on (http://127\\.0\\.0\\.1:\\d+/)");

    private final Process process;
    private final Path log;

    private Running(Process process, Path log) {
      this.process = process;
      this.log = log;
    }

    /** What it printed so far. */
    String log() {
      try {
        return Files.readString(log, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "(cannot read " + log + ": " + e + ")";
      }
    }

    boolean isAlive() {
      return process.isAlive();
    }

    /**
     * The status server's address from the log ({@code --listen 127.0.0.1:0} picks a free port),
     * once it is there.
     */
    Optional<URI> address() {
      Matcher matcher = LISTENING.matcher(log());
      return matcher.find() ? Optional.of(URI.create(matcher.group(1))) : Optional.empty();
    }

    /** Sends SIGTERM and waits for the exit; returns the exit code. */
    int terminate(Duration patience) throws InterruptedException {
      process.destroy();
      assertThat(process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS))
          .as("exited after SIGTERM:%n%s", log())
          .isTrue();
      return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
      if (process.isAlive()) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private static String read(InputStream stream) {
    try {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return e.toString();
    }
  }
}

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
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Runs the packaged jar as a user would, {@code java [jvmArgs] -jar dnsfailover.jar args}, with no
 * standard input, and captures what it prints: to completion ({@link #run}), or in the background
 * for a daemon ({@link #start}). The {@code *Command} variants take the whole command line, for a
 * jar run some other way (ImageIT: inside the image).
 *
 * <p>With the system property {@code dnsfailover.launcher} set, it runs that release launcher
 * ({@code bin/dnsfailover}, its own Java runtime and start-up cache) instead, the JVM options in
 * {@code DNSFAILOVER_JAVA_OPTS}: the dist module runs the end-to-end tests again that way, so each
 * provider is proven on the runtime jlink made.
 */
final class JarRun {

  static final Path JAR = Path.of(System.getProperty("dnsfailover.jar", "target/dnsfailover.jar"));

  private static final String LAUNCHER = System.getProperty("dnsfailover.launcher");

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
    return runCommand(command(jvmArgs, args), environment.andThen(launcherOptions(jvmArgs)));
  }

  /** Runs {@code command} to completion (at most a minute). */
  static Result runCommand(List<String> command, Consumer<Map<String, String>> environment)
      throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command);
    environment.accept(builder.environment());
    Process process = builder.start();
    process.getOutputStream().close();
    StringBuilder err = new StringBuilder();
    Thread errReader = Thread.ofVirtual().start(() -> err.append(read(process.getErrorStream())));
    String out = read(process.getInputStream());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
    errReader.join();
    return new Result(process.exitValue(), out, err.toString());
  }

  /**
   * Starts a long-running command ({@code daemon}) from the jar in the background. Everything it
   * keeps stays in {@code home}, a folder in the test's temporary directory: its stdout and stderr
   * ({@code stdout.log}, {@code stderr.log}) and, through {@code XDG_STATE_HOME=home/state}, its
   * default state and journal.
   *
   * @param environment edits the child's environment, after XDG_STATE_HOME is set
   */
  static Running start(Path home, Consumer<Map<String, String>> environment, String... args)
      throws IOException {
    return startCommand(home, command(List.of(), args), environment);
  }

  /** {@link #start} for a whole command line. */
  static Running startCommand(
      Path home, List<String> command, Consumer<Map<String, String>> environment)
      throws IOException {
    Path state = Files.createDirectories(home.resolve("state"));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(home.resolve("stdout.log").toFile())
            .redirectError(home.resolve("stderr.log").toFile());
    builder.environment().put("XDG_STATE_HOME", state.toString());
    environment.accept(builder.environment());
    Process process = builder.start();
    process.getOutputStream().close();
    return new Running(process, home);
  }

  private static List<String> command(List<String> jvmArgs, String... args) {
    List<String> command = new ArrayList<>();
    if (LAUNCHER != null) {
      command.add(LAUNCHER);
    } else {
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmArgs);
      command.add("-jar");
      command.add(JAR.toString());
    }
    command.addAll(List.of(args));
    return command;
  }

  /** The launcher takes JVM options from DNSFAILOVER_JAVA_OPTS, split at spaces. */
  private static Consumer<Map<String, String>> launcherOptions(List<String> jvmArgs) {
    return environment -> {
      if (LAUNCHER != null && !jvmArgs.isEmpty()) {
        assertThat(jvmArgs).as("JVM options for the launcher").noneMatch(arg -> arg.contains(" "));
        environment.put("DNSFAILOVER_JAVA_OPTS", String.join(" ", jvmArgs));
      }
    };
  }

  /** A started process; closing it kills it if it is still running. */
  static final class Running implements AutoCloseable {

    private static final Pattern LISTENING =
        Pattern.compile("status server listening on (http://127\\.0\\.0\\.1:\\d+/)");

    private final Process process;
    private final Path home;

    private Running(Process process, Path home) {
      this.process = process;
      this.home = home;
    }

    /** What it logged (its stderr) so far. */
    String log() {
      return readFile(home.resolve("stderr.log"));
    }

    /** Its stdout and stderr so far, for an assertion's description. */
    String output() {
      return "stdout:\n" + readFile(home.resolve("stdout.log")) + "\nstderr:\n" + log();
    }

    long pid() {
      return process.pid();
    }

    boolean isAlive() {
      return process.isAlive();
    }

    /**
     * Waits until {@code condition} holds; fails, with the output, at once if the process ends
     * first, or after {@code atMost}.
     */
    void awaitUntil(String what, Duration atMost, Callable<Boolean> condition) {
      try {
        Awaitility.await(what)
            .atMost(atMost)
            .until(
                () -> {
                  assertThat(process.isAlive())
                      .as(() -> "ended, awaiting " + what + ":\n" + output())
                      .isTrue();
                  return condition.call();
                });
      } catch (ConditionTimeoutException e) {
        throw new AssertionError(e.getMessage() + "\n" + output(), e);
      }
    }

    /**
     * The status server's address, once the log shows it ({@code --listen 127.0.0.1:0} picks a free
     * port).
     */
    URI awaitAddress(Duration atMost) {
      awaitUntil("the status server's address", atMost, () -> address().isPresent());
      return address().orElseThrow();
    }

    private Optional<URI> address() {
      Matcher matcher = LISTENING.matcher(log());
      return matcher.find() ? Optional.of(URI.create(matcher.group(1))) : Optional.empty();
    }

    /** Sends SIGTERM, as a container runtime or systemd stops a service. */
    void sigterm() {
      process.destroy();
    }

    /** Waits for the exit, failing after {@code patience}; returns the exit code. */
    int awaitExit(Duration patience) throws InterruptedException {
      boolean exited = process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(exited).as("exited within %s:%n%s", patience, output()).isTrue();
      return process.exitValue();
    }

    /** Sends SIGTERM and waits for the exit; returns the exit code. */
    int terminate(Duration patience) throws InterruptedException {
      sigterm();
      return awaitExit(patience);
    }

    @Override
    public void close() throws InterruptedException {
      if (process.isAlive()) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private static String readFile(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
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

package io.dnsfailover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the packaged jar as a user would, {@code java [jvmArgs] -jar dnsfailover.jar args}, with no
 * standard input, and captures what it prints. The integration tests' one way to start it.
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

  private static String read(InputStream stream) {
    try {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return e.toString();
    }
  }
}

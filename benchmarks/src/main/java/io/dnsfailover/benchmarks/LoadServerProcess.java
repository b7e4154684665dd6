package io.dnsfailover.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** {@link LoadServer} as a child process of this JVM, on the same class path. */
final class LoadServerProcess implements AutoCloseable {

  /** Counters of the server at one moment. */
  record Snapshot(long connections, long requests, long cpuNanos) {}

  private final Process process;
  private final BufferedReader out;
  private final Writer in;
  private final int port;

  private LoadServerProcess(Process process) throws IOException {
    this.process = process;
    this.out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    String ready = out.readLine();
    if (ready == null || !ready.startsWith("READY ")) {
      process.destroyForcibly();
      throw new IOException("load server did not start: " + ready);
    }
    this.port = Integer.parseInt(ready.substring("READY ".length()).trim());
  }

  /**
   * @param cpus when present, the CPUs the server may run on ({@code taskset -c} syntax, Linux), so
   *     that it does not take CPU time from a prober pinned to the others
   */
  static LoadServerProcess start(int addresses, Optional<String> cpus) throws IOException {
    List<String> command = new ArrayList<>();
    cpus.ifPresent(list -> command.addAll(List.of("taskset", "-c", list)));
    command.addAll(
        List.of(
            ProcessHandle.current().info().command().orElse("java"),
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            LoadServer.class.getName(),
            Integer.toString(addresses)));
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    return new LoadServerProcess(process);
  }

  int port() {
    return port;
  }

  Snapshot snapshot() throws IOException {
    in.write("stats\n");
    in.flush();
    String line = out.readLine();
    if (line == null || !line.startsWith("STATS ")) {
      throw new IOException("load server answered " + line);
    }
    String[] parts = line.split(" ");
    return new Snapshot(
        Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]));
  }

  @Override
  public void close() throws IOException, InterruptedException {
    in.close(); // end of stdin stops it
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}

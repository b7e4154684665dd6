package io.dnsfailover.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How the CPU cost of the commands a cron job or a CI step runs grows with the number of records:
 * {@code validate}, {@code plan} on a zone file that already holds every record, and {@code once}
 * publishing every record into a fresh zone file. Each run is a fresh process under {@code
 * /usr/bin/time}, which reports the user and system CPU seconds of the process and the children it
 * waited for: JVM start-up, JIT and GC included, as a user pays them. The process is the release's
 * launcher ({@code --launcher dist/target/dnsfailover-VERSION/bin/dnsfailover}: its runtime, its
 * start-up cache and JVM options) or, given {@code --jar}, {@code java -jar} on the JDK running
 * this benchmark.
 *
 * <p>The configs are generated: one zone on the zone-file provider, {@code N} A records of one
 * endpoint each, checked with {@code tcp} on a loopback port where nothing listens (a refused
 * connection is the cheapest probe there is, so the probes weigh little and the curve shows the
 * tool's own work), {@code whenAllDown: all} so every record is published.
 *
 * <p>CPU time, not wall time: on a machine that other work shares, the wall time of a run says more
 * about the neighbours than about the tool.
 */
final class ScaleCurve {

  /** A loopback port nothing listens on: every probe is refused at once. */
  private static final int REFUSED_PORT = 9;

  private ScaleCurve() {}

  static void run(Options options, Results results) throws Exception {
    List<String> program = program(options);
    int runs = options.integer("runs", 5);
    int[] sizes =
        Arrays.stream(options.string("sizes", "10,100,1000,10000").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    List<String> commands = List.of(options.string("commands", "validate,plan,once").split(","));
    Path time = Path.of("/usr/bin/time");
    if (!Files.isExecutable(time)) {
      throw new IllegalStateException(
          "/usr/bin/time is missing: install GNU time (Debian: apt-get install time)");
    }
    Path work = Files.createTempDirectory("dnsfailover-bench-scale-");
    System.out.printf(
        "scale: %s at %s records, %d runs each, CPU seconds (user + system) of %s; working in"
            + " %s%n",
        String.join(", ", commands), Arrays.toString(sizes), runs, String.join(" ", program), work);
    String benchmark = "scale (" + Path.of(program.getLast()).getFileName() + ")";
    Map<String, Map<Integer, Stats>> curves = new LinkedHashMap<>();
    for (String command : commands) {
      Map<Integer, Stats> curve = new LinkedHashMap<>();
      for (int size : sizes) {
        Path dir = Files.createDirectories(work.resolve(size + "-" + command));
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, config(size, dir.resolve("zone.zone")));
        if (command.equals("plan")) {
          publish(program, time, dir); // plan then finds every record as it wants it
        }
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
          if (command.equals("once")) {
            Files.writeString(dir.resolve("zone.zone"), ZONE_HEAD);
            Files.deleteIfExists(dir.resolve("state.json"));
          }
          seconds[i] = cpuSeconds(program, time, dir, command);
        }
        Stats stats = new Stats(seconds);
        curve.put(size, stats);
        System.out.printf(
            Locale.ROOT,
            "  %-8s %6d records: CPU median %.2f s (min %.2f, max %.2f; runs %s), load %s%n",
            command,
            size,
            stats.median(),
            stats.min(),
            stats.max(),
            Arrays.toString(seconds),
            Machine.loadAverage());
        results.info(
            benchmark,
            command + " " + size + " records: CPU s median (min..max)",
            String.format(
                Locale.ROOT, "%.2f (%.2f..%.2f)", stats.median(), stats.min(), stats.max()));
      }
      curves.put(command, curve);
    }
    ratio(results, benchmark, curves, "validate", 10_000, 100, 2.5);
    ratio(results, benchmark, curves, "plan", 5_000, 10, 3.0);
    ratio(results, benchmark, curves, "once", 10_000, 10, Double.NaN);
    ratio(results, benchmark, curves, "plan", 10_000, 10, Double.NaN);
    ratio(results, benchmark, curves, "validate", 10_000, 10, Double.NaN);
  }

  /** The row "command: N records / M records" when both were measured; a target unless NaN. */
  private static void ratio(
      Results results,
      String benchmark,
      Map<String, Map<Integer, Stats>> curves,
      String command,
      int large,
      int small,
      double target) {
    Map<Integer, Stats> curve = curves.getOrDefault(command, Map.of());
    if (!curve.containsKey(large) || !curve.containsKey(small)) {
      return;
    }
    double ratio = curve.get(large).median() / curve.get(small).median();
    String metric = command + " CPU, " + large + " records / " + small + " records";
    String value = String.format(Locale.ROOT, "%.2fx", ratio);
    if (Double.isNaN(target)) {
      results.info(benchmark, metric, value);
    } else {
      results.add(benchmark, metric, value, "<= " + target + "x", ratio <= target);
    }
  }

  /** Runs {@code once} untimed, so the zone file holds every record and its marker. */
  private static void publish(List<String> program, Path time, Path dir) throws Exception {
    Files.writeString(dir.resolve("zone.zone"), ZONE_HEAD);
    cpuSeconds(program, time, dir, "once");
  }

  /**
   * What runs the tool: the launcher given with {@code --launcher}, else {@code java
   * [--java-options] -jar JAR} with {@code --jar} (default {@code cli/target/dnsfailover.jar}).
   */
  private static List<String> program(Options options) {
    String launcher = options.string("launcher", "");
    if (!launcher.isEmpty()) {
      Path path = Path.of(launcher).toAbsolutePath();
      if (!Files.isExecutable(path)) {
        throw new IllegalStateException(
            path + " is missing: build the release with ./mvnw -B -DskipTests -Prelease package");
      }
      return List.of(path.toString());
    }
    Path jar = options.path("jar", Path.of("cli/target/dnsfailover.jar")).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build it with ./mvnw -DskipTests package");
    }
    List<String> program = new ArrayList<>();
    program.add(ProcessHandle.current().info().command().orElse("java"));
    String javaOptions = options.string("java-options", "").trim();
    if (!javaOptions.isEmpty()) {
      program.addAll(List.of(javaOptions.split("\\s+")));
    }
    program.addAll(List.of("-jar", jar.toString()));
    return List.copyOf(program);
  }

  /** One run of {@code command} in a fresh process: its user + system CPU seconds. */
  private static double cpuSeconds(List<String> program, Path time, Path dir, String command)
      throws IOException, InterruptedException {
    Path times = dir.resolve("time.txt");
    List<String> line = new ArrayList<>();
    line.addAll(List.of(time.toString(), "-f", "%U %S", "-o", times.toString()));
    line.addAll(program);
    line.addAll(List.of(command, "-c", "config.yaml"));
    if (!command.equals("validate")) {
      line.addAll(List.of("--state", "state.json"));
    }
    Process process =
        new ProcessBuilder(line)
            .directory(dir.toFile())
            .redirectOutput(dir.resolve(command + ".out").toFile())
            .redirectError(dir.resolve(command + ".err").toFile())
            .start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(command + " did not finish in 10 minutes in " + dir);
    }
    // plan exits 0 (no change) or 2 (changes, with --detailed-exitcode only); once and validate 0.
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          command
              + " exited "
              + process.exitValue()
              + " in "
              + dir
              + ": "
              + Files.readString(dir.resolve(command + ".err"), StandardCharsets.UTF_8));
    }
    String[] parts = Files.readString(times, StandardCharsets.UTF_8).trim().split("\\s+");
    return Double.parseDouble(parts[parts.length - 2])
        + Double.parseDouble(parts[parts.length - 1]);
  }

  private static final String ZONE_HEAD =
      """
      $ORIGIN example.test.
      $TTL 3600
      @       IN SOA  ns1.example.test. hostmaster.example.test. 2026112301 3600 600 604800 60
              IN NS   ns1.example.test.
      ns1     IN A    192.0.2.53
      """;

  /** {@code records} A records r0..rN-1, one endpoint each, in one zone file. */
  static String config(int records, Path zone) {
    StringBuilder text = new StringBuilder();
    text.append(
        """
        version: 1
        ownerId: bench
        defaults:
          ttl: 30
          check: { type: tcp, port: %d, interval: 10s, timeout: 1s, rise: 1, fall: 1 }
        providers:
          local: { type: zonefile, path: "%s" }
        zones:
          - name: example.test.
            provider: local
            records:
        """
            .formatted(REFUSED_PORT, zone));
    for (int i = 0; i < records; i++) {
      text.append(
          String.format(
              Locale.ROOT,
              "      - { name: r%d, type: A, whenAllDown: all, endpoints: [{ id: e, address:"
                  + " 127.%d.%d.%d }] }%n",
              i,
              2 + ((i >> 16) & 0xff),
              (i >> 8) & 0xff,
              i & 0xff));
    }
    return text.toString();
  }
}

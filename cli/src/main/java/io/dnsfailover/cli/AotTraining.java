package io.dnsfailover.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * The workload the release's start-up cache is recorded from: the commands cron and CI run ({@code
 * --help}, {@code validate}, {@code check}, {@code plan}, {@code once}, {@code events}, a usage
 * error), each in the same JVM, against a zone-file config whose primary endpoint answers on a
 * loopback HTTP server of its own and whose backup does not. The classes these runs load and link
 * go into a JDK 25 AOT cache (JEP 483, 514) or, on an older runtime, an AppCDS archive; the
 * launcher {@code bin/dnsfailover} hands it to every run.
 *
 * <p>Not a command: {@code scripts/release.sh} runs it once at build time, {@code java
 * -XX:AOTCacheOutput=lib/dnsfailover.aot -cp lib/dnsfailover.jar io.dnsfailover.cli.AotTraining
 * DIR}, where DIR is an empty folder for the config, zone, state and journal files. It fails (exit
 * 1) when a command does not end as it should, so a broken workload never yields a cache that
 * quietly covers nothing.
 */
public final class AotTraining {

  private AotTraining() {}

  /** One command line and the exit code it must end with. */
  private record Run(int expectedExitCode, String... args) {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: AotTraining DIR (an empty folder for the training's files)");
      System.exit(ExitCodes.USAGE);
    }
    List<String> failures = train(Path.of(args[0]));
    if (!failures.isEmpty()) {
      failures.forEach(System.err::println);
      System.exit(ExitCodes.FAILURE);
    }
  }

  /**
   * Runs the workload with its files in {@code dir}; returns a description of each command that did
   * not end with the exit code it should (none: all is well).
   */
  static List<String> train(Path dir) throws IOException {
    Files.createDirectories(dir);
    HttpServer healthy =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    healthy.createContext(
        "/healthz",
        exchange -> {
          byte[] body = "ok\n".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    healthy.start();
    List<String> failures = new ArrayList<>();
    try {
      Path config = dir.resolve("config.yaml");
      Files.writeString(
          config, config(healthy.getAddress().getPort(), dir.resolve("training.zone")));
      String file = config.toString();
      String state = dir.resolve("state.json").toString();
      String journal = dir.resolve("events.jsonl").toString();
      List<Run> runs =
          List.of(
              new Run(ExitCodes.OK, "--help"),
              new Run(ExitCodes.OK, "--version"),
              new Run(ExitCodes.OK, "validate", "--help"),
              new Run(ExitCodes.OK, "once", "--help"),
              new Run(ExitCodes.USAGE, "valdate"),
              new Run(ExitCodes.USAGE, "plan", "--detailed-exitcod"),
              new Run(ExitCodes.OK, "validate", "-c", file),
              new Run(ExitCodes.OK, "check", "-c", file, "--state", state),
              new Run(ExitCodes.OK, "check", "-c", file, "--state", state, "-o", "json"),
              new Run(
                  ExitCodes.CHANGES, "plan", "-c", file, "--state", state, "--detailed-exitcode"),
              new Run(ExitCodes.OK, "plan", "-c", file, "--state", state, "-o", "json"),
              new Run(ExitCodes.OK, "plan", "-c", file, "--state", state, "-o", "markdown"),
              new Run(ExitCodes.OK, "once", "-c", file, "--state", state, "--dry-run"),
              new Run(ExitCodes.OK, "once", "-c", file, "--state", state),
              new Run(ExitCodes.OK, "once", "-c", file, "--state", state),
              new Run(ExitCodes.OK, "events", "--journal", journal),
              new Run(ExitCodes.OK, "--log-format", "json", "once", "-c", file, "--state", state),
              new Run(ExitCodes.OK, "--log-format", "text", "validate", "-c", file));
      for (Run run : runs) {
        StringWriter output = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(output, true));
        commandLine.setErr(new PrintWriter(output, true));
        int exitCode = commandLine.execute(run.args());
        if (exitCode != run.expectedExitCode()) {
          failures.add(
              String.join(" ", run.args())
                  + ": exit "
                  + exitCode
                  + ", expected "
                  + run.expectedExitCode()
                  + "\n"
                  + output);
        }
      }
    } finally {
      healthy.stop(0);
    }
    return failures;
  }

  /** A quickstart-like config: a failover record and a TCP-checked one, on a zone file. */
  private static String config(int port, Path zone) {
    return """
        version: 1
        ownerId: training
        defaults:
          ttl: 30
          check: { interval: 10s, timeout: 1s, rise: 2, fall: 2 }
        providers:
          local: { type: zonefile, path: "%2$s" }
        zones:
          - name: example.test.
            provider: local
            records:
              - name: app
                type: A
                ttl: 20
                policy: failover
                check: { type: http, url: "http://{address}:%1$d/healthz", expectStatus: [200] }
                endpoints:
                  - { id: primary, address: 127.0.0.1, priority: 1 }
                  - { id: backup, address: 127.0.0.2, priority: 2 }
              - name: api
                type: A
                policy: multivalue
                check: { type: tcp, port: %1$d }
                endpoints:
                  - { id: one, address: 127.0.0.1 }
                  - { id: two, address: 127.0.0.2 }
        """
        .formatted(port, zone);
  }
}

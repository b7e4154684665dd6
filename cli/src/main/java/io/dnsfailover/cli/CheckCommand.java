package io.dnsfailover.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.engine.HealthRound;
import io.dnsfailover.health.HealthSnapshot;
import io.dnsfailover.health.ProbeResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code check}: probes every endpoint once and prints what it found. Changes nothing. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description =
        "Probe every endpoint once and print the result and the health state it leads to. Reads"
            + " the state file for rise/fall but never writes it; calls no DNS provider.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every endpoint was probed (healthy or not)",
      "1:invalid config or I/O error"
    })
final class CheckCommand implements Callable<Integer> {

  @Mixin ConfigOptions options;
  @Mixin StateOptions stateOptions;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE}).")
  Output output;

  @Override
  public Integer call() throws IOException {
    Optional<Config> config = options.loadStrict();
    if (config.isEmpty()) {
      return ExitCodes.FAILURE;
    }
    try (Session session = new Session(config.get(), stateOptions.stateFile(config.get()))) {
      HealthRound round = session.probe();
      PrintWriter out = options.spec.commandLine().getOut();
      out.print(output == Output.json ? json(config.get(), round) : text(config.get(), round));
      out.flush();
    }
    return ExitCodes.OK;
  }

  private static String text(Config config, HealthRound round) {
    String format = "%-40s %-6s %-24s %8s  %s%n";
    StringBuilder table = new StringBuilder();
    table.append(String.format(format, "ENDPOINT", "CHECK", "STATE", "LATENCY", "RESULT"));
    for (EndpointConfig endpoint : config.endpoints()) {
      ProbeResult result = round.results().get(endpoint.key());
      HealthSnapshot snapshot = round.snapshots().get(endpoint.key());
      table.append(
          String.format(
              format,
              endpoint.key(),
              endpoint.check().type(),
              state(endpoint, snapshot),
              result.latency().toMillis() + "ms",
              (result.success() ? "ok: " : "failed: ") + result.detail()));
    }
    return table.toString();
  }

  /** "HEALTHY", or "HEALTHY (1 of 3 failures)" while an endpoint is on its way to flipping. */
  private static String state(EndpointConfig endpoint, HealthSnapshot snapshot) {
    if (snapshot.status() == io.dnsfailover.health.HealthStatus.HEALTHY
        && snapshot.failures() > 0) {
      return snapshot.status()
          + " ("
          + snapshot.failures()
          + " of "
          + endpoint.check().fall()
          + " failures)";
    }
    if (snapshot.status() == io.dnsfailover.health.HealthStatus.UNHEALTHY
        && snapshot.successes() > 0) {
      return snapshot.status()
          + " ("
          + snapshot.successes()
          + " of "
          + endpoint.check().rise()
          + " successes)";
    }
    return snapshot.status().name();
  }

  private static String json(Config config, HealthRound round) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    ArrayNode endpoints = root.putArray("endpoints");
    for (EndpointConfig endpoint : config.endpoints()) {
      ProbeResult result = round.results().get(endpoint.key());
      HealthSnapshot snapshot = round.snapshots().get(endpoint.key());
      endpoints
          .addObject()
          .put("key", endpoint.key())
          .put("id", endpoint.id())
          .put("address", endpoint.address())
          .put("check", endpoint.check().type())
          .put("state", snapshot.status().name())
          .put("success", result.success())
          .put("latencyMillis", result.latency().toMillis())
          .put("detail", result.detail());
    }
    return root.toPrettyString() + "\n";
  }
}

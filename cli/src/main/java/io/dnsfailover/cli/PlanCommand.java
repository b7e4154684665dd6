package io.dnsfailover.cli;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.engine.HealthRound;
import io.dnsfailover.engine.ReconcileReport;
import io.dnsfailover.engine.report.PlanJson;
import io.dnsfailover.engine.report.PlanMarkdown;
import io.dnsfailover.engine.report.PlanText;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code plan}: probes, reads DNS, and prints what {@code once} would change. Writes nothing. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description =
        "Probe every endpoint, read the records from each provider and show what would change and"
            + " why. Makes no write call; reads the state file but never writes it.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no change pending (or changes, without --detailed-exitcode)",
      "1:invalid config, provider or I/O error",
      "2:changes pending (with --detailed-exitcode)"
    })
final class PlanCommand implements Callable<Integer> {

  @Mixin ConfigOptions options;
  @Mixin StateOptions stateOptions;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text, json or markdown (default: ${DEFAULT-VALUE}).")
  PlanOutput output;

  @Option(
      names = "--detailed-exitcode",
      description = "Exit 2 when changes are pending, 0 when there are none (like terraform).")
  boolean detailedExitCode;

  @Override
  public Integer call() throws IOException {
    Optional<Config> config = options.loadStrict();
    if (config.isEmpty()) {
      return ExitCodes.FAILURE;
    }
    try (Session session = new Session(config.get(), stateOptions.stateFile(config.get()))) {
      HealthRound round = session.probe();
      ReconcileReport report = session.reconciler().plan(round.statuses());
      PrintWriter out = options.spec.commandLine().getOut();
      out.print(
          switch (output) {
            case text -> PlanText.render(report);
            case json -> PlanJson.render(report);
            case markdown -> PlanMarkdown.render(report);
          });
      out.flush();
      report
          .failures()
          .forEach(f -> options.spec.commandLine().getErr().println("error: " + f.describe()));
      if (report.failed()) {
        return ExitCodes.FAILURE;
      }
      return detailedExitCode && report.plan().hasChanges() ? ExitCodes.CHANGES : ExitCodes.OK;
    }
  }
}

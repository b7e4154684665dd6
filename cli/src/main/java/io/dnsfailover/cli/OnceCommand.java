package io.dnsfailover.cli;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.engine.HealthRound;
import io.dnsfailover.engine.ReconcileReport;
import io.dnsfailover.engine.report.PlanText;
import io.dnsfailover.health.HealthSnapshot;
import io.dnsfailover.health.HealthStatus;
import io.dnsfailover.health.Transition;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code once}: probe, plan and apply one time, then exit: the cron job. */
@Command(
    name = "once",
    mixinStandardHelpOptions = true,
    description =
        "Probe every endpoint, plan, apply the changes, save the rise/fall state, exit. Run it"
            + " from cron: rise/fall count across runs through the state file, so one flaky probe"
            + " never flips a record.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:DNS matches what the health checks want (changes applied, or none needed)",
      "1:invalid config, provider or I/O error, or a record left alone because of a conflict"
    })
final class OnceCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(OnceCommand.class);

  @Mixin ConfigOptions options;
  @Mixin StateOptions stateOptions;

  @Option(
      names = "--dry-run",
      description = "Show what would change and stop: no write call, state file not written.")
  boolean dryRun;

  /** A failed probe that did not flip its endpoint yet: say how far it is from flipping. */
  private static void logFailuresBelowFall(Session session, HealthRound round) {
    for (EndpointConfig endpoint : session.config.endpoints()) {
      HealthSnapshot snapshot = round.snapshots().get(endpoint.key());
      if (snapshot.status() == HealthStatus.HEALTHY && snapshot.failures() > 0) {
        log.info(
            "endpoint {}: probe failed ({}), {} of {} failures before it is marked down",
            endpoint.key(),
            round.results().get(endpoint.key()).detail(),
            snapshot.failures(),
            endpoint.check().fall());
      } else if (snapshot.status() == HealthStatus.UNHEALTHY && snapshot.successes() > 0) {
        log.info(
            "endpoint {}: probe succeeded ({}), {} of {} successes before it is marked up",
            endpoint.key(),
            round.results().get(endpoint.key()).detail(),
            snapshot.successes(),
            endpoint.check().rise());
      }
    }
  }

  @Override
  public Integer call() throws IOException {
    Optional<Config> config = options.loadStrict();
    if (config.isEmpty()) {
      return ExitCodes.FAILURE;
    }
    PrintWriter out = options.spec.commandLine().getOut();
    PrintWriter err = options.spec.commandLine().getErr();
    try (Session session = new Session(config.get(), stateOptions.stateFile(config.get()))) {
      HealthRound round = session.probe();
      logFailuresBelowFall(session, round);
      for (Transition transition : round.transitions()) {
        log.info(
            "endpoint {}: {} -> {}: {}",
            transition.endpointKey(),
            transition.from(),
            transition.to(),
            transition.reason());
      }
      ReconcileReport report =
          dryRun
              ? session.reconciler().plan(round.statuses())
              : session.reconciler().reconcile(round.statuses());
      if (!dryRun) {
        session.stateFile.save(round.snapshots());
      }
      out.print(PlanText.render(report));
      out.flush();
      report.failures().forEach(failure -> err.println("error: " + failure.describe()));
      int conflicts = report.plan().conflicts().size();
      if (conflicts > 0) {
        err.println(
            "error: "
                + conflicts
                + (conflicts == 1 ? " record was" : " records were")
                + " left alone because of a conflict (see above)");
      }
      return report.failed() || conflicts > 0 ? ExitCodes.FAILURE : ExitCodes.OK;
    }
  }
}

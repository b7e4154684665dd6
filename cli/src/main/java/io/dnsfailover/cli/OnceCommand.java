package io.dnsfailover.cli;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.engine.HealthRound;
import io.dnsfailover.engine.ReconcileReport;
import io.dnsfailover.engine.report.PlanText;
import io.dnsfailover.engine.state.StateFile;
import io.dnsfailover.engine.verify.DnsjavaLookup;
import io.dnsfailover.engine.verify.ServedCheck;
import io.dnsfailover.engine.verify.ServedReport;
import io.dnsfailover.engine.verify.Verification;
import io.dnsfailover.health.HealthSnapshot;
import io.dnsfailover.health.HealthStatus;
import io.dnsfailover.health.Transition;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

  /** Asks each zone's verify servers until they serve the change; prints the verdict per zone. */
  private static List<ServedReport> verify(
      Verification verification, PrintWriter out, PrintWriter err) {
    ServedCheck check = new ServedCheck(new DnsjavaLookup());
    List<ServedReport> reports = new ArrayList<>();
    for (Verification.Target target : verification.targets()) {
      ServedReport report = check.await(target.zone(), target.verify(), target.expected());
      reports.add(report);
      out.println(report.summary());
      report.notServed().forEach(line -> out.println("  " + line));
      out.flush();
      if (!report.allServed()) {
        err.println(
            "error: zone "
                + target.zone()
                + ": the change is not served by "
                + (report.servers().size() - report.servedCount())
                + " of "
                + report.servers().size()
                + " servers within "
                + Durations.format(target.verify().timeout())
                + " (see above)");
      }
    }
    return reports;
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
              : session.reconciler().reconcile(round.statuses(), session.saved().reloadsOwed());
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
      boolean notServed = false;
      if (!dryRun) {
        // Saved before verifying, so a run killed while it waits keeps its counters.
        Set<DnsName> unverified = session.saved().unverified();
        session.stateFile.save(
            new StateFile.State(round.snapshots(), report.reloadsOwed(), unverified));
        Verification verification = Verification.after(session.config, report, unverified);
        List<ServedReport> served = verify(verification, out, err);
        Set<DnsName> stillUnverified = verification.unverifiedAfter(served);
        if (!stillUnverified.equals(unverified)) {
          session.stateFile.save(
              new StateFile.State(round.snapshots(), report.reloadsOwed(), stillUnverified));
        }
        notServed = served.stream().anyMatch(zone -> !zone.allServed());
      }
      return report.failed() || conflicts > 0 || notServed ? ExitCodes.FAILURE : ExitCodes.OK;
    }
  }
}

package io.dnsfailover.engine;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.config.RecordConfig;
import io.dnsfailover.core.config.ZoneConfig;
import io.dnsfailover.core.plan.IsolatedApply;
import io.dnsfailover.core.plan.Plan;
import io.dnsfailover.core.plan.Planner;
import io.dnsfailover.core.plan.ZonePlan;
import io.dnsfailover.core.policy.Answer;
import io.dnsfailover.core.policy.EndpointStatus;
import io.dnsfailover.core.policy.PolicyEvaluator;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.ZoneContents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass from health to DNS: for each zone, read what the provider holds (once), let each
 * record's policy decide its answer, plan, and apply the zone's changes in one call. A zone whose
 * provider fails is reported and the other zones go on; within a zone, a batch the provider rejects
 * as invalid is applied record by record ({@link IsolatedApply}), so the records it can take are
 * written and the zone's failure names the ones it refused. Dry runs stop after planning: no write
 * call is made.
 */
public final class Reconciler {

  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

  private final Config config;
  private final Providers providers;
  private final Planner planner;

  public Reconciler(Config config, Providers providers) {
    this.config = config;
    this.providers = providers;
    this.planner = new Planner(config.ownerId());
  }

  /** Reads and plans every zone; makes no write call. */
  public ReconcileReport plan(Map<String, EndpointStatus> health) {
    List<ZonePlan> plans = new ArrayList<>();
    List<ZoneFailure> failures = new ArrayList<>();
    for (ZoneConfig zone : config.zones()) {
      try {
        plans.add(planZone(zone, health));
      } catch (ProviderException e) {
        failures.add(new ZoneFailure(zone.zone(), "read", e));
      }
    }
    return new ReconcileReport(new Plan(plans), List.of(), failures, Set.of());
  }

  /** {@link #reconcile(Map, Set)} with no reload owed from an earlier run. */
  public ReconcileReport reconcile(Map<String, EndpointStatus> health) {
    return reconcile(health, Set.of());
  }

  /**
   * Plans and applies every zone. When a provider reports that a record changed under us
   * (CONFLICT), the zone is read and planned again once before giving up, so a concurrent writer
   * that already made our change does not fail the run.
   *
   * <p>After a zone's apply wrote something, and for every zone in {@code reloadsOwed} (a reload
   * that failed before), the provider is told to make its servers load the zone ({@link
   * DnsProvider#reload}); a zone whose reload fails is reported and stays owed in the report.
   */
  public ReconcileReport reconcile(Map<String, EndpointStatus> health, Set<DnsName> reloadsOwed) {
    ReconcileReport planned = plan(health);
    List<ZonePlan> finalPlans = new ArrayList<>();
    List<Change> applied = new ArrayList<>();
    List<ZoneFailure> failures = new ArrayList<>(planned.failures());
    Set<DnsName> stillOwed = new TreeSet<>();
    for (ZonePlan zonePlan : planned.plan().zones()) {
      ZoneConfig zone = zoneConfig(zonePlan);
      List<Change> appliedHere = new ArrayList<>();
      try {
        ZonePlan current = zonePlan;
        IsolatedApply.Result outcome;
        try {
          outcome = apply(current);
        } catch (ProviderException e) {
          if (e.kind() != ProviderException.Kind.CONFLICT) {
            throw e;
          }
          appliedHere.addAll(logged(e.applied()));
          log.warn("zone {}: {}; reading it again and re-planning", zone.name(), e.getMessage());
          current = planZone(zone, health);
          outcome = apply(current);
        }
        appliedHere.addAll(outcome.applied());
        outcome
            .failure(current.changes().size())
            .ifPresent(rejected -> failures.add(new ZoneFailure(zone.zone(), "apply", rejected)));
        finalPlans.add(current);
      } catch (ProviderException e) {
        appliedHere.addAll(logged(e.applied()));
        finalPlans.add(zonePlan);
        failures.add(new ZoneFailure(zone.zone(), "apply", e));
      }
      applied.addAll(appliedHere);
      if (!appliedHere.isEmpty() || reloadsOwed.contains(zone.name())) {
        try {
          providers.get(zone.provider()).reload(zone.zone());
        } catch (ProviderException e) {
          failures.add(new ZoneFailure(zone.zone(), "reload", e));
          stillOwed.add(zone.name());
        }
      }
    }
    // A zone that left the config owes nothing any more; one that could not be planned still does.
    for (ZoneFailure failure : planned.failures()) {
      if (reloadsOwed.contains(failure.zone().name())) {
        stillOwed.add(failure.zone().name());
      }
    }
    return new ReconcileReport(new Plan(finalPlans), applied, failures, stillOwed);
  }

  private ZonePlan planZone(ZoneConfig zone, Map<String, EndpointStatus> health)
      throws ProviderException {
    DnsProvider provider = providers.get(zone.provider());
    ZoneContents current = provider.contents(zone.zone(), Planner.keysToRead(zone));
    Map<RecordKey, Answer> answers = new HashMap<>();
    for (RecordConfig record : zone.records()) {
      answers.put(record.key(), PolicyEvaluator.decide(record, health));
    }
    return planner.plan(zone, provider.type(), provider.capabilities(), answers, current);
  }

  /**
   * Applies the zone's changes in one call; when the provider rejects that as invalid, record by
   * record ({@link IsolatedApply}), so one bad record never blocks another's failover.
   */
  private IsolatedApply.Result apply(ZonePlan plan) throws ProviderException {
    DnsProvider provider = providers.get(zoneConfig(plan).provider());
    IsolatedApply.Result outcome = IsolatedApply.apply(provider, plan.zone(), plan.changes());
    logged(outcome.applied()); // what was rejected becomes the zone's failure, reported by callers
    return outcome;
  }

  private static List<Change> logged(List<Change> applied) {
    for (Change change : applied) {
      log.info("{} {}: {}", verb(change), describe(change), change.reason());
    }
    return applied;
  }

  private ZoneConfig zoneConfig(ZonePlan plan) {
    Optional<ZoneConfig> zone =
        config.zones().stream().filter(z -> z.name().equals(plan.zone().name())).findFirst();
    return zone.orElseThrow();
  }

  static String verb(Change change) {
    return switch (change) {
      case Change.Create create -> "created";
      case Change.Update update -> "updated";
      case Change.Delete delete -> "deleted";
    };
  }

  static String describe(Change change) {
    return switch (change) {
      case Change.Create create -> create.after().toString();
      case Change.Update update ->
          update.key()
              + " "
              + String.join(",", update.before().values())
              + " -> "
              + String.join(",", update.after().values());
      case Change.Delete delete -> delete.before().toString();
    };
  }
}

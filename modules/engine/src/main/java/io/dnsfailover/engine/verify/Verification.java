package io.dnsfailover.engine.verify;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.config.VerifyConfig;
import io.dnsfailover.core.config.ZoneConfig;
import io.dnsfailover.core.plan.ZonePlan;
import io.dnsfailover.engine.ReconcileReport;
import io.dnsfailover.engine.ZoneFailure;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which zones to verify after a reconcile. A zone with a {@code verify:} block is due when the
 * reconcile wrote to it, or when its servers did not serve it last time ({@code unverified}). A due
 * zone whose write or reload failed just now is deferred: its servers cannot serve it yet, and it
 * stays unverified for the next reconcile (or {@code once} run).
 *
 * @param targets the zones to verify now, in config order
 * @param deferred due zones that cannot be verified now
 */
public record Verification(List<Target> targets, Set<DnsName> deferred) {

  /**
   * One zone to verify.
   *
   * @param expected what every server must answer
   * @param changed the reconcile wrote to the zone (otherwise its last check failed)
   */
  public record Target(
      DnsName zone, VerifyConfig verify, List<Expectation> expected, boolean changed) {
    public Target {
      Objects.requireNonNull(zone, "zone");
      Objects.requireNonNull(verify, "verify");
      expected = List.copyOf(expected);
    }
  }

  public Verification {
    targets = List.copyOf(targets);
    deferred = Set.copyOf(deferred);
  }

  public static Verification after(Config config, ReconcileReport report, Set<DnsName> unverified) {
    Set<Change> applied = new HashSet<>(report.applied());
    Set<DnsName> failed = new HashSet<>();
    for (ZoneFailure failure : report.failures()) {
      failed.add(failure.zone().name());
    }
    List<Target> targets = new ArrayList<>();
    Set<DnsName> deferred = new TreeSet<>();
    for (ZonePlan plan : report.plan().zones()) {
      DnsName name = plan.zone().name();
      Optional<VerifyConfig> verify =
          config.zones().stream()
              .filter(zone -> zone.name().equals(name))
              .findFirst()
              .flatMap(ZoneConfig::verify);
      boolean wrote = plan.changes().stream().anyMatch(applied::contains);
      if (verify.isEmpty() || !(wrote || unverified.contains(name))) {
        continue;
      }
      if (failed.contains(name)) {
        deferred.add(name);
      } else {
        targets.add(new Target(name, verify.get(), Expectation.of(plan), wrote));
      }
    }
    // A zone that could not even be read has no plan, and stays as unverified as it was.
    for (DnsName name : failed) {
      if (unverified.contains(name)) {
        deferred.add(name);
      }
    }
    return new Verification(targets, deferred);
  }

  /** The zones unverified once {@code reports} (of {@link #targets}) are in. */
  public Set<DnsName> unverifiedAfter(List<ServedReport> reports) {
    Set<DnsName> result = new TreeSet<>(deferred);
    reports.stream().filter(report -> !report.allServed()).forEach(r -> result.add(r.zone()));
    return Set.copyOf(result);
  }
}

package io.dnsfailover.engine;

import io.dnsfailover.core.plan.Plan;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import java.util.List;
import java.util.Set;

/**
 * The outcome of one reconcile: the plan, the changes applied (empty for {@code plan} and {@code
 * --dry-run}), the zones whose provider failed, and the zones whose servers still have to be told
 * to load what was written (a failed {@code reloadCommand}: the next reconcile runs it again).
 */
public record ReconcileReport(
    Plan plan, List<Change> applied, List<ZoneFailure> failures, Set<DnsName> reloadsOwed) {

  public ReconcileReport {
    applied = List.copyOf(applied);
    failures = List.copyOf(failures);
    reloadsOwed = Set.copyOf(reloadsOwed);
  }

  public ReconcileReport(Plan plan, List<Change> applied, List<ZoneFailure> failures) {
    this(plan, applied, failures, Set.of());
  }

  public boolean failed() {
    return !failures.isEmpty();
  }
}

package io.dnsfailover.engine;

import io.dnsfailover.core.plan.Plan;
import io.dnsfailover.spi.Change;
import java.util.List;

/**
 * The outcome of one reconcile: the plan, the changes applied (empty for {@code plan} and {@code
 * --dry-run}), and the zones whose provider failed.
 */
public record ReconcileReport(Plan plan, List<Change> applied, List<ZoneFailure> failures) {

  public ReconcileReport {
    applied = List.copyOf(applied);
    failures = List.copyOf(failures);
  }

  public boolean failed() {
    return !failures.isEmpty();
  }
}

package io.dnsfailover.engine.report;

import io.dnsfailover.core.plan.RecordPlan;
import io.dnsfailover.core.plan.ZonePlan;
import io.dnsfailover.engine.ReconcileReport;
import io.dnsfailover.engine.ZoneFailure;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.RecordSet;
import java.util.Optional;

/**
 * The plan as GitHub/GitLab-flavoured Markdown ({@code plan -o markdown}), for a CI job to post on
 * a merge request: the summary first, then one table per zone. A geo record's cells show each
 * location's values, and its reason each location's reason.
 */
public final class PlanMarkdown {

  private PlanMarkdown() {}

  public static String render(ReconcileReport report) {
    StringBuilder out = new StringBuilder("### dnsfailover plan\n\n");
    out.append("**").append(PlanText.summary(report)).append("**\n");
    for (ZoneFailure failure : report.failures()) {
      out.append("\n> **Error:** ").append(cell(failure.describe())).append('\n');
    }
    for (ZonePlan zone : report.plan().zones()) {
      out.append("\n#### Zone `")
          .append(zone.zone().name())
          .append("` (")
          .append(zone.zone().provider())
          .append(": ")
          .append(zone.providerType())
          .append(")\n\n");
      out.append("| | record | now | planned | why |\n|---|---|---|---|---|\n");
      for (RecordPlan record : zone.records()) {
        out.append("| ")
            .append(symbol(record))
            .append(" | `")
            .append(record.key())
            .append("` | ")
            .append(answer(record.current()))
            .append(" | ")
            .append(
                record.outcome() == RecordPlan.Outcome.CONFLICT
                    ? "(left alone)"
                    : answer(record.desired()))
            .append(" | ")
            .append(cell(record.reason()))
            .append(" |\n");
      }
      for (Change change : zone.changes()) {
        if (change.key().name().isMarker()) {
          out.append("| + | `").append(change.key()).append("` | | ownership marker | ");
          out.append(cell(change.reason())).append(" |\n");
        }
      }
      for (String note : zone.notes()) {
        out.append("\n> ").append(cell(note)).append('\n');
      }
    }
    return out.toString();
  }

  private static String symbol(RecordPlan record) {
    return switch (record.outcome()) {
      case CREATE -> "+";
      case UPDATE -> "~";
      case DELETE -> "-";
      case UNCHANGED, KEEP -> "=";
      case CONFLICT -> "!";
    };
  }

  private static String answer(Optional<RecordSet> set) {
    return set.map(PlanText::answer).map(PlanMarkdown::cell).orElse("(none)");
  }

  /** Table cells cannot hold pipes or line breaks. */
  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}

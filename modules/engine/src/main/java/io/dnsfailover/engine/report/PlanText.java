package io.dnsfailover.engine.report;

import io.dnsfailover.core.plan.Plan;
import io.dnsfailover.core.plan.RecordPlan;
import io.dnsfailover.core.plan.ZonePlan;
import io.dnsfailover.engine.ReconcileReport;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.RecordSet;

/**
 * The plan as a person reads it, in the spirit of {@code terraform plan}: one block per zone, a
 * symbol per record ({@code +} create, {@code ~} update, {@code -} delete, {@code =} unchanged or
 * kept, {@code !} conflict), the reason under each, and a summary line. A geo record shows a line
 * per location instead of one reason: what it answers now, what it will answer, and why. Zone
 * failures are not part of it: commands print them to stderr.
 */
public final class PlanText {

  private PlanText() {}

  public static String render(ReconcileReport report) {
    StringBuilder out = new StringBuilder();
    for (ZonePlan zone : report.plan().zones()) {
      out.append("zone ")
          .append(zone.zone().name())
          .append(" (provider ")
          .append(zone.zone().provider())
          .append(": ")
          .append(zone.providerType())
          .append(")\n");
      for (RecordPlan record : zone.records()) {
        renderRecord(out, record);
      }
      for (Change change : zone.changes()) {
        if (change.key().name().isMarker()) {
          out.append("  ").append(symbol(change)).append(' ').append(change.key());
          out.append(": ").append(change.reason()).append('\n');
        }
      }
      for (String note : zone.notes()) {
        out.append("  note: ").append(note).append('\n');
      }
    }
    out.append(summary(report)).append('\n');
    return out.toString();
  }

  /** "Plan: 1 to create, 2 to update, 0 to delete; 1 conflict." or "No changes. ..." */
  public static String summary(ReconcileReport report) {
    Plan plan = report.plan();
    String problems = "";
    int conflicts = plan.conflicts().size();
    if (conflicts > 0) {
      problems += "; " + conflicts + (conflicts == 1 ? " conflict" : " conflicts");
    }
    int failedZones = report.failures().size();
    if (failedZones > 0) {
      problems += "; " + failedZones + (failedZones == 1 ? " zone" : " zones") + " failed";
    }
    if (!plan.hasChanges()) {
      return "No changes" + problems + ".";
    }
    String verb = report.applied().isEmpty() ? "Plan" : "Applied";
    return verb
        + ": "
        + plan.count(Change.Create.class)
        + " to create, "
        + plan.count(Change.Update.class)
        + " to update, "
        + plan.count(Change.Delete.class)
        + " to delete"
        + problems
        + ".";
  }

  private static void renderRecord(StringBuilder out, RecordPlan record) {
    String symbol =
        switch (record.outcome()) {
          case CREATE -> "+";
          case UPDATE -> "~";
          case DELETE -> "-";
          case UNCHANGED, KEEP -> "=";
          case CONFLICT -> "!";
        };
    out.append("  ").append(symbol).append(' ').append(record.key());
    switch (record.outcome()) {
      case CREATE -> out.append(": ").append(answer(record.desired().orElseThrow()));
      case UPDATE ->
          out.append(": ")
              .append(answer(record.current().orElseThrow()))
              .append(" -> ")
              .append(answer(record.desired().orElseThrow()));
      case DELETE ->
          out.append(": ").append(answer(record.current().orElseThrow())).append(" -> (none)");
      case UNCHANGED, KEEP ->
          out.append(": ").append(record.current().map(PlanText::answer).orElse("(none)"));
      case CONFLICT -> out.append(": conflict");
    }
    if (record.locations().isEmpty() || record.outcome() == RecordPlan.Outcome.CONFLICT) {
      out.append("\n      ").append(record.reason());
    }
    out.append('\n');
    if (LocationRows.isGeo(record) && record.outcome() != RecordPlan.Outcome.CONFLICT) {
      for (LocationRows.Row row : LocationRows.of(record)) {
        out.append("      ").append(row.location()).append(": ").append(LocationRows.change(row));
        row.reason().ifPresent(reason -> out.append(": ").append(reason));
        out.append('\n');
      }
    }
  }

  /**
   * "192.0.2.10,192.0.2.11 ttl 30", weights in parentheses when native, each location's values for
   * a geo record ("continent:EU=192.0.2.10; default=192.0.2.30 ttl 30").
   */
  public static String answer(RecordSet set) {
    return set.describe(false);
  }

  private static String symbol(Change change) {
    return switch (change) {
      case Change.Create create -> "+";
      case Change.Update update -> "~";
      case Change.Delete delete -> "-";
    };
  }
}

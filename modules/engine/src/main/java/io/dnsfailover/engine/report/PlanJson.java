package io.dnsfailover.engine.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dnsfailover.core.plan.RecordPlan;
import io.dnsfailover.core.plan.ZonePlan;
import io.dnsfailover.engine.ReconcileReport;
import io.dnsfailover.engine.ZoneFailure;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.WeightedValue;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The plan as JSON for machines ({@code plan -o json}, CI): zones with their changes, every managed
 * record's outcome and reason, notes, failures and a summary. Field names are stable. A geo record
 * set has {@code "locations": {"continent:EU": [values], ...}}; a geo record has {@code
 * "locations": [{"location", "current", "desired", "reason"}]} (values or null; reason null when
 * the record was decided as a whole).
 */
public final class PlanJson {

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PlanJson() {}

  public static String render(ReconcileReport report) {
    return JSON.valueToTree(tree(report)).toPrettyString() + "\n";
  }

  public static ObjectNode tree(ReconcileReport report) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode zones = root.putArray("zones");
    for (ZonePlan zone : report.plan().zones()) {
      ObjectNode zoneNode = zones.addObject();
      zoneNode.put("zone", zone.zone().name().value());
      zoneNode.put("provider", zone.zone().provider());
      zoneNode.put("providerType", zone.providerType());
      ArrayNode changes = zoneNode.putArray("changes");
      for (Change change : zone.changes()) {
        ObjectNode node = changes.addObject();
        node.put("action", action(change));
        node.put("name", change.key().name().value());
        node.put("type", change.key().type().name());
        switch (change) {
          case Change.Create create -> node.set("after", recordSet(create.after()));
          case Change.Update update -> {
            node.set("before", recordSet(update.before()));
            node.set("after", recordSet(update.after()));
          }
          case Change.Delete delete -> node.set("before", recordSet(delete.before()));
        }
        node.put("reason", change.reason());
      }
      ArrayNode records = zoneNode.putArray("records");
      for (RecordPlan record : zone.records()) {
        ObjectNode node = records.addObject();
        node.put("name", record.key().name().value());
        node.put("type", record.key().type().name());
        node.put("outcome", record.outcome().name().toLowerCase(Locale.ROOT));
        node.set("current", optional(record.current()));
        node.set("desired", optional(record.desired()));
        node.put("reason", record.reason());
        if (LocationRows.isGeo(record)) {
          node.set("locations", locations(LocationRows.of(record)));
        }
      }
      ArrayNode notes = zoneNode.putArray("notes");
      zone.notes().forEach(notes::add);
    }
    ArrayNode failures = root.putArray("failures");
    for (ZoneFailure failure : report.failures()) {
      ObjectNode node = failures.addObject();
      node.put("zone", failure.zone().name().value());
      node.put("stage", failure.stage());
      node.put("kind", failure.error().kind().name());
      node.put("message", failure.error().getMessage());
    }
    ObjectNode summary = root.putObject("summary");
    summary.put("create", report.plan().count(Change.Create.class));
    summary.put("update", report.plan().count(Change.Update.class));
    summary.put("delete", report.plan().count(Change.Delete.class));
    summary.put("conflicts", report.plan().conflicts().size());
    summary.put("applied", report.applied().size());
    return root;
  }

  private static String action(Change change) {
    return switch (change) {
      case Change.Create create -> "create";
      case Change.Update update -> "update";
      case Change.Delete delete -> "delete";
    };
  }

  private static com.fasterxml.jackson.databind.JsonNode optional(Optional<RecordSet> set) {
    return set.<com.fasterxml.jackson.databind.JsonNode>map(PlanJson::recordSet)
        .orElse(JSON.nullNode());
  }

  static ArrayNode locations(List<LocationRows.Row> rows) {
    ArrayNode locations = JSON.createArrayNode();
    for (LocationRows.Row row : rows) {
      ObjectNode node = locations.addObject();
      node.put("location", row.location().toString());
      node.set("current", values(row.current()));
      node.set("desired", values(row.desired()));
      node.put("reason", row.reason().orElse(null));
    }
    return locations;
  }

  private static com.fasterxml.jackson.databind.JsonNode values(Optional<List<String>> values) {
    if (values.isEmpty()) {
      return JSON.nullNode();
    }
    ArrayNode array = JSON.createArrayNode();
    values.get().forEach(array::add);
    return array;
  }

  static ObjectNode recordSet(RecordSet set) {
    ObjectNode node = JSON.createObjectNode();
    node.put("ttl", set.ttl());
    ArrayNode values = node.putArray("values");
    set.values().forEach(values::add);
    if (set.isWeighted()) {
      ArrayNode weights = node.putArray("weights");
      for (WeightedValue member : set.weights()) {
        weights
            .addObject()
            .put("id", member.id())
            .put("value", member.value())
            .put("weight", member.weight());
      }
    }
    if (set.isGeo()) {
      ObjectNode locations = node.putObject("locations");
      set.locations()
          .forEach(
              (location, answer) -> {
                ArrayNode located = locations.putArray(location.toString());
                answer.forEach(located::add);
              });
    }
    return node;
  }
}

package io.dnsfailover.engine.server;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.core.config.Policy;
import io.dnsfailover.core.config.RecordConfig;
import io.dnsfailover.core.config.ZoneConfig;
import io.dnsfailover.core.plan.RecordPlan;
import io.dnsfailover.core.plan.ZonePlan;
import io.dnsfailover.engine.ClusterState;
import io.dnsfailover.engine.DaemonState;
import io.dnsfailover.engine.ReconcileReport;
import io.dnsfailover.engine.ZoneFailure;
import io.dnsfailover.engine.report.LocationRows;
import io.dnsfailover.engine.verify.Serving;
import io.dnsfailover.health.HealthSnapshot;
import io.dnsfailover.health.ProbeResult;
import io.dnsfailover.spi.Location;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.WeightedValue;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code /status}: the daemon's state as JSON, for people (the status page reads it) and for
 * scripts. Field names are stable; times are ISO-8601 UTC, latencies milliseconds.
 *
 * <pre>
 * {
 *   "ready": true, "ownerId": "prod-eu", "now": "...",
 *   "lastReconcile": "..."|null, "lastSuccess": "..."|null, "lastError": "..."|null,
 *   "holding": why this daemon is not writing DNS now|null,
 *   "cluster": null (one daemon alone) | {"member", "leader": name|null, "leading",
 *              "problem": "..."|null,
 *              "members": [{"member", "at", "endpoints": {key: {"state", "detail"}}}]},
 *   "summary": {"records", "endpoints", "healthy", "unhealthy", "unknown"},
 *   "records": [{"zone", "provider", "name", "type", "policy", "ttl",
 *                "outcome": unchanged|create|update|delete|keep|conflict|pending|error,
 *                "applied": true when the latest reconcile applied that create/update/delete,
 *                "current": {"ttl", "values", "weights"?, "locations"?}|null, "desired": ...|null,
 *                "reason", "locations"? (geo records), "served": null | {"state", "detail", "at"},
 *                "endpoints": ["key", ...]}],
 *   "endpoints": [{"key", "record", "type", "id", "address", "priority", "weight", "location",
 *                  "state": healthy|unhealthy|unknown, "since", "consecutiveSuccesses",
 *                  "consecutiveFailures", "rise", "fall",
 *                  "last": {"success", "detail", "latencyMs", "at"}|null,
 *                  "history": [{"success", "detail", "latencyMs", "at"}] (oldest first)}],
 *   "events": [{"at", "kind": transition|change|error|reload, "subject", "from", "to",
 *               "reason"}] (newest first)
 * }
 * </pre>
 *
 * A geo record's set has {@code "locations": {"continent:EU": [values], ...}}, and the record has
 * {@code "locations": [{"location", "current": [values]|null, "desired": [values]|null, "reason":
 * text|null}]}: every location its endpoints name and any its sets hold, with what users there get
 * now, what they will get (null: the location is left out and they fall back to the default
 * location's answer) and why. An endpoint's {@code location} is null outside geo records.
 *
 * <p>A record's {@code current}, {@code desired}, {@code outcome} and {@code reason} come from the
 * latest reconcile (the plan's record fields, as {@code plan -o json} shows them), with {@code
 * current} showing the answer after a change that reconcile applied (the plan itself holds the
 * answer read before it); before the first one its outcome is {@code pending}. In a zone whose
 * provider failed it is {@code error} with the failure as reason: every record of a zone that could
 * not be read, and a record whose planned change was not applied (a record the provider rejected).
 *
 * <p>Bounded in size: the histories are what {@link RecentActivity} keeps (about {@link
 * RecentActivity#DEFAULT_HISTORY_BUDGET} probe results over all endpoints), and a text longer than
 * {@link #MAX_TEXT} characters (a reason, a detail, an error) is cut there. Written with a
 * streaming generator straight to the output: no tree and no string of the whole document.
 */
public final class StatusJson {

  /** Characters of one text field, at most. */
  static final int MAX_TEXT = 1_000;

  private static final JsonFactory JSON = new JsonFactory();

  private StatusJson() {}

  /** Writes the document to {@code out} as UTF-8; does not close it. */
  public static void write(
      DaemonState state, RecentActivity activity, Instant now, OutputStream out)
      throws IOException {
    try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      json.writeStartObject();
      json.writeBooleanField("ready", state.ready());
      json.writeStringField("ownerId", state.config().ownerId());
      json.writeStringField("now", now.toString());
      writeTime(json, "lastReconcile", state.lastReconcileAt());
      writeTime(json, "lastSuccess", state.lastSuccessAt());
      writeText(json, "lastError", state.lastError().orElse(null));
      writeText(json, "holding", state.holding().orElse(null));
      json.writeFieldName("cluster");
      if (state.cluster().isPresent()) {
        cluster(json, state.cluster().get());
      } else {
        json.writeNull();
      }
      summary(json, state);
      records(json, state);
      endpoints(json, state, activity);
      events(json, activity);
      json.writeEndObject();
    }
  }

  private static void summary(JsonGenerator json, DaemonState state) throws IOException {
    int records = 0;
    int healthy = 0;
    int unhealthy = 0;
    int unknown = 0;
    for (ZoneConfig zone : state.config().zones()) {
      for (RecordConfig record : zone.records()) {
        records++;
        for (EndpointConfig endpoint : record.endpoints()) {
          switch (health(state, endpoint).status()) {
            case HEALTHY -> healthy++;
            case UNHEALTHY -> unhealthy++;
            case UNKNOWN -> unknown++;
          }
        }
      }
    }
    json.writeObjectFieldStart("summary");
    json.writeNumberField("records", records);
    json.writeNumberField("endpoints", healthy + unhealthy + unknown);
    json.writeNumberField("healthy", healthy);
    json.writeNumberField("unhealthy", unhealthy);
    json.writeNumberField("unknown", unknown);
    json.writeEndObject();
  }

  private static void records(JsonGenerator json, DaemonState state) throws IOException {
    Map<String, RecordPlan> planned = new HashMap<>();
    Map<String, String> failedZones = new HashMap<>();
    Set<RecordKey> applied = new HashSet<>();
    if (state.lastReport().isPresent()) {
      ReconcileReport report = state.lastReport().get();
      report.applied().forEach(change -> applied.add(change.key()));
      for (ZonePlan zone : report.plan().zones()) {
        for (RecordPlan record : zone.records()) {
          planned.put(id(zone.zone().name().value(), record.key()), record);
        }
      }
      for (ZoneFailure failure : report.failures()) {
        failedZones.put(failure.zone().name().value(), failure.describe());
      }
    }
    json.writeArrayFieldStart("records");
    for (ZoneConfig zone : state.config().zones()) {
      String zoneName = zone.name().value();
      String failure = failedZones.get(zoneName);
      for (RecordConfig record : zone.records()) {
        json.writeStartObject();
        json.writeStringField("zone", zoneName);
        json.writeStringField("provider", zone.provider());
        json.writeStringField("name", record.name().value());
        json.writeStringField("type", record.type().name());
        json.writeStringField("policy", lower(record.policy()));
        json.writeNumberField("ttl", record.ttl());
        RecordPlan plan = planned.get(id(zoneName, record.key()));
        if (plan != null) {
          // A change this reconcile applied is what DNS answers now, not what it read before.
          boolean done = applied.contains(record.key());
          boolean refused = failure != null && plan.changes() && !done;
          json.writeStringField("outcome", refused ? "error" : lower(plan.outcome()));
          json.writeBooleanField("applied", done);
          Optional<RecordSet> current = done ? plan.desired() : plan.current();
          writeRecordSet(json, "current", current);
          writeRecordSet(json, "desired", plan.desired());
          writeText(json, "reason", refused ? failure : plan.reason());
          if (record.policy() == Policy.GEO) {
            locations(
                json,
                LocationRows.of(current, plan.desired(), plan.locations(), locationsOf(record)));
          }
        } else {
          json.writeStringField("outcome", failure != null ? "error" : "pending");
          json.writeBooleanField("applied", false);
          json.writeNullField("current");
          json.writeNullField("desired");
          writeText(json, "reason", failure != null ? failure : "waiting for the first reconcile");
          if (record.policy() == Policy.GEO) {
            locations(
                json,
                LocationRows.of(
                    Optional.empty(), Optional.empty(), List.of(), locationsOf(record)));
          }
        }
        served(json, zone, state.serving().get(record.key()));
        json.writeArrayFieldStart("endpoints");
        for (EndpointConfig endpoint : record.endpoints()) {
          json.writeString(endpoint.key());
        }
        json.writeEndArray();
        json.writeEndObject();
      }
    }
    json.writeEndArray();
  }

  private static Set<Location> locationsOf(RecordConfig record) {
    Set<Location> locations = new TreeSet<>();
    record.endpoints().forEach(endpoint -> endpoint.location().ifPresent(locations::add));
    return locations;
  }

  private static void locations(JsonGenerator json, List<LocationRows.Row> rows)
      throws IOException {
    json.writeArrayFieldStart("locations");
    for (LocationRows.Row row : rows) {
      json.writeStartObject();
      json.writeStringField("location", row.location().toString());
      writeValues(json, "current", row.current());
      writeValues(json, "desired", row.desired());
      writeText(json, "reason", row.reason().orElse(null));
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void writeValues(JsonGenerator json, String field, Optional<List<String>> values)
      throws IOException {
    if (values.isEmpty()) {
      json.writeNullField(field);
      return;
    }
    json.writeArrayFieldStart(field);
    for (String value : values.get()) {
      json.writeString(value);
    }
    json.writeEndArray();
  }

  /**
   * Whether the zone's verify servers answer the record's last change: null without a {@code
   * verify:} block, state "unknown" before the first check.
   */
  private static void served(JsonGenerator json, ZoneConfig zone, Serving serving)
      throws IOException {
    if (zone.verify().isEmpty()) {
      json.writeNullField("served");
      return;
    }
    json.writeObjectFieldStart("served");
    if (serving == null) {
      json.writeStringField("state", "unknown");
      json.writeStringField("detail", "no change checked yet");
      json.writeNullField("at");
    } else {
      json.writeStringField("state", serving.state().label());
      writeText(json, "detail", serving.detail());
      json.writeStringField("at", serving.at().toString());
    }
    json.writeEndObject();
  }

  private static void endpoints(JsonGenerator json, DaemonState state, RecentActivity activity)
      throws IOException {
    json.writeArrayFieldStart("endpoints");
    for (ZoneConfig zone : state.config().zones()) {
      for (RecordConfig record : zone.records()) {
        for (EndpointConfig endpoint : record.endpoints()) {
          HealthSnapshot health = health(state, endpoint);
          json.writeStartObject();
          json.writeStringField("key", endpoint.key());
          json.writeStringField("record", record.name().value());
          json.writeStringField("type", record.type().name());
          json.writeStringField("id", endpoint.id());
          json.writeStringField("address", endpoint.address());
          json.writeNumberField("priority", endpoint.priority());
          json.writeNumberField("weight", endpoint.weight());
          json.writeStringField(
              "location", endpoint.location().map(Location::toString).orElse(null));
          json.writeStringField("check", endpoint.check().type());
          json.writeStringField("state", health.status().label());
          writeTime(json, "since", health.since());
          json.writeNumberField("consecutiveSuccesses", health.successes());
          json.writeNumberField("consecutiveFailures", health.failures());
          json.writeNumberField("rise", endpoint.check().rise());
          json.writeNumberField("fall", endpoint.check().fall());
          json.writeFieldName("last");
          if (health.last().isPresent()) {
            probe(json, health.last().get());
          } else {
            json.writeNull();
          }
          json.writeArrayFieldStart("history");
          for (ProbeResult result : activity.history(endpoint.key())) {
            probe(json, result);
          }
          json.writeEndArray();
          json.writeEndObject();
        }
      }
    }
    json.writeEndArray();
  }

  private static void cluster(JsonGenerator json, ClusterState cluster) throws IOException {
    json.writeStartObject();
    json.writeStringField("member", cluster.member());
    json.writeStringField("leader", cluster.leader().orElse(null));
    json.writeBooleanField("leading", cluster.leading());
    writeText(json, "problem", cluster.problem().orElse(null));
    json.writeArrayFieldStart("members");
    for (ClusterState.MemberView member : cluster.members()) {
      json.writeStartObject();
      json.writeStringField("member", member.member());
      json.writeStringField("at", member.at().toString());
      json.writeObjectFieldStart("endpoints");
      for (Map.Entry<String, ClusterState.EndpointView> endpoint :
          new TreeMap<>(member.endpoints()).entrySet()) {
        json.writeObjectFieldStart(endpoint.getKey());
        json.writeStringField("state", endpoint.getValue().state());
        writeText(json, "detail", endpoint.getValue().detail());
        json.writeEndObject();
      }
      json.writeEndObject();
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void probe(JsonGenerator json, ProbeResult result) throws IOException {
    json.writeStartObject();
    json.writeBooleanField("success", result.success());
    writeText(json, "detail", result.detail());
    json.writeNumberField("latencyMs", millis(result.latency()));
    json.writeStringField("at", result.at().toString());
    json.writeEndObject();
  }

  private static void events(JsonGenerator json, RecentActivity activity) throws IOException {
    json.writeArrayFieldStart("events");
    for (RecentActivity.Event event : activity.events()) {
      json.writeStartObject();
      json.writeStringField("at", event.at().toString());
      json.writeStringField("kind", event.kind().label());
      writeText(json, "subject", event.subject());
      writeText(json, "from", event.from());
      writeText(json, "to", event.to());
      writeText(json, "reason", event.reason());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void writeRecordSet(JsonGenerator json, String field, Optional<RecordSet> set)
      throws IOException {
    if (set.isEmpty()) {
      json.writeNullField(field);
      return;
    }
    json.writeObjectFieldStart(field);
    json.writeNumberField("ttl", set.get().ttl());
    json.writeArrayFieldStart("values");
    for (String value : set.get().values()) {
      json.writeString(value);
    }
    json.writeEndArray();
    if (set.get().isWeighted()) {
      json.writeArrayFieldStart("weights");
      for (WeightedValue member : set.get().weights()) {
        json.writeStartObject();
        json.writeStringField("id", member.id());
        json.writeStringField("value", member.value());
        json.writeNumberField("weight", member.weight());
        json.writeEndObject();
      }
      json.writeEndArray();
    }
    if (set.get().isGeo()) {
      json.writeObjectFieldStart("locations");
      for (Map.Entry<Location, List<String>> located : set.get().locations().entrySet()) {
        json.writeArrayFieldStart(located.getKey().toString());
        for (String value : located.getValue()) {
          json.writeString(value);
        }
        json.writeEndArray();
      }
      json.writeEndObject();
    }
    json.writeEndObject();
  }

  /** {@code text}, cut to {@link #MAX_TEXT} characters with a note of how much was left out. */
  static String bounded(String text) {
    if (text == null || text.length() <= MAX_TEXT) {
      return text;
    }
    return text.substring(0, MAX_TEXT)
        + "... ("
        + (text.length() - MAX_TEXT)
        + " more characters: see the log)";
  }

  private static void writeText(JsonGenerator json, String field, String text) throws IOException {
    json.writeStringField(field, bounded(text));
  }

  private static HealthSnapshot health(DaemonState state, EndpointConfig endpoint) {
    return state.health().getOrDefault(endpoint.key(), HealthSnapshot.unknown());
  }

  private static String id(String zone, RecordKey key) {
    return zone + " " + key;
  }

  /** Milliseconds with one decimal: 0.4, 12.0, 2003.5. */
  static double millis(Duration duration) {
    return Math.round(duration.toNanos() / 100_000.0) / 10.0;
  }

  private static void writeTime(JsonGenerator json, String field, Optional<Instant> time)
      throws IOException {
    if (time.isPresent()) {
      json.writeStringField(field, time.get().toString());
    } else {
      json.writeNullField(field);
    }
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}

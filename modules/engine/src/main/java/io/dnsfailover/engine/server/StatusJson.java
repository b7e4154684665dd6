package io.dnsfailover.engine.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.core.config.RecordConfig;
import io.dnsfailover.core.config.ZoneConfig;
import io.dnsfailover.engine.ClusterState;
import io.dnsfailover.engine.DaemonState;
import io.dnsfailover.engine.ReconcileReport;
import io.dnsfailover.engine.ZoneFailure;
import io.dnsfailover.engine.report.PlanJson;
import io.dnsfailover.engine.verify.Serving;
import io.dnsfailover.health.HealthSnapshot;
import io.dnsfailover.health.ProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

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
 *                "current": {"ttl", "values", "weights"?}|null, "desired": ...|null,
 *                "reason", "endpoints": ["key", ...]}],
 *   "endpoints": [{"key", "record", "type", "id", "address", "priority", "weight", "check",
 *                  "state": healthy|unhealthy|unknown, "since", "consecutiveSuccesses",
 *                  "consecutiveFailures", "rise", "fall",
 *                  "last": {"success", "detail", "latencyMs", "at"}|null,
 *                  "history": [{"success", "detail", "latencyMs", "at"}] (oldest first)}],
 *   "events": [{"at", "kind": transition|change|error|reload, "subject", "from", "to",
 *               "reason"}] (newest first)
 * }
 * </pre>
 *
 * A record's {@code current}, {@code desired}, {@code outcome} and {@code reason} come from the
 * latest reconcile ({@link PlanJson}'s record fields), with {@code current} showing the answer
 * after a change that reconcile applied (the plan itself holds the answer read before it); before
 * the first one its outcome is {@code pending}, and in a zone whose provider failed it is {@code
 * error} with the failure as reason.
 */
public final class StatusJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusJson() {}

  public static ObjectNode render(DaemonState state, RecentActivity activity, Instant now) {
    ObjectNode root = JSON.createObjectNode();
    root.put("ready", state.ready());
    root.put("ownerId", state.config().ownerId());
    root.put("now", now.toString());
    putTime(root, "lastReconcile", state.lastReconcileAt());
    putTime(root, "lastSuccess", state.lastSuccessAt());
    root.put("lastError", state.lastError().orElse(null));
    root.put("holding", state.holding().orElse(null));
    root.set("cluster", state.cluster().map(StatusJson::cluster).orElse(null));
    ObjectNode summary = root.putObject("summary");
    root.set("records", records(state));
    root.set("endpoints", endpoints(state, activity, summary));
    root.set("events", events(activity));
    return root;
  }

  private static ArrayNode records(DaemonState state) {
    Map<String, JsonNode> planned = new HashMap<>();
    Map<String, String> failedZones = new HashMap<>();
    Set<String> applied = new HashSet<>();
    if (state.lastReport().isPresent()) {
      ReconcileReport report = state.lastReport().get();
      report.applied().forEach(change -> applied.add(change.key().toString()));
      for (JsonNode zone : PlanJson.tree(report).path("zones")) {
        for (JsonNode record : zone.path("records")) {
          String id =
              zone.path("zone").asText()
                  + " "
                  + record.path("name").asText()
                  + " "
                  + record.path("type").asText();
          planned.put(id, record);
        }
      }
      for (ZoneFailure failure : report.failures()) {
        failedZones.put(failure.zone().name().value(), failure.describe());
      }
    }
    ArrayNode records = JSON.createArrayNode();
    for (ZoneConfig zone : state.config().zones()) {
      String zoneName = zone.name().value();
      for (RecordConfig record : zone.records()) {
        ObjectNode node = records.addObject();
        node.put("zone", zoneName);
        node.put("provider", zone.provider());
        node.put("name", record.name().value());
        node.put("type", record.type().name());
        node.put("policy", lower(record.policy()));
        node.put("ttl", record.ttl());
        JsonNode plan =
            planned.get(zoneName + " " + record.name().value() + " " + record.type().name());
        if (plan != null) {
          // A change this reconcile applied is what DNS answers now, not what it read before.
          boolean done = applied.contains(record.key().toString());
          node.put("outcome", plan.path("outcome").asText());
          node.put("applied", done);
          node.set("current", done ? plan.path("desired") : plan.path("current"));
          node.set("desired", plan.path("desired"));
          node.put("reason", plan.path("reason").asText());
        } else {
          boolean failed = failedZones.containsKey(zoneName);
          node.put("outcome", failed ? "error" : "pending");
          node.put("applied", false);
          node.putNull("current");
          node.putNull("desired");
          node.put(
              "reason", failed ? failedZones.get(zoneName) : "waiting for the first reconcile");
        }
        node.set("served", served(zone, state.serving().get(record.key())));
        ArrayNode endpoints = node.putArray("endpoints");
        record.endpoints().forEach(endpoint -> endpoints.add(endpoint.key()));
      }
    }
    return records;
  }

  /**
   * Whether the zone's verify servers answer the record's last change: null without a {@code
   * verify:} block, state "unknown" before the first check.
   */
  private static JsonNode served(ZoneConfig zone, Serving serving) {
    if (zone.verify().isEmpty()) {
      return JSON.nullNode();
    }
    ObjectNode node = JSON.createObjectNode();
    if (serving == null) {
      node.put("state", "unknown");
      node.put("detail", "no change checked yet");
      node.putNull("at");
      return node;
    }
    node.put("state", serving.state().label());
    node.put("detail", serving.detail());
    node.put("at", serving.at().toString());
    return node;
  }

  private static ArrayNode endpoints(
      DaemonState state, RecentActivity activity, ObjectNode summary) {
    ArrayNode endpoints = JSON.createArrayNode();
    int records = 0;
    int healthy = 0;
    int unhealthy = 0;
    int unknown = 0;
    for (ZoneConfig zone : state.config().zones()) {
      for (RecordConfig record : zone.records()) {
        records++;
        for (EndpointConfig endpoint : record.endpoints()) {
          HealthSnapshot health =
              state.health().getOrDefault(endpoint.key(), HealthSnapshot.unknown());
          switch (health.status()) {
            case HEALTHY -> healthy++;
            case UNHEALTHY -> unhealthy++;
            case UNKNOWN -> unknown++;
          }
          ObjectNode node = endpoints.addObject();
          node.put("key", endpoint.key());
          node.put("record", record.name().value());
          node.put("type", record.type().name());
          node.put("id", endpoint.id());
          node.put("address", endpoint.address());
          node.put("priority", endpoint.priority());
          node.put("weight", endpoint.weight());
          node.put("check", endpoint.check().type());
          node.put("state", lower(health.status()));
          putTime(node, "since", health.since());
          node.put("consecutiveSuccesses", health.successes());
          node.put("consecutiveFailures", health.failures());
          node.put("rise", endpoint.check().rise());
          node.put("fall", endpoint.check().fall());
          if (health.last().isPresent()) {
            node.set("last", probe(health.last().get()));
          } else {
            node.putNull("last");
          }
          ArrayNode history = node.putArray("history");
          activity.history(endpoint.key()).forEach(result -> history.add(probe(result)));
        }
      }
    }
    summary.put("records", records);
    summary.put("endpoints", healthy + unhealthy + unknown);
    summary.put("healthy", healthy);
    summary.put("unhealthy", unhealthy);
    summary.put("unknown", unknown);
    return endpoints;
  }

  private static JsonNode cluster(ClusterState cluster) {
    ObjectNode node = JSON.createObjectNode();
    node.put("member", cluster.member());
    node.put("leader", cluster.leader().orElse(null));
    node.put("leading", cluster.leading());
    node.put("problem", cluster.problem().orElse(null));
    ArrayNode members = node.putArray("members");
    for (ClusterState.MemberView member : cluster.members()) {
      ObjectNode memberNode = members.addObject();
      memberNode.put("member", member.member());
      memberNode.put("at", member.at().toString());
      ObjectNode endpoints = memberNode.putObject("endpoints");
      new TreeMap<>(member.endpoints())
          .forEach(
              (key, view) ->
                  endpoints.putObject(key).put("state", view.state()).put("detail", view.detail()));
    }
    return node;
  }

  private static ObjectNode probe(ProbeResult result) {
    ObjectNode node = JSON.createObjectNode();
    node.put("success", result.success());
    node.put("detail", result.detail());
    node.put("latencyMs", millis(result.latency()));
    node.put("at", result.at().toString());
    return node;
  }

  private static ArrayNode events(RecentActivity activity) {
    ArrayNode events = JSON.createArrayNode();
    for (RecentActivity.Event event : activity.events()) {
      events
          .addObject()
          .put("at", event.at().toString())
          .put("kind", event.kind().label())
          .put("subject", event.subject())
          .put("from", event.from())
          .put("to", event.to())
          .put("reason", event.reason());
    }
    return events;
  }

  /** Milliseconds with one decimal: 0.4, 12.0, 2003.5. */
  static double millis(Duration duration) {
    return Math.round(duration.toNanos() / 100_000.0) / 10.0;
  }

  private static void putTime(ObjectNode node, String field, Optional<Instant> time) {
    if (time.isPresent()) {
      node.put(field, time.get().toString());
    } else {
      node.putNull(field);
    }
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}

package io.dnsfailover.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.engine.ClusterState.EndpointView;
import io.dnsfailover.engine.ClusterState.MemberView;
import io.dnsfailover.health.HealthSnapshot;
import io.dnsfailover.health.ProbeResult;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A member's view as stored in etcd:
 *
 * <pre>{"member": "eu-west-1", "at": "2025-...Z",
 *  "endpoints": {"app.example.test./A/primary": {"state": "healthy", "detail": "HTTP 200"}}}</pre>
 *
 * {@code state} is {@code healthy}, {@code unhealthy} or {@code unknown}, after the member's own
 * rise/fall.
 */
final class MemberViews {

  static final String HEALTHY = "healthy";
  static final String UNHEALTHY = "unhealthy";
  static final String UNKNOWN = "unknown";

  private static final ObjectMapper JSON = new ObjectMapper();

  private MemberViews() {}

  /** This member's view of every endpoint of {@code config}. */
  static MemberView of(
      String member, Instant at, Config config, Map<String, HealthSnapshot> local) {
    Map<String, EndpointView> endpoints = new LinkedHashMap<>();
    for (EndpointConfig endpoint : config.endpoints()) {
      HealthSnapshot snapshot = local.getOrDefault(endpoint.key(), HealthSnapshot.unknown());
      String detail = snapshot.last().map(ProbeResult::detail).orElse("not probed");
      endpoints.put(endpoint.key(), new EndpointView(snapshot.status().label(), detail));
    }
    return new MemberView(member, at, endpoints);
  }

  static String encode(MemberView view) {
    ObjectNode root = JSON.createObjectNode();
    root.put("member", view.member());
    root.put("at", view.at().toString());
    ObjectNode endpoints = root.putObject("endpoints");
    view.endpoints()
        .forEach(
            (key, endpoint) ->
                endpoints
                    .putObject(key)
                    .put("state", endpoint.state())
                    .put("detail", endpoint.detail()));
    return root.toString();
  }

  /** The view, or empty when the value is not one (written by something else, or damaged). */
  static Optional<MemberView> decode(String json) {
    try {
      JsonNode root = JSON.readTree(json);
      if (!root.path("member").isTextual() || !root.path("endpoints").isObject()) {
        return Optional.empty();
      }
      Map<String, EndpointView> endpoints = new LinkedHashMap<>();
      root.path("endpoints")
          .properties()
          .forEach(
              entry ->
                  endpoints.put(
                      entry.getKey(),
                      new EndpointView(
                          entry.getValue().path("state").asText(UNKNOWN),
                          entry.getValue().path("detail").asText(""))));
      Instant at = Instant.parse(root.path("at").asText(Instant.EPOCH.toString()));
      return Optional.of(new MemberView(root.path("member").asText(), at, endpoints));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}

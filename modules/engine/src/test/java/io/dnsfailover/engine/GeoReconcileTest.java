package io.dnsfailover.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.policy.EndpointStatus;
import io.dnsfailover.engine.report.PlanJson;
import io.dnsfailover.engine.report.PlanMarkdown;
import io.dnsfailover.engine.report.PlanText;
import io.dnsfailover.engine.server.RecentActivity;
import io.dnsfailover.engine.server.StatusJson;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.Location;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.testkit.InMemoryDnsProvider;
import io.dnsfailover.testkit.TestConfigLoader;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A geo record through the reconcile loop on a provider that answers by location: what it publishes
 * per location, and how plan (text, JSON, Markdown) and {@code /status} show each location's answer
 * and why.
 */
class GeoReconcileTest {

  private static final Zone ZONE = new Zone(DnsName.of("example.test."), "geo");
  private static final DnsName APP = DnsName.of("app.example.test.");
  private static final RecordKey APP_A = new RecordKey(APP, RecordType.A);
  private static final Location EU = Location.continent("EU");
  private static final Location US = Location.country("US");
  private static final String CONFIG =
      """
      version: 1
      ownerId: test
      defaults:
        check: { type: tcp, port: 80 }
      providers:
        geo: { type: geomemory }
      zones:
        - name: example.test.
          provider: geo
          records:
            - name: app
              type: A
              ttl: 20
              policy: geo
              endpoints:
                - { id: eu-1, address: 192.0.2.10, location: continent:EU }
                - { id: eu-2, address: 192.0.2.11, location: continent:EU, priority: 2 }
                - { id: us, address: 192.0.2.20, location: country:US }
                - { id: rest, address: 192.0.2.30, location: default }
      """;

  @TempDir Path dir;

  private final InMemoryDnsProvider provider =
      new InMemoryDnsProvider("geomemory", TestConfigLoader.GEO);
  private final Map<String, EndpointStatus> health = new HashMap<>();
  private Config config;
  private Reconciler reconciler;

  @BeforeEach
  void setUp() throws Exception {
    config = TestConfigLoader.load(dir.resolve("config.yaml"), CONFIG);
    reconciler = new Reconciler(config, new Providers(Map.of("geo", provider)));
    for (String id : List.of("eu-1", "eu-2", "us", "rest")) {
      health.put("app.example.test./A/" + id, EndpointStatus.up("HTTP 200"));
    }
  }

  private RecordSet held() {
    return provider.all(ZONE).stream()
        .filter(set -> set.key().equals(APP_A))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void eachLocationFailsOverInsideItselfThenToTheDefaultAndBack() {
    reconciler.reconcile(health);
    assertThat(held().locations())
        .containsExactly(
            Map.entry(EU, List.of("192.0.2.10")),
            Map.entry(US, List.of("192.0.2.20")),
            Map.entry(Location.DEFAULT, List.of("192.0.2.30")));

    health.put("app.example.test./A/eu-1", EndpointStatus.down("HTTP 503"));
    health.put("app.example.test./A/us", EndpointStatus.down("connection refused"));
    ReconcileReport failedOver = reconciler.reconcile(health);

    assertThat(failedOver.applied()).hasSize(1);
    assertThat(held().locations())
        .containsExactly(
            Map.entry(EU, List.of("192.0.2.11")),
            Map.entry(Location.DEFAULT, List.of("192.0.2.30")));

    health.put("app.example.test./A/eu-1", EndpointStatus.up("HTTP 200"));
    health.put("app.example.test./A/us", EndpointStatus.up("HTTP 200"));
    reconciler.reconcile(health);
    assertThat(held().locations()).containsKeys(EU, US, Location.DEFAULT);
    int writes = provider.writeCalls();
    assertThat(reconciler.reconcile(health).applied()).isEmpty();
    assertThat(provider.writeCalls()).isEqualTo(writes);
  }

  @Test
  void planShowsEachLocationsAnswerAndWhy() throws Exception {
    reconciler.reconcile(health);
    health.put("app.example.test./A/us", EndpointStatus.down("connection refused"));

    ReconcileReport plan = reconciler.plan(health);

    assertThat(PlanText.render(plan))
        .isEqualTo(
            """
            zone example.test. (provider geo: geomemory)
              ~ app.example.test. A: continent:EU=192.0.2.10; country:US=192.0.2.20; default=192.0.2.30 ttl 20 -> continent:EU=192.0.2.10; default=192.0.2.30 ttl 20
                  continent:EU: 192.0.2.10: priority 1: eu-1 (192.0.2.10) healthy
                  country:US: 192.0.2.20 -> (none): us (192.0.2.20) down: connection refused; its users get the default location's answer, or that of a listed location containing it
                  default: 192.0.2.30: priority 1: rest (192.0.2.30) healthy
            Plan: 0 to create, 1 to update, 0 to delete.
            """);
    JsonNode json = new ObjectMapper().readTree(PlanJson.render(plan));
    JsonNode record = json.at("/zones/0/records/0");
    assertThat(record.at("/current/locations/country:US/0").asText()).isEqualTo("192.0.2.20");
    assertThat(record.at("/desired/locations").has("country:US")).isFalse();
    assertThat(record.at("/locations/1/location").asText()).isEqualTo("country:US");
    assertThat(record.at("/locations/1/current/0").asText()).isEqualTo("192.0.2.20");
    assertThat(record.at("/locations/1/desired").isNull()).isTrue();
    assertThat(record.at("/locations/1/reason").asText())
        .isEqualTo(
            "us (192.0.2.20) down: connection refused; its users get the default location's"
                + " answer, or that of a listed location containing it");
    assertThat(PlanMarkdown.render(plan))
        .contains(
            "| ~ | `app.example.test. A` | continent:EU=192.0.2.10; country:US=192.0.2.20;"
                + " default=192.0.2.30 ttl 20 | continent:EU=192.0.2.10; default=192.0.2.30 ttl 20"
                + " | continent:EU: priority 1: eu-1 (192.0.2.10) healthy; country:US: us"
                + " (192.0.2.20) down: connection refused; its users get the default location's"
                + " answer, or that of a listed location containing it; default: priority 1: rest"
                + " (192.0.2.30) healthy |");
  }

  @Test
  void statusShowsEachLocationAndEachEndpointsLocation() throws Exception {
    reconciler.reconcile(health);
    health.put("app.example.test./A/us", EndpointStatus.down("connection refused"));
    ReconcileReport report = reconciler.reconcile(health);
    Instant now = Instant.parse("2026-11-23T10:00:00Z");
    DaemonState state =
        new DaemonState(
            config,
            Map.of(),
            Optional.of(report),
            Optional.of(now),
            Optional.of(now),
            Optional.empty());
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    StatusJson.write(state, new RecentActivity(Clock.systemUTC()), now, out);

    JsonNode status = new ObjectMapper().readTree(out.toByteArray());
    JsonNode record = status.at("/records/0");
    assertThat(record.get("policy").asText()).isEqualTo("geo");
    assertThat(record.at("/current/locations").has("country:US")).isFalse();
    List<String> rows = new java.util.ArrayList<>();
    for (JsonNode row : record.get("locations")) {
      rows.add(
          row.get("location").asText()
              + " "
              + row.get("current")
              + " "
              + row.get("desired")
              + " "
              + row.get("reason").asText());
    }
    assertThat(rows)
        .containsExactly(
            "continent:EU [\"192.0.2.10\"] [\"192.0.2.10\"] priority 1: eu-1 (192.0.2.10) healthy",
            "country:US null null us (192.0.2.20) down: connection refused; its users get the"
                + " default location's answer, or that of a listed location containing it",
            "default [\"192.0.2.30\"] [\"192.0.2.30\"] priority 1: rest (192.0.2.30) healthy");
    assertThat(status.at("/endpoints/2/id").asText()).isEqualTo("us");
    assertThat(status.at("/endpoints/2/location").asText()).isEqualTo("country:US");
  }
}

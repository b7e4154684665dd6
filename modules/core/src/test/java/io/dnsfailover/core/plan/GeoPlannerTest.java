package io.dnsfailover.core.plan;

import static io.dnsfailover.core.Fixtures.at;
import static io.dnsfailover.core.Fixtures.endpoint;
import static io.dnsfailover.core.Fixtures.record;
import static io.dnsfailover.core.Fixtures.zone;
import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.core.config.Policy;
import io.dnsfailover.core.config.RecordConfig;
import io.dnsfailover.core.config.WhenAllDown;
import io.dnsfailover.core.config.ZoneConfig;
import io.dnsfailover.core.plan.RecordPlan.Outcome;
import io.dnsfailover.core.policy.Answer;
import io.dnsfailover.core.policy.EndpointStatus;
import io.dnsfailover.core.policy.PolicyEvaluator;
import io.dnsfailover.spi.Capabilities;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.Location;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Geo records planned against a provider that answers by location, and one that cannot. */
class GeoPlannerTest {

  private static final DnsName APP = DnsName.of("app.example.test.");
  private static final String MARKER = "heritage=dnsfailover,owner=prod";
  private static final Location EU = Location.continent("EU");
  private static final Location US = Location.country("US");
  private static final Capabilities ROUTE53 =
      new Capabilities(
          true,
          0,
          0,
          Set.of(
              Location.Kind.CONTINENT,
              Location.Kind.COUNTRY,
              Location.Kind.SUBDIVISION,
              Location.Kind.DEFAULT));

  private final Planner planner = new Planner("prod");
  private final EndpointConfig eu1 = at(endpoint("app", "eu-1", "192.0.2.10", 1), EU);
  private final EndpointConfig eu2 = at(endpoint("app", "eu-2", "192.0.2.11", 2), EU);
  private final EndpointConfig us = at(endpoint("app", "us", "192.0.2.20", 1), US);
  private final EndpointConfig rest =
      at(endpoint("app", "rest", "192.0.2.30", 1), Location.DEFAULT);
  private final RecordConfig app = record("app", Policy.GEO, WhenAllDown.KEEP, eu1, eu2, us, rest);
  private final ZoneConfig zone = zone(app);
  private final Map<String, EndpointStatus> health = new HashMap<>();

  private static RecordSet geo(Map<Location, List<String>> locations) {
    return RecordSet.geo(APP, RecordType.A, 30, locations);
  }

  @Test
  void aNewGeoRecordIsCreatedWithEveryLocationAndItsMarker() {
    allUp();
    MapZone provider = new MapZone();

    ZonePlan plan = plan(provider, ROUTE53);

    RecordSet expected =
        geo(
            Map.of(
                EU,
                List.of("192.0.2.10"),
                US,
                List.of("192.0.2.20"),
                Location.DEFAULT,
                List.of("192.0.2.30")));
    assertThat(plan.changes())
        .containsExactly(
            new Change.Create(
                RecordSet.of(APP.markerName(), RecordType.TXT, 30, List.of(MARKER)),
                "marks app.example.test. as owned by prod"),
            new Change.Create(expected, plan.records().getFirst().reason()));
    assertThat(plan.records().getFirst().locations())
        .extracting(RecordPlan.LocationReason::location)
        .containsExactly(EU, US, Location.DEFAULT);
    provider.apply(plan.changes());
    assertThat(plan(provider, ROUTE53).changes()).as("re-plan after apply").isEmpty();
  }

  @Test
  void aLocationThatGoesDownIsLeftOutAndComesBackWhenItRecovers() {
    allUp();
    MapZone provider = new MapZone();
    provider.apply(plan(provider, ROUTE53).changes());
    RecordSet all = provider.records.get(app.key());

    health.put(us.key(), EndpointStatus.down("HTTP 503"));
    ZonePlan down = plan(provider, ROUTE53);

    RecordSet withoutUs =
        geo(Map.of(EU, List.of("192.0.2.10"), Location.DEFAULT, List.of("192.0.2.30")));
    assertThat(down.changes())
        .singleElement()
        .isEqualTo(new Change.Update(all, withoutUs, down.records().getFirst().reason()));
    assertThat(down.records().getFirst().outcome()).isEqualTo(Outcome.UPDATE);
    assertThat(down.records().getFirst().locations())
        .contains(
            new RecordPlan.LocationReason(
                US,
                "us (192.0.2.20) down: HTTP 503; its users get the default location's answer, or"
                    + " that of a listed location containing it"));
    provider.apply(down.changes());

    health.put(us.key(), EndpointStatus.up("HTTP 200"));
    ZonePlan recovered = plan(provider, ROUTE53);

    assertThat(recovered.changes())
        .singleElement()
        .isEqualTo(new Change.Update(withoutUs, all, recovered.records().getFirst().reason()));
  }

  @Test
  void failoverInsideALocationChangesOnlyThatLocation() {
    allUp();
    MapZone provider = new MapZone();
    provider.apply(plan(provider, ROUTE53).changes());

    health.put(eu1.key(), EndpointStatus.down("timeout"));
    ZonePlan plan = plan(provider, ROUTE53);

    Change.Update update = (Change.Update) plan.changes().getFirst();
    assertThat(update.after().locations())
        .containsExactly(
            Map.entry(EU, List.of("192.0.2.11")),
            Map.entry(US, List.of("192.0.2.20")),
            Map.entry(Location.DEFAULT, List.of("192.0.2.30")));
  }

  @Test
  void theDefaultKeptByWhenAllDownKeepsWhatTheProviderHolds() {
    MapZone provider =
        owned(
            geo(
                Map.of(
                    EU,
                    List.of("192.0.2.10"),
                    US,
                    List.of("192.0.2.20"),
                    Location.DEFAULT,
                    List.of("198.51.100.1"))));
    allUp();
    health.put(rest.key(), EndpointStatus.down("timeout"));

    ZonePlan plan = plan(provider, ROUTE53);

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.records().getFirst().outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(plan.records().getFirst().desired().orElseThrow().locations())
        .containsEntry(Location.DEFAULT, List.of("198.51.100.1"));
  }

  @Test
  void whenAllDownAllOnTheWholeRecordPublishesEachEndpointInItsLocation() {
    RecordConfig all = record("app", Policy.GEO, WhenAllDown.ALL, eu1, eu2, us, rest);
    Map<RecordKey, Answer> answers =
        Map.of(all.key(), new Answer.Publish(all.endpoints(), "all endpoints down"));

    ZonePlan plan = planner.plan(zone(all), "route53", ROUTE53, answers, List.of());

    assertThat(plan.records().getFirst().desired().orElseThrow().locations())
        .containsExactly(
            Map.entry(EU, List.of("192.0.2.10", "192.0.2.11")),
            Map.entry(US, List.of("192.0.2.20")),
            Map.entry(Location.DEFAULT, List.of("192.0.2.30")));
  }

  @Test
  void aProviderThatCannotAnswerByLocationLeavesTheRecordAlone() {
    allUp();

    ZonePlan plan = plan(new MapZone(), Capabilities.plain());

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.conflicts())
        .singleElement()
        .extracting(RecordPlan::reason)
        .isEqualTo(
            "the zonefile provider cannot answer by continent:, country: or default locations;"
                + " left alone");
  }

  private void allUp() {
    for (EndpointConfig endpoint : app.endpoints()) {
      health.put(endpoint.key(), EndpointStatus.up("HTTP 200"));
    }
  }

  private MapZone owned(RecordSet record) {
    return new MapZone()
        .put(record)
        .put(RecordSet.of(record.name().markerName(), RecordType.TXT, 30, List.of(MARKER)));
  }

  private ZonePlan plan(MapZone provider, Capabilities capabilities) {
    return planner.plan(
        zone,
        "zonefile",
        capabilities,
        Map.of(app.key(), PolicyEvaluator.decide(app, health)),
        provider.contents(Planner.keysToRead(zone)));
  }
}

package io.dnsfailover.core.plan;

import static io.dnsfailover.core.Fixtures.endpoint;
import static io.dnsfailover.core.Fixtures.zone;
import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.core.Fixtures;
import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.core.config.Policy;
import io.dnsfailover.core.config.RecordConfig;
import io.dnsfailover.core.config.WhenAllDown;
import io.dnsfailover.core.config.ZoneConfig;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Planner invariants over random zones, health and pre-existing provider contents. */
class PlannerPropertiesTest {

  /** What the provider holds for one managed name before the plan. */
  enum Existing {
    NOTHING,
    OURS,
    UNMARKED,
    OTHER_OWNER
  }

  record RecordCase(
      RecordConfig record, Existing existing, String existingValue, Map<String, Boolean> health) {}

  record Scenario(List<RecordCase> cases, boolean nativeWeights) {
    ZoneConfig zoneConfig() {
      return zone(cases.stream().map(RecordCase::record).toArray(RecordConfig[]::new));
    }

    Map<String, EndpointStatus> health() {
      Map<String, EndpointStatus> health = new HashMap<>();
      for (RecordCase recordCase : cases) {
        recordCase.health.forEach(
            (key, up) ->
                health.put(
                    key, up ? EndpointStatus.up("HTTP 200") : EndpointStatus.down("HTTP 503")));
      }
      return health;
    }

    MapZone provider() {
      MapZone zone = new MapZone();
      // Records at names the config does not list, and a TXT beside a managed name.
      zone.put(
          RecordSet.of(
              DnsName.of("other.example.test."), RecordType.A, 300, List.of("198.51.100.7")));
      zone.put(
          RecordSet.of(
              DnsName.of("r0.example.test."), RecordType.TXT, 300, List.of("v=spf1 -all")));
      for (RecordCase recordCase : cases) {
        DnsName name = recordCase.record.name();
        RecordSet existing =
            RecordSet.of(name, RecordType.A, 60, List.of(recordCase.existingValue));
        switch (recordCase.existing) {
          case NOTHING -> {}
          case OURS -> {
            zone.put(existing);
            zone.put(OwnershipMarker.recordFor(name, "prod", 60));
          }
          case UNMARKED -> zone.put(existing);
          case OTHER_OWNER -> {
            zone.put(existing);
            zone.put(OwnershipMarker.recordFor(name, "staging", 60));
          }
        }
      }
      return zone;
    }
  }

  private final Planner planner = new Planner("prod");

  @Property(tries = 300)
  void applyingAPlanThenPlanningAgainGivesAnEmptyPlan(@ForAll("scenarios") Scenario scenario) {
    MapZone provider = scenario.provider();

    provider.apply(plan(scenario, provider).changes());

    assertThat(plan(scenario, provider).changes()).isEmpty();
  }

  @Property(tries = 300)
  void noChangeEverNamesARecordThatIsNotOurs(@ForAll("scenarios") Scenario scenario) {
    MapZone provider = scenario.provider();
    Set<RecordKey> ours = new HashSet<>();
    for (RecordCase recordCase : scenario.cases) {
      boolean untouchable =
          recordCase.existing == Existing.OTHER_OWNER
              || (recordCase.existing == Existing.UNMARKED && !recordCase.record.adopt());
      if (!untouchable) {
        ours.add(recordCase.record.key());
        ours.add(RecordKey.markerFor(recordCase.record.name()));
      }
    }

    List<Change> changes = plan(scenario, provider).changes();

    assertThat(changes).allSatisfy(change -> assertThat(ours).contains(change.key()));
  }

  @Property(tries = 300)
  void noPlanEverPublishesAnEmptyAnswerAndKeepNeverRemoves(@ForAll("scenarios") Scenario scenario) {
    MapZone provider = scenario.provider();
    Map<RecordKey, RecordConfig> byKey = new HashMap<>();
    scenario.cases.forEach(recordCase -> byKey.put(recordCase.record.key(), recordCase.record));

    for (Change change : plan(scenario, provider).changes()) {
      switch (change) {
        case Change.Create create -> assertThat(create.after().values()).isNotEmpty();
        case Change.Update update -> assertThat(update.after().values()).isNotEmpty();
        case Change.Delete delete ->
            assertThat(byKey.get(delete.key()).whenAllDown()).isEqualTo(WhenAllDown.NONE);
      }
    }
  }

  private ZonePlan plan(Scenario scenario, MapZone provider) {
    ZoneConfig zoneConfig = scenario.zoneConfig();
    Map<String, EndpointStatus> health = scenario.health();
    Map<RecordKey, Answer> answers = new HashMap<>();
    for (RecordConfig record : zoneConfig.records()) {
      answers.put(record.key(), PolicyEvaluator.decide(record, health));
    }
    Capabilities capabilities =
        new Capabilities(
            scenario.nativeWeights,
            1,
            0,
            Set.of(Location.Kind.CONTINENT, Location.Kind.COUNTRY, Location.Kind.DEFAULT));
    return planner.plan(
        zoneConfig, "test", capabilities, answers, provider.read(Planner.keysToRead(zoneConfig)));
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    return Arbitraries.integers()
        .between(1, 5)
        .flatMap(
            count -> {
              List<Arbitrary<RecordCase>> cases = new ArrayList<>();
              for (int i = 0; i < count; i++) {
                cases.add(recordCase("r" + i));
              }
              return Combinators.combine(
                      Combinators.combine(cases).as(List::copyOf), Arbitraries.of(true, false))
                  .as(Scenario::new);
            });
  }

  private static final List<Location> GEO_LOCATIONS =
      List.of(
          Location.DEFAULT,
          Location.continent("EU"),
          Location.country("US"),
          Location.continent("EU"));

  private static Arbitrary<RecordCase> recordCase(String name) {
    Arbitrary<List<EndpointConfig>> endpoints =
        Arbitraries.integers()
            .between(1, 4)
            .flatMap(
                count -> {
                  List<Arbitrary<EndpointConfig>> list = new ArrayList<>();
                  for (int i = 0; i < count; i++) {
                    String id = "e" + i;
                    String address = "192.0.2." + (i + 1);
                    list.add(
                        Combinators.combine(
                                Arbitraries.integers().between(1, 3),
                                Arbitraries.integers().between(0, 255))
                            .as(
                                (priority, weight) ->
                                    endpoint(name, RecordType.A, id, address, priority, weight)));
                  }
                  return Combinators.combine(list).as(List::copyOf);
                });
    return Combinators.combine(
            endpoints,
            Arbitraries.of(Policy.class),
            Arbitraries.of(WhenAllDown.class),
            Arbitraries.of(true, false),
            Arbitraries.of(Existing.class),
            Arbitraries.of("192.0.2.1", "192.0.2.2", "203.0.113.9"),
            Arbitraries.of(true, false).list().ofSize(4))
        .as(
            (written, policy, whenAllDown, adopt, existing, value, ups) -> {
              // A geo record's endpoints each answer one location, the first the default.
              List<EndpointConfig> list =
                  policy != Policy.GEO
                      ? written
                      : written.stream()
                          .map(
                              endpoint ->
                                  Fixtures.at(
                                      endpoint, GEO_LOCATIONS.get(written.indexOf(endpoint))))
                          .toList();
              RecordConfig record =
                  Fixtures.record(
                      name,
                      RecordType.A,
                      policy,
                      whenAllDown,
                      adopt,
                      list.toArray(EndpointConfig[]::new));
              Map<String, Boolean> health = new HashMap<>();
              for (int i = 0; i < list.size(); i++) {
                health.put(list.get(i).key(), ups.get(i));
              }
              return new RecordCase(record, existing, value, health);
            });
  }
}

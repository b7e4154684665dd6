package io.dnsfailover.core.plan;

import static io.dnsfailover.core.Fixtures.ZONE;
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
import io.dnsfailover.spi.Capabilities;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.WeightedValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerTest {

  private static final DnsName APP = DnsName.of("app.example.test.");
  private static final String MARKER = "heritage=dnsfailover,owner=prod";

  private final Planner planner = new Planner("prod");
  private final EndpointConfig primary = endpoint("app", "primary", "192.0.2.10", 1);
  private final EndpointConfig backup = endpoint("app", "backup", "192.0.2.20", 2);
  private final RecordConfig app =
      record("app", Policy.FAILOVER, WhenAllDown.KEEP, primary, backup);
  private final ZoneConfig zone = zone(app);

  @Test
  void aNewRecordIsCreatedWithItsOwnershipMarker() {
    ZonePlan plan = plan(zone, publish(app, primary), new MapZone());

    assertThat(plan.changes())
        .containsExactly(
            new Change.Create(
                RecordSet.of(APP.markerName(), RecordType.TXT, 30, List.of(MARKER)),
                "marks app.example.test. as owned by prod"),
            new Change.Create(
                RecordSet.of(APP, RecordType.A, 30, List.of("192.0.2.10")), "primary healthy"));
  }

  @Test
  void anOwnedRecordIsUpdatedFromExactlyWhatTheProviderListed() {
    RecordSet listed = RecordSet.of(APP, RecordType.A, 60, List.of("192.0.2.10"));
    MapZone provider = owned(listed);

    ZonePlan plan = plan(zone, publish(app, backup), provider);

    assertThat(plan.changes())
        .containsExactly(
            new Change.Update(
                listed,
                RecordSet.of(APP, RecordType.A, 30, List.of("192.0.2.20")),
                "backup healthy"));
    assertThat(plan.records()).extracting(RecordPlan::outcome).containsExactly(Outcome.UPDATE);
  }

  @Test
  void aRecordWithoutOurMarkerIsAConflictAndLeftAlone() {
    MapZone provider =
        new MapZone().put(RecordSet.of(APP, RecordType.A, 300, List.of("198.51.100.1")));

    ZonePlan plan = plan(zone, publish(app, primary), provider);

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.conflicts())
        .singleElement()
        .satisfies(
            conflict -> {
              assertThat(conflict.key()).isEqualTo(new RecordKey(APP, RecordType.A));
              assertThat(conflict.reason())
                  .isEqualTo(
                      "exists without an ownership marker (_dnsfailover.app.example.test.); left alone:"
                          + " set adopt: true on the record to take it over");
            });
  }

  @Test
  void adoptTakesOverAnUnmarkedRecordAndWritesTheMarker() {
    RecordConfig adopted =
        record("app", RecordType.A, Policy.FAILOVER, WhenAllDown.KEEP, true, primary, backup);
    RecordSet listed = RecordSet.of(APP, RecordType.A, 30, List.of("192.0.2.10"));
    MapZone provider = new MapZone().put(listed);

    ZonePlan plan = plan(zone(adopted), publish(adopted, primary), provider);

    assertThat(plan.changes())
        .containsExactly(
            new Change.Create(
                RecordSet.of(APP.markerName(), RecordType.TXT, 30, List.of(MARKER)),
                "adopt: true takes over app.example.test. for prod"));
  }

  @Test
  void aRecordOwnedByAnotherConfigIsNeverChangedEvenWithAdopt() {
    RecordConfig adopted =
        record("app", RecordType.A, Policy.FAILOVER, WhenAllDown.KEEP, true, primary, backup);
    MapZone provider =
        new MapZone()
            .put(RecordSet.of(APP, RecordType.A, 30, List.of("192.0.2.99")))
            .put(
                RecordSet.of(
                    APP.markerName(),
                    RecordType.TXT,
                    30,
                    List.of("heritage=dnsfailover,owner=staging")));

    ZonePlan plan = plan(zone(adopted), publish(adopted, primary), provider);

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.conflicts().getFirst().reason())
        .isEqualTo("owned by staging (marker _dnsfailover.app.example.test.); left alone");
  }

  @Test
  void aForeignCnameAtTheNameIsAConflict() {
    MapZone provider =
        new MapZone().put(RecordSet.of(APP, RecordType.CNAME, 30, List.of("elsewhere.test.")));

    ZonePlan plan = plan(zone, publish(app, primary), provider);

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.conflicts().getFirst().reason())
        .isEqualTo(
            "a CNAME record exists at app.example.test. and cannot share its name with A; left"
                + " alone");
  }

  @Test
  void aCnameIsAConflictBesideAnyOtherDataWhoeverOwnsIt() {
    EndpointConfig target =
        endpoint("app", RecordType.CNAME, "target", "target.example.net.", 1, 1);
    RecordConfig alias =
        record("app", RecordType.CNAME, Policy.FAILOVER, WhenAllDown.KEEP, true, target);
    RecordSet ourAddress = RecordSet.of(APP, RecordType.A, 30, List.of("192.0.2.10"));

    ZonePlan besideMx = plan(zone(alias), publish(alias, target), new MapZone().other(APP, "MX"));
    ZonePlan besideText =
        plan(
            zone(alias),
            publish(alias, target),
            new MapZone()
                .put(RecordSet.of(APP, RecordType.TXT, 300, List.of("v=spf1 -all")))
                .other(APP, "SRV", "MX"));
    ZonePlan besideOurs = plan(zone(alias), publish(alias, target), owned(ourAddress));

    assertThat(List.of(besideMx, besideText, besideOurs))
        .allSatisfy(plan -> assertThat(plan.changes()).isEmpty());
    assertThat(besideMx.conflicts().getFirst().reason())
        .isEqualTo(
            "other records exist at app.example.test. (MX) and a CNAME cannot share its name with"
                + " them; left alone");
    assertThat(besideText.conflicts().getFirst().reason())
        .startsWith("other records exist at app.example.test. (MX, SRV, TXT)");
    assertThat(besideOurs.conflicts().getFirst().reason())
        .startsWith("other records exist at app.example.test. (A)");
  }

  @Test
  void aCnameMayHaveItsDnssecRecordsBesideIt() {
    EndpointConfig target =
        endpoint("app", RecordType.CNAME, "target", "target.example.net.", 1, 1);
    RecordConfig alias =
        record("app", RecordType.CNAME, Policy.FAILOVER, WhenAllDown.KEEP, false, target);

    ZonePlan plan =
        plan(zone(alias), publish(alias, target), new MapZone().other(APP, "RRSIG", "NSEC"));

    assertThat(plan.conflicts()).isEmpty();
    assertThat(plan.changes())
        .contains(
            new Change.Create(
                RecordSet.of(APP, RecordType.CNAME, 30, List.of("target.example.net.")),
                "target healthy"));
  }

  @Test
  void anAddressMayShareItsNameWithOtherDataButNotWithACname() {
    ZonePlan besideMx = plan(zone, publish(app, primary), new MapZone().other(APP, "MX"));

    assertThat(besideMx.conflicts()).isEmpty();
    assertThat(besideMx.changes()).hasSize(2);
  }

  @Test
  void aCnameWhereTheMarkerMustGoIsAConflict() {
    MapZone provider =
        new MapZone()
            .put(RecordSet.of(APP.markerName(), RecordType.CNAME, 300, List.of("x.example.net.")));

    ZonePlan plan = plan(zone, publish(app, primary), provider);

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.conflicts().getFirst().reason())
        .isEqualTo(
            "a CNAME record exists at _dnsfailover.app.example.test., where the ownership marker"
                + " (TXT) must go; left alone");
  }

  @Test
  void keepChangesNothingAndRemoveDeletesTheRecordButKeepsTheMarker() {
    RecordSet listed = RecordSet.of(APP, RecordType.A, 30, List.of("192.0.2.10"));

    ZonePlan keep = plan(zone, Map.of(app.key(), new Answer.Keep("all down")), owned(listed));
    ZonePlan remove = plan(zone, Map.of(app.key(), new Answer.Remove("all down")), owned(listed));

    assertThat(keep.changes()).isEmpty();
    assertThat(keep.records().getFirst().outcome()).isEqualTo(Outcome.KEEP);
    assertThat(remove.changes()).containsExactly(new Change.Delete(listed, "all down"));
  }

  @Test
  void weightedRecordsUseNativeWeightsOnlyWhereTheProviderHasThem() {
    EndpointConfig heavy = endpoint("app", RecordType.A, "heavy", "192.0.2.1", 1, 200);
    EndpointConfig light = endpoint("app", RecordType.A, "light", "192.0.2.2", 1, 50);
    RecordConfig weighted = record("app", Policy.WEIGHTED, WhenAllDown.KEEP, heavy, light);
    Map<RecordKey, Answer> answer =
        Map.of(weighted.key(), new Answer.Publish(List.of(heavy, light), "both healthy"));

    ZonePlan nativePlan =
        planner.plan(zone(weighted), "route53", new Capabilities(true, 1, 1000), answer, List.of());
    ZonePlan plainPlan =
        planner.plan(zone(weighted), "zonefile", Capabilities.plain(), answer, List.of());

    assertThat(nativePlan.records().getFirst().desired().orElseThrow().weights())
        .containsExactly(
            new WeightedValue("heavy", "192.0.2.1", 200),
            new WeightedValue("light", "192.0.2.2", 50));
    assertThat(plainPlan.records().getFirst().desired().orElseThrow().weights()).isEmpty();
    assertThat(plainPlan.notes())
        .containsExactly(
            "app.example.test. A: weighted is published as a multi-value answer (the provider has"
                + " no native weights)");
  }

  @Test
  void whereTheProviderCannotKeepMemberIdsWeightedRecordsCompareByValueAndWeight() {
    EndpointConfig heavy = endpoint("app", RecordType.A, "heavy", "192.0.2.1", 1, 200);
    EndpointConfig light = endpoint("app", RecordType.A, "light", "192.0.2.2", 1, 50);
    RecordConfig weighted = record("app", Policy.WEIGHTED, WhenAllDown.KEEP, heavy, light);
    Capabilities withoutIds = new Capabilities(true, 0, 1000, java.util.Set.of(), false);
    RecordSet held =
        RecordSet.weighted(
            APP,
            RecordType.A,
            30,
            List.of(
                new WeightedValue("192.0.2.1", "192.0.2.1", 200),
                new WeightedValue("192.0.2.2", "192.0.2.2", 50)));
    // An older version kept the ids in the marker; its extra pair changes nothing.
    MapZone provider =
        new MapZone()
            .put(held)
            .put(
                RecordSet.of(
                    APP.markerName(),
                    RecordType.TXT,
                    30,
                    List.of(MARKER + ",wrr.a=heavy@192.0.2.1;light@192.0.2.2")));

    ZonePlan same =
        planner.plan(
            zone(weighted),
            "clouddns",
            withoutIds,
            Map.of(weighted.key(), new Answer.Publish(List.of(heavy, light), "both healthy")),
            provider.contents(Planner.keysToRead(zone(weighted))));
    ZonePlan lightDown =
        planner.plan(
            zone(weighted),
            "clouddns",
            withoutIds,
            Map.of(weighted.key(), new Answer.Publish(List.of(heavy), "light down")),
            provider.contents(Planner.keysToRead(zone(weighted))));
    ZonePlan keepingIds =
        planner.plan(
            zone(weighted),
            "route53",
            new Capabilities(true, 0, 1000),
            Map.of(weighted.key(), new Answer.Publish(List.of(heavy, light), "both healthy")),
            provider.contents(Planner.keysToRead(zone(weighted))));

    assertThat(same.changes()).isEmpty();
    assertThat(same.records()).extracting(RecordPlan::outcome).containsExactly(Outcome.UNCHANGED);
    assertThat(lightDown.changes())
        .containsExactly(
            new Change.Update(
                held,
                RecordSet.weighted(
                    APP, RecordType.A, 30, List.of(new WeightedValue("heavy", "192.0.2.1", 200))),
                "light down"));
    assertThat(keepingIds.records())
        .extracting(RecordPlan::outcome)
        .containsExactly(Outcome.UPDATE);
  }

  @Test
  void everyRecordFailsOverAtOnceWithoutACap() {
    RecordConfig[] records = new RecordConfig[50];
    MapZone provider = new MapZone();
    Map<RecordKey, Answer> answers = new java.util.HashMap<>();
    for (int i = 0; i < records.length; i++) {
      String name = "app" + i;
      EndpointConfig first = endpoint(name, "primary", "192.0.2.10", 1);
      EndpointConfig second = endpoint(name, "backup", "192.0.2.20", 2);
      records[i] = record(name, Policy.FAILOVER, WhenAllDown.KEEP, first, second);
      DnsName recordName = records[i].name();
      provider.put(RecordSet.of(recordName, RecordType.A, 30, List.of("192.0.2.10")));
      provider.put(RecordSet.of(recordName.markerName(), RecordType.TXT, 30, List.of(MARKER)));
      answers.put(records[i].key(), new Answer.Publish(List.of(second), "primary down"));
    }

    ZonePlan plan = plan(zone(records), answers, provider);

    assertThat(plan.changes()).hasSize(50).allMatch(change -> change instanceof Change.Update);
  }

  private MapZone owned(RecordSet record) {
    return new MapZone()
        .put(record)
        .put(RecordSet.of(record.name().markerName(), RecordType.TXT, 30, List.of(MARKER)));
  }

  private static Map<RecordKey, Answer> publish(RecordConfig record, EndpointConfig endpoint) {
    return Map.of(record.key(), new Answer.Publish(List.of(endpoint), endpoint.id() + " healthy"));
  }

  private ZonePlan plan(ZoneConfig zoneConfig, Map<RecordKey, Answer> answers, MapZone provider) {
    assertThat(zoneConfig.name()).isEqualTo(ZONE);
    return planner.plan(
        zoneConfig,
        "zonefile",
        Capabilities.plain(),
        answers,
        provider.contents(Planner.keysToRead(zoneConfig)));
  }
}

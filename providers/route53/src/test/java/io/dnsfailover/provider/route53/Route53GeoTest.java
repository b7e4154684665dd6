package io.dnsfailover.provider.route53;

import static io.dnsfailover.provider.route53.InMemoryRoute53.CHANGE;
import static io.dnsfailover.provider.route53.InMemoryRoute53.LIST_RECORDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.Location;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.ProviderException.Kind;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.WeightedValue;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.testkit.FakeClock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.GeoLocation;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Geo record sets against the in-memory Route 53 twin: one geolocation set per location with a
 * SetIdentifier named after it, and changes that carry only the locations that change.
 */
class Route53GeoTest {

  static final String ZONE_ID = "Z0GEO";
  static final Zone ZONE = new Zone(DnsName.of("example.test."), "aws");
  static final DnsName APP = DnsName.of("app.example.test.");
  static final RecordKey APP_A = new RecordKey(APP, RecordType.A);
  static final Location EU = Location.continent("EU");
  static final Location US = Location.country("US");
  static final Location CALIFORNIA = Location.subdivision("US", "CA");

  private InMemoryRoute53 route53;
  private Route53Provider provider;

  @BeforeEach
  void setUp() {
    route53 = new InMemoryRoute53().zone(ZONE_ID, "example.test.", false);
    provider =
        Route53ProviderContractTest.provider(
            route53, TestSettings.parse(Map.of()), new FakeClock());
  }

  private static RecordSet geo(Object... locationsAndValues) {
    Map<Location, List<String>> locations = new LinkedHashMap<>();
    for (int i = 0; i < locationsAndValues.length; i += 2) {
      locations.put(
          (Location) locationsAndValues[i],
          List.of(((String) locationsAndValues[i + 1]).split(",")));
    }
    return RecordSet.geo(APP, RecordType.A, 20, locations);
  }

  private final RecordSet all =
      geo(
          EU,
          "192.0.2.10",
          US,
          "192.0.2.20",
          CALIFORNIA,
          "192.0.2.21",
          Location.DEFAULT,
          "192.0.2.30,192.0.2.31");

  private RecordSet read() throws ProviderException {
    return provider.records(ZONE, Set.of(APP_A)).getFirst();
  }

  @Test
  void eachLocationIsOneGeolocationSetWithAStableIdentifierTheRecordsTtlAndItsValues()
      throws Exception {
    provider.apply(ZONE, List.of(new Change.Create(all, "new")));

    List<ResourceRecordSet> held =
        route53.all(ZONE_ID).stream().filter(set -> set.type() == RRType.A).toList();
    assertThat(held)
        .extracting(
            ResourceRecordSet::setIdentifier,
            ResourceRecordSet::geoLocation,
            ResourceRecordSet::ttl,
            set -> set.resourceRecords().stream().map(record -> record.value()).toList())
        .containsExactlyInAnyOrder(
            tuple(
                "geo-continent-EU",
                GeoLocation.builder().continentCode("EU").build(),
                20L,
                List.of("192.0.2.10")),
            tuple(
                "geo-country-US",
                GeoLocation.builder().countryCode("US").build(),
                20L,
                List.of("192.0.2.20")),
            tuple(
                "geo-subdivision-US-CA",
                GeoLocation.builder().countryCode("US").subdivisionCode("CA").build(),
                20L,
                List.of("192.0.2.21")),
            tuple(
                "geo-default",
                GeoLocation.builder().countryCode("*").build(),
                20L,
                List.of("192.0.2.30", "192.0.2.31")));
    assertThat(read()).isEqualTo(all);
  }

  @Test
  void aLocationThatGoesDownIsDeletedAsListedAndUpsertedWhenItRecovers() throws Exception {
    provider.apply(ZONE, List.of(new Change.Create(all, "new")));
    RecordSet withoutUs =
        geo(EU, "192.0.2.10", CALIFORNIA, "192.0.2.21", Location.DEFAULT, "192.0.2.30,192.0.2.31");

    provider.apply(ZONE, List.of(new Change.Update(read(), withoutUs, "us down")));

    assertThat(actions(last())).containsExactly(tuple(ChangeAction.DELETE, "geo-country-US"));
    assertThat(read()).isEqualTo(withoutUs);
    int reads = route53.calls(LIST_RECORDS);

    provider.apply(ZONE, List.of(new Change.Update(read(), all, "us back")));

    assertThat(actions(last())).containsExactly(tuple(ChangeAction.UPSERT, "geo-country-US"));
    assertThat(route53.calls(LIST_RECORDS) - reads)
        .as("one read by the test, one before the UPSERT")
        .isEqualTo(2);
    assertThat(read()).isEqualTo(all);
  }

  @Test
  void failoverInsideALocationUpsertsThatLocationOnly() throws Exception {
    provider.apply(ZONE, List.of(new Change.Create(all, "new")));
    RecordSet euBackup =
        geo(
            EU,
            "192.0.2.11",
            US,
            "192.0.2.20",
            CALIFORNIA,
            "192.0.2.21",
            Location.DEFAULT,
            "192.0.2.30,192.0.2.31");

    provider.apply(ZONE, List.of(new Change.Update(read(), euBackup, "eu-1 down")));

    assertThat(actions(last())).containsExactly(tuple(ChangeAction.UPSERT, "geo-continent-EU"));
    assertThat(read()).isEqualTo(euBackup);
  }

  @Test
  void aTtlChangeUpsertsEveryLocation() throws Exception {
    provider.apply(ZONE, List.of(new Change.Create(all, "new")));

    provider.apply(ZONE, List.of(new Change.Update(read(), all.withTtl(60), "ttl")));

    assertThat(actions(last()))
        .hasSize(4)
        .allMatch(action -> action.toList().get(0) == ChangeAction.UPSERT);
    assertThat(read()).isEqualTo(all.withTtl(60));
  }

  @Test
  void aWeightedRecordBecomingGeoDeletesTheMembersAndCreatesTheLocations() throws Exception {
    RecordSet weighted =
        RecordSet.weighted(
            APP,
            RecordType.A,
            20,
            List.of(
                new WeightedValue("blue", "192.0.2.10", 100),
                new WeightedValue("green", "192.0.2.20", 100)));
    provider.apply(ZONE, List.of(new Change.Create(weighted, "new")));
    RecordSet geo = geo(EU, "192.0.2.10", Location.DEFAULT, "192.0.2.20");

    provider.apply(ZONE, List.of(new Change.Update(read(), geo, "now geo")));

    assertThat(actions(last()))
        .containsExactly(
            tuple(ChangeAction.DELETE, "blue"),
            tuple(ChangeAction.DELETE, "green"),
            tuple(ChangeAction.CREATE, "geo-continent-EU"),
            tuple(ChangeAction.CREATE, "geo-default"));
    assertThat(read()).isEqualTo(geo);
  }

  @Test
  void aLocationSetSomeoneElseNamedIsReadAsItsLocationAndReplacedOnlyWhenItChanges()
      throws Exception {
    route53.seed(
        ZONE_ID,
        InMemoryRoute53.geo(
            "app.example.test.",
            RRType.A,
            20,
            "Europe",
            GeoLocation.builder().continentCode("EU").build(),
            "192.0.2.10"),
        InMemoryRoute53.geo(
            "app.example.test.",
            RRType.A,
            20,
            "everyone else",
            GeoLocation.builder().countryCode("*").build(),
            "192.0.2.30"));
    RecordSet held = geo(EU, "192.0.2.10", Location.DEFAULT, "192.0.2.30");
    assertThat(read()).isEqualTo(held);

    RecordSet moved = geo(EU, "192.0.2.11", Location.DEFAULT, "192.0.2.30");
    provider.apply(ZONE, List.of(new Change.Update(read(), moved, "eu-1 down")));

    assertThat(actions(last()))
        .containsExactly(
            tuple(ChangeAction.DELETE, "Europe"), tuple(ChangeAction.CREATE, "geo-continent-EU"));
    assertThat(read()).isEqualTo(moved);
  }

  @Test
  void aCloudRegionIsRefusedBeforeAnyCall() {
    RecordSet region =
        RecordSet.geo(
            APP,
            RecordType.A,
            20,
            Map.of(Location.cloudRegion("europe-west1"), List.of("192.0.2.10")));

    assertThatThrownBy(() -> provider.apply(ZONE, List.of(new Change.Create(region, "new"))))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID))
        .hasMessageContaining("Route 53 cannot answer by cloudRegion:europe-west1");
    assertThat(route53.calls(CHANGE)).isZero();
  }

  @Test
  void theFactoryAndTheProviderDeclareTheSameLocations() {
    assertThat(new Route53ProviderFactory().locationKinds())
        .isEqualTo(provider.capabilities().locationKinds())
        .containsExactlyInAnyOrder(
            Location.Kind.CONTINENT,
            Location.Kind.COUNTRY,
            Location.Kind.SUBDIVISION,
            Location.Kind.DEFAULT);
  }

  private ChangeResourceRecordSetsRequest last() {
    return route53.changeRequests().getLast();
  }

  private static List<Tuple> actions(ChangeResourceRecordSetsRequest request) {
    List<Tuple> actions = new ArrayList<>();
    for (var change : request.changeBatch().changes()) {
      actions.add(tuple(change.action(), change.resourceRecordSet().setIdentifier()));
    }
    return actions;
  }
}

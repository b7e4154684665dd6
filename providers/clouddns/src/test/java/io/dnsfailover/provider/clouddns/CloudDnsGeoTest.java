package io.dnsfailover.provider.clouddns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.google.api.services.dns.model.RRSetRoutingPolicyGeoPolicyGeoPolicyItem;
import com.google.api.services.dns.model.ResourceRecordSet;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.Location;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.ProviderException.Kind;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.testkit.FakeClock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Geo record sets against the in-memory Cloud DNS: one rrset with {@code routingPolicy.geo}, one
 * item per Google Cloud region; a region with no healthy endpoint is left out, so Cloud DNS answers
 * its users from the nearest item left.
 */
class CloudDnsGeoTest {

  private static final String MANAGED = "example-test";
  private static final Zone ZONE = new Zone(DnsName.of("example.test."), "google");
  private static final DnsName APP = DnsName.of("app.example.test.");
  private static final RecordKey APP_A = new RecordKey(APP, RecordType.A);
  private static final Location EUROPE = Location.cloudRegion("europe-west1");
  private static final Location AMERICA = Location.cloudRegion("us-east1");
  private static final Location ASIA = Location.cloudRegion("asia-east1");

  private final InMemoryCloudDns backend = new InMemoryCloudDns().addZone(MANAGED, "example.test.");
  private final CloudDnsProvider provider =
      new CloudDnsProvider(
          backend, "test-project", Optional.empty(), TestTiming.TIMING, new FakeClock());

  private static RecordSet geo(Object... locationsAndValues) {
    Map<Location, List<String>> locations = new LinkedHashMap<>();
    for (int i = 0; i < locationsAndValues.length; i += 2) {
      locations.put(
          (Location) locationsAndValues[i],
          List.of(((String) locationsAndValues[i + 1]).split(",")));
    }
    return RecordSet.geo(APP, RecordType.A, 30, locations);
  }

  private RecordSet read() throws ProviderException {
    return provider.records(ZONE, Set.of(APP_A)).getFirst();
  }

  private List<org.assertj.core.groups.Tuple> items() {
    ResourceRecordSet held = backend.get(MANAGED, "app.example.test.", "A").orElseThrow();
    assertThat(held.getRrdatas()).isNull();
    return held.getRoutingPolicy().getGeo().getItems().stream()
        .map(item -> tuple(item.getLocation(), item.getRrdatas()))
        .toList();
  }

  @Test
  void aGeoRecordIsOneRrsetWithAGeoItemPerRegionAndReadsBackEqual() throws Exception {
    RecordSet all = geo(EUROPE, "192.0.2.10,192.0.2.11", AMERICA, "192.0.2.20", ASIA, "192.0.2.40");

    provider.apply(ZONE, List.of(new Change.Create(all, "new")));

    assertThat(items())
        .containsExactly(
            tuple("asia-east1", List.of("192.0.2.40")),
            tuple("europe-west1", List.of("192.0.2.10", "192.0.2.11")),
            tuple("us-east1", List.of("192.0.2.20")));
    assertThat(read()).isEqualTo(all);
  }

  @Test
  void aRegionThatGoesDownIsLeftOutInOneChangeAndComesBack() throws Exception {
    RecordSet all = geo(EUROPE, "192.0.2.10", AMERICA, "192.0.2.20", ASIA, "192.0.2.40");
    provider.apply(ZONE, List.of(new Change.Create(all, "new")));
    ResourceRecordSet before = backend.get(MANAGED, "app.example.test.", "A").orElseThrow();
    RecordSet americaDown = geo(EUROPE, "192.0.2.10", ASIA, "192.0.2.40");

    provider.apply(ZONE, List.of(new Change.Update(read(), americaDown, "us-east1 down")));

    com.google.api.services.dns.model.Change change = backend.accepted().getLast();
    assertThat(change.getDeletions()).containsExactly(before);
    assertThat(items())
        .containsExactly(
            tuple("asia-east1", List.of("192.0.2.40")),
            tuple("europe-west1", List.of("192.0.2.10")));
    assertThat(read()).isEqualTo(americaDown);

    provider.apply(ZONE, List.of(new Change.Update(read(), all, "us-east1 back")));
    assertThat(read()).isEqualTo(all);
  }

  @Test
  void aGeoPolicyWithFencingOrHealthCheckedTargetsIsNotTakenForOurs() throws Exception {
    RecordSet ours = geo(EUROPE, "192.0.2.10");
    ResourceRecordSet fenced = RrsetCodec.toRrset(ours);
    fenced.getRoutingPolicy().getGeo().setEnableFencing(true);
    backend.seed(MANAGED, fenced);

    assertThat(read()).isNotEqualTo(ours);
    assertThat(read().isGeo()).isFalse();

    ResourceRecordSet checked = RrsetCodec.toRrset(ours);
    RRSetRoutingPolicyGeoPolicyGeoPolicyItem item =
        checked.getRoutingPolicy().getGeo().getItems().getFirst();
    item.setHealthCheckedTargets(
        new com.google.api.services.dns.model.RRSetRoutingPolicyHealthCheckTargets()
            .setExternalEndpoints(new java.util.ArrayList<>(List.of("192.0.2.10"))));
    backend.remove(MANAGED, "app.example.test.", "A");
    backend.seed(MANAGED, checked);

    assertThat(read()).isNotEqualTo(ours);
  }

  @Test
  void aContinentIsRefusedBeforeAnyCall() {
    RecordSet continent =
        RecordSet.geo(
            APP, RecordType.A, 30, Map.of(Location.continent("EU"), List.of("192.0.2.10")));

    assertThatThrownBy(() -> provider.apply(ZONE, List.of(new Change.Create(continent, "new"))))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID))
        .hasMessageContaining(
            "Cloud DNS routes by Google Cloud region only (cloudRegion:), not by"
                + " continent:EU");
    assertThat(backend.createCalls()).isZero();
  }

  @Test
  void theFactoryAndTheProviderDeclareTheSameLocations() {
    assertThat(new CloudDnsProviderFactory().locationKinds())
        .isEqualTo(provider.capabilities().locationKinds())
        .containsExactly(Location.Kind.CLOUD_REGION);
  }
}

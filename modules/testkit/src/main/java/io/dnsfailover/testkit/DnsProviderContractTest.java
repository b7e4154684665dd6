package io.dnsfailover.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.core.config.RecordConfig;
import io.dnsfailover.core.config.ZoneConfig;
import io.dnsfailover.core.plan.IsolatedApply;
import io.dnsfailover.core.plan.Planner;
import io.dnsfailover.core.plan.RecordPlan;
import io.dnsfailover.core.plan.ZonePlan;
import io.dnsfailover.core.policy.Answer;
import io.dnsfailover.core.policy.EndpointStatus;
import io.dnsfailover.core.policy.PolicyEvaluator;
import io.dnsfailover.spi.ApplyResult;
import io.dnsfailover.spi.Capabilities;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.Fence;
import io.dnsfailover.spi.Location;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.WeightedValue;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.spi.ZoneContents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link io.dnsfailover.spi.DnsProvider} must have. A provider module extends
 * this class and supplies a fresh, empty backend per test; the suite then checks reads, writes and
 * conflict detection against it.
 *
 * <p>Before each test the suite seeds "foreign" records (records the tool does not manage: other
 * names in the zone, and a TXT record at a name whose A record the tests manage) through {@link
 * #seedForeign}, and after every apply it checks they are still exactly as seeded.
 *
 * <p>Weights: a provider with {@link io.dnsfailover.spi.Capabilities#nativeWeights()} must
 * round-trip weighted record sets with their weights, and with their member ids unless it says it
 * cannot keep them ({@link io.dnsfailover.spi.Capabilities#keepsMemberIds()}: then each member
 * reads back named by its value, {@link RecordSet#withValuesAsMemberIds()}). A provider without
 * them must accept a weighted record set and publish it unweighted: {@link DnsProvider#records}
 * then returns {@link RecordSet#withoutWeights()}. Rejecting weighted sets is not allowed, so the
 * engine can hand the same plan to every provider.
 *
 * <p>Locations: a provider with {@link io.dnsfailover.spi.Capabilities#locationKinds()} must
 * round-trip geo record sets location by location, including an update that leaves a location out
 * (its users fall back) and one that brings it back. Providers without them are never handed a geo
 * record set (config validation refuses it), so the suite does not try.
 *
 * <p>Invalid changes: a batch holding a change the backend refuses ({@link #invalidChange()}) fails
 * as {@link ProviderException.Kind#INVALID}, and applies nothing, or, where the backend cannot
 * write a batch atomically, exactly the changes {@link ProviderException#applied()} names. Applied
 * through {@link IsolatedApply}, the other changes of that batch land and the invalid one is named.
 *
 * <p>Values are written in canonical form (IPv4 dotted quad, IPv6 as RFC 5952, CNAME targets
 * absolute and lower case, TXT as raw unquoted text) and must read back identically.
 *
 * <p>Fenced applies ({@link DnsProvider#apply(Zone, List, Fence)}): a fence whose {@link
 * Fence#verify()} throws means nothing is written and that failure is passed on as it is; a fence
 * that holds is verified before the write, unless the provider keeps it inside the write itself (a
 * {@link Fence.KeyGuard} it can check: {@link #keyGuardCheckedInTheWrite()}). A provider that
 * cannot check a fence's key guard never takes the guard for proof: it verifies.
 *
 * <p>Capabilities are kept: a TTL of {@link Capabilities#minTtl()} round-trips and a lower one is
 * {@linkplain #belowMinimumTtl() refused or raised}, as the provider documents; a batch of more
 * than {@link Capabilities#maxChangesPerBatch()} changes still {@linkplain #oversizedBatch() lands,
 * split, or is refused}, as it documents.
 *
 * <p>Planning is stable: a zone planned by {@link Planner}, applied, read back and planned again
 * plans no change, so the provider never shows the planner a difference that is only spelling.
 */
public abstract class DnsProviderContractTest extends ProviderSafetyContract {

  @TempDir private Path configDirectory;

  @Test
  void createThenReadReturnsExactlyWhatWasCreated() throws Exception {
    RecordSet app =
        RecordSet.of(name("app"), RecordType.A, 20, List.of("192.0.2.20", "192.0.2.10"));

    ApplyResult result = apply(new Change.Create(app, "new record"));

    assertThat(result.applied()).containsExactly(new Change.Create(app, "new record"));
    assertThat(result.writeCalls()).isPositive();
    assertThat(read(app.key())).containsExactly(app);
  }

  @Test
  void weightedSetsRoundTripWithNativeWeightsOtherwiseArePublishedUnweighted() throws Exception {
    RecordSet weighted =
        RecordSet.weighted(
            name("weighted"),
            RecordType.A,
            TTL,
            List.of(
                new WeightedValue("primary", "192.0.2.10", 200),
                new WeightedValue("backup", "192.0.2.20", 55)));

    apply(new Change.Create(weighted, "new weighted record"));

    Capabilities capabilities = provider.capabilities();
    RecordSet expected =
        !capabilities.nativeWeights()
            ? weighted.withoutWeights()
            : capabilities.keepsMemberIds() ? weighted : weighted.withValuesAsMemberIds();
    assertThat(read(weighted.key())).containsExactly(expected);
  }

  @Test
  void geoSetsRoundTripLocationByLocationWhereTheProviderAnswersByLocation() throws Exception {
    Set<Location.Kind> kinds = provider.capabilities().locationKinds();
    assumeTrue(!kinds.isEmpty(), "the provider does not answer by location");
    List<Location> locations = sampleLocations(kinds);
    Map<Location, List<String>> all = new LinkedHashMap<>();
    for (int i = 0; i < locations.size(); i++) {
      all.put(
          locations.get(i), List.of("192.0.2." + (10 * (i + 1)), "192.0.2." + (10 * (i + 1) + 1)));
    }
    RecordSet geo = RecordSet.geo(name("geo"), RecordType.A, TTL, all);

    apply(new Change.Create(geo, "new geo record"));
    assertThat(read(geo.key())).containsExactly(geo);

    // The first location fails over inside itself, the second has no healthy endpoint left.
    Map<Location, List<String>> failedOver = new LinkedHashMap<>(all);
    failedOver.put(locations.get(0), List.of("192.0.2.19"));
    failedOver.remove(locations.get(1));
    RecordSet degraded = RecordSet.geo(name("geo"), RecordType.A, TTL, failedOver);
    apply(new Change.Update(read(geo.key()).getFirst(), degraded, "locations down"));
    assertThat(read(geo.key())).containsExactly(degraded);

    apply(new Change.Update(read(geo.key()).getFirst(), geo, "recovered"));
    assertThat(read(geo.key())).containsExactly(geo);

    apply(new Change.Delete(read(geo.key()).getFirst(), "no longer wanted"));
    assertThat(read(geo.key())).isEmpty();
  }

  /** Three locations of {@code kinds}: the default last where the provider has one. */
  private static List<Location> sampleLocations(Set<Location.Kind> kinds) {
    List<Location> samples = new ArrayList<>();
    if (kinds.contains(Location.Kind.CONTINENT)) {
      samples.add(Location.continent("EU"));
    }
    if (kinds.contains(Location.Kind.COUNTRY)) {
      samples.add(Location.country("US"));
    }
    if (kinds.contains(Location.Kind.SUBDIVISION)) {
      samples.add(Location.subdivision("US", "CA"));
    }
    if (kinds.contains(Location.Kind.CLOUD_REGION)) {
      samples.add(Location.cloudRegion("europe-west1"));
      samples.add(Location.cloudRegion("us-east1"));
      samples.add(Location.cloudRegion("asia-east1"));
    }
    List<Location> chosen = new ArrayList<>(samples.subList(0, Math.min(samples.size(), 2)));
    if (kinds.contains(Location.Kind.DEFAULT)) {
      chosen.add(Location.DEFAULT);
    } else if (samples.size() > 2) {
      chosen.add(samples.get(2));
    }
    return chosen;
  }

  @Test
  void updateReplacesValuesAndTtl() throws Exception {
    RecordSet before = RecordSet.of(name("app"), RecordType.A, TTL, List.of("192.0.2.10"));
    RecordSet after =
        RecordSet.of(name("app"), RecordType.A, 60, List.of("192.0.2.20", "192.0.2.30"));
    apply(new Change.Create(before, "new record"));

    apply(new Change.Update(read(before.key()).getFirst(), after, "primary down"));

    assertThat(read(after.key())).containsExactly(after);
  }

  @Test
  void deleteRemovesTheRecordSet() throws Exception {
    RecordSet app = RecordSet.of(name("app"), RecordType.A, TTL, List.of("192.0.2.10"));
    apply(new Change.Create(app, "new record"));

    apply(new Change.Delete(read(app.key()).getFirst(), "no longer wanted"));

    assertThat(read(app.key())).isEmpty();
  }

  @Test
  void txtValuesRoundTripWhateverCharactersTheyHold() throws Exception {
    String marker = "heritage=dnsfailover,owner=prod-eu";
    String awkward = "spaces and \"quotes\", a back\\slash; a semicolon ( parens )";
    String longValue = "x".repeat(200) + " " + "y".repeat(100);
    RecordSet markerSet =
        RecordSet.of(name("app").markerName(), RecordType.TXT, TTL, List.of(marker));
    RecordSet mixed =
        RecordSet.of(name("text"), RecordType.TXT, TTL, List.of(awkward, longValue, "plain"));

    apply(new Change.Create(markerSet, "marker"), new Change.Create(mixed, "text"));

    assertThat(read(markerSet.key())).containsExactly(markerSet);
    assertThat(read(mixed.key())).containsExactly(mixed);
    assertThat(read(mixed.key()).getFirst().values()).contains(awkward, longValue);
  }

  @Test
  void addressAndAliasRecordsRoundTrip() throws Exception {
    RecordSet ipv4 = RecordSet.of(name("v4"), RecordType.A, TTL, List.of("203.0.113.1"));
    RecordSet ipv6 =
        RecordSet.of(name("v6"), RecordType.AAAA, TTL, List.of("2001:db8::1", "2001:db8:0:1::10"));
    RecordSet alias = RecordSet.of(name("alias"), RecordType.CNAME, TTL, List.of("app.example."));

    apply(
        new Change.Create(ipv4, "v4"),
        new Change.Create(ipv6, "v6"),
        new Change.Create(alias, "alias"));

    assertThat(read(ipv4.key(), ipv6.key(), alias.key())).containsExactly(alias, ipv4, ipv6);
  }

  @Test
  void readsOnlyTheKeysAskedFor() throws Exception {
    RecordSet app = RecordSet.of(name("app"), RecordType.A, TTL, List.of("192.0.2.10"));
    RecordSet api = RecordSet.of(name("api"), RecordType.A, TTL, List.of("192.0.2.11"));
    apply(new Change.Create(app, "app"), new Change.Create(api, "api"));

    RecordKey missing = new RecordKey(name("absent"), RecordType.A);
    assertThat(read(app.key(), missing)).containsExactly(app);
    assertThat(provider.records(zone, Set.of())).isEmpty();
  }

  @Test
  void contentsReadTheSameRecordSetsAsRecords() throws Exception {
    RecordSet app = RecordSet.of(name("app"), RecordType.A, TTL, List.of("192.0.2.10"));
    apply(new Change.Create(app, "app"));
    Set<RecordKey> keys =
        Set.of(
            app.key(),
            new RecordKey(name("app"), RecordType.TXT),
            new RecordKey(name("app"), RecordType.CNAME),
            new RecordKey(name("absent"), RecordType.A));

    ZoneContents contents = provider.contents(zone, keys);

    assertThat(sorted(contents.recordSets()))
        .containsExactlyElementsOf(sorted(provider.records(zone, keys)))
        .hasSize(2);
    // The foreign TXT beside our A is a record set, not other data; "absent" holds nothing.
    assertThat(contents.otherTypesAt(name("app"))).isEmpty();
    assertThat(contents.otherTypesAt(name("absent"))).isEmpty();
  }

  @Test
  void emptyApplyChangesNothing() throws Exception {
    RecordSet app = RecordSet.of(name("app"), RecordType.A, TTL, List.of("192.0.2.10"));
    apply(new Change.Create(app, "new record"));

    ApplyResult result = provider.apply(zone, List.of());

    assertThat(result.applied()).isEmpty();
    assertThat(result.writeCalls()).isZero();
    assertThat(read(app.key())).containsExactly(app);
    assertForeignRecordsUntouched();
  }

  @Test
  void namesAreCaseInsensitive() throws Exception {
    DnsName mixedCase = DnsName.resolve("MiXeD", DnsName.of(upperCase(zone.name())));
    RecordSet created = RecordSet.of(mixedCase, RecordType.A, TTL, List.of("192.0.2.10"));
    Zone upperZone = new Zone(DnsName.of(upperCase(zone.name())), zone.provider());

    provider.apply(upperZone, List.of(new Change.Create(created, "mixed case")));
    assertForeignRecordsUntouched();

    RecordKey lowerKey = new RecordKey(DnsName.of("mixed." + zone.name()), RecordType.A);
    assertThat(provider.records(zone, Set.of(lowerKey)))
        .containsExactly(RecordSet.of(lowerKey.name(), RecordType.A, TTL, List.of("192.0.2.10")));
  }

  @Test
  void aZonePlannedAppliedAndReadBackPlansNoChange() throws Exception {
    Config config =
        OneZoneYaml.failover()
            .zone(zone.name().value())
            .defaultCheck("{ type: tcp, port: 80 }")
            .record(
                "{ name: pool, type: A, policy: weighted, endpoints: [{ id: one, address:"
                    + " 192.0.2.31, weight: 3 }, { id: two, address: 192.0.2.32, weight: 1 }] }")
            .record(
                "{ name: v6, type: AAAA, policy: multivalue, endpoints: [{ id: a, address:"
                    + " \"2001:DB8:0:0:0:0:0:A\" }, { id: b, address: \"2001:db8::b\" }] }")
            .record(
                "{ name: www, type: CNAME, endpoints: [{ id: a, address: Target.Example.NET }] }")
            .load(configDirectory);
    ZoneConfig zoneConfig = config.zones().getFirst();
    Planner planner = new Planner(config.ownerId());

    ZonePlan first = plan(planner, zoneConfig);
    assertThat(first.changes()).as("the first plan").isNotEmpty();
    IsolatedApply.Result result = IsolatedApply.apply(provider, zone, first.changes());
    assertThat(result.rejected()).isEmpty();
    assertForeignRecordsUntouched();

    ZonePlan again = plan(planner, zoneConfig);

    assertThat(again.changes()).as("the plan after applying the first").isEmpty();
    assertThat(again.records())
        .extracting(RecordPlan::outcome)
        .containsOnly(RecordPlan.Outcome.UNCHANGED);
  }

  /** Plans {@code zoneConfig} against what the provider holds now, every endpoint healthy. */
  private ZonePlan plan(Planner planner, ZoneConfig zoneConfig) throws ProviderException {
    Map<String, EndpointStatus> health = new HashMap<>();
    Map<RecordKey, Answer> answers = new HashMap<>();
    for (RecordConfig record : zoneConfig.records()) {
      for (EndpointConfig endpoint : record.endpoints()) {
        health.put(endpoint.key(), EndpointStatus.up("contract: up"));
      }
      answers.put(record.key(), PolicyEvaluator.decide(record, health));
    }
    return planner.plan(
        zoneConfig,
        provider.type(),
        provider.capabilities(),
        answers,
        provider.contents(zone, Planner.keysToRead(zoneConfig)));
  }

  private static String upperCase(DnsName name) {
    return name.value().toUpperCase(Locale.ROOT);
  }
}

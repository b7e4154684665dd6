package io.dnsfailover.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.core.config.RecordConfig;
import io.dnsfailover.core.config.ZoneConfig;
import io.dnsfailover.core.plan.IsolatedApply;
import io.dnsfailover.core.plan.OwnershipMarker;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
public abstract class DnsProviderContractTest {

  private static final int TTL = 30;

  /** What a provider does with a TTL below {@link Capabilities#minTtl()}. */
  protected enum BelowMinimumTtl {
    /** Fails the apply as {@link ProviderException.Kind#INVALID}, writing nothing. */
    REFUSED,
    /** Writes the record set with {@link Capabilities#minTtl()} instead. */
    RAISED
  }

  /** What a provider does with more changes than {@link Capabilities#maxChangesPerBatch()}. */
  protected enum OversizedBatch {
    /** Applies them all, in several write calls. */
    SPLIT,
    /** Fails the apply as {@link ProviderException.Kind#INVALID}, writing nothing. */
    REFUSED
  }

  @TempDir private Path configDirectory;

  private DnsProvider provider;
  private Zone zone;
  private List<RecordSet> foreign;

  /** A provider backed by a fresh, empty backend (a new temp file, a new in-memory store...). */
  protected abstract DnsProvider createProvider() throws Exception;

  /** The zone the tests write to; called once per test, after {@link #createProvider}. */
  protected abstract Zone zone();

  /**
   * Puts {@code recordSet} into the backend directly, the way another tool or a person would,
   * without going through the provider under test.
   */
  protected abstract void seedForeign(Zone zone, RecordSet recordSet) throws Exception;

  /**
   * A change the backend refuses as {@link ProviderException.Kind#INVALID}, alone or in any batch.
   * This default creates a CNAME with two targets at {@code two-targets}, which Route 53, Cloud
   * DNS, Azure DNS and zone files refuse (a CNAME holds exactly one target). A provider whose
   * backend would take it overrides this with a change it refuses; it must not touch the names
   * {@code app}, {@code good}, {@code other}, {@code legacy}.
   */
  protected Change invalidChange() {
    return new Change.Create(
        RecordSet.of(
            name("two-targets"),
            RecordType.CNAME,
            TTL,
            List.of("one.example.net.", "two.example.net.")),
        "invalid on purpose");
  }

  /**
   * How this provider treats a TTL below its {@link Capabilities#minTtl()}, as its docs say. This
   * default is {@link BelowMinimumTtl#REFUSED}.
   */
  protected BelowMinimumTtl belowMinimumTtl() {
    return BelowMinimumTtl.REFUSED;
  }

  /**
   * How this provider treats a batch above its {@link Capabilities#maxChangesPerBatch()}, as its
   * docs say. This default is {@link OversizedBatch#SPLIT}.
   */
  protected OversizedBatch oversizedBatch() {
    return OversizedBatch.SPLIT;
  }

  /**
   * A key guard this provider checks inside its write, for a provider that keeps a fence atomically
   * with the write (the {@code coredns} provider, on the etcd cluster the guard names): its key
   * exists now, so a fence carrying it holds whatever {@link Fence#verify()} says. Empty, the
   * default, for a provider that checks {@link Fence#verify()} before it writes, as {@link
   * DnsProvider#apply(Zone, List, Fence)} does unless overridden.
   */
  protected Optional<Fence.KeyGuard> keyGuardCheckedInTheWrite() throws Exception {
    return Optional.empty();
  }

  @BeforeEach
  final void setUpProviderAndForeignRecords() throws Exception {
    provider = createProvider();
    zone = zone();
    foreign =
        List.of(
            RecordSet.of(name("other"), RecordType.A, 3600, List.of("198.51.100.7")),
            RecordSet.of(name("legacy"), RecordType.CNAME, 600, List.of("target.example.net.")),
            RecordSet.of(name("app"), RecordType.TXT, 600, List.of("foreign text at app")));
    for (RecordSet recordSet : foreign) {
      seedForeign(zone, recordSet);
    }
  }

  @AfterEach
  final void closeProvider() throws Exception {
    provider.close();
  }

  /** The provider under test, for subclasses adding provider-specific cases. */
  protected final DnsProvider provider() {
    return provider;
  }

  /** {@code label} made absolute in the test zone. */
  protected final DnsName name(String label) {
    return DnsName.resolve(label, zone.name());
  }

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
  void staleBeforeIsAConflictAndNothingIsApplied() throws Exception {
    RecordSet app = RecordSet.of(name("app"), RecordType.A, TTL, List.of("192.0.2.10"));
    apply(new Change.Create(app, "new record"));
    RecordSet stale = RecordSet.of(name("app"), RecordType.A, TTL, List.of("192.0.2.99"));
    RecordSet staleTtl = app.withTtl(TTL + 1);
    RecordSet unrelated = RecordSet.of(name("new"), RecordType.A, TTL, List.of("192.0.2.50"));
    RecordSet updated = RecordSet.of(name("app"), RecordType.A, TTL, List.of("192.0.2.20"));
    List<RecordKey> keys = List.of(app.key(), unrelated.key());

    assertConflictChangesNothing(keys, new Change.Update(stale, updated, "stale values"));
    assertConflictChangesNothing(keys, new Change.Update(staleTtl, updated, "stale ttl"));
    assertConflictChangesNothing(keys, new Change.Delete(stale, "stale delete"));
    assertConflictChangesNothing(
        keys,
        new Change.Create(unrelated, "valid on its own"),
        new Change.Update(stale, updated, "stale values"));
    assertConflictChangesNothing(keys, new Change.Create(updated, "already exists"));
    RecordSet absent = RecordSet.of(name("absent"), RecordType.A, TTL, List.of("192.0.2.1"));
    assertConflictChangesNothing(keys, new Change.Delete(absent, "never existed"));
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
  void aBatchWithAnInvalidChangeFailsAsInvalidAndAppliesNothingItDoesNotReport() throws Exception {
    RecordSet good = RecordSet.of(name("good"), RecordType.A, TTL, List.of("192.0.2.31"));
    RecordSet marker = OwnershipMarker.recordFor(name("good"), "contract", TTL);
    Change invalid = invalidChange();
    List<Change> batch =
        List.of(
            new Change.Create(good, "new record"),
            new Change.Create(marker, "marker"),
            invalid,
            new Change.Create(
                RecordSet.of(name("app"), RecordType.A, TTL, List.of("192.0.2.32")), "new record"));
    RecordKey[] keys = keysOf(batch);
    List<RecordSet> before = read(keys);

    ProviderException failure =
        catchThrowableOfType(ProviderException.class, () -> provider.apply(zone, batch));

    assertThat(failure).as("applying a batch with " + invalid.key()).isNotNull();
    assertThat(failure.kind()).isEqualTo(ProviderException.Kind.INVALID);
    assertThat(failure.applied()).doesNotContain(invalid);
    assertThat(read(keys)).isEqualTo(expectedAfter(before, failure.applied()));
    assertForeignRecordsUntouched();
  }

  @Test
  void isolationAppliesEveryValidChangeOfARejectedBatchAndNamesTheInvalidOne() throws Exception {
    RecordSet app = RecordSet.of(name("app"), RecordType.A, TTL, List.of("192.0.2.10"));
    apply(new Change.Create(app, "new record"));
    RecordSet failedOver = RecordSet.of(name("app"), RecordType.A, TTL, List.of("192.0.2.20"));
    RecordSet good = RecordSet.of(name("good"), RecordType.A, TTL, List.of("192.0.2.31"));
    RecordSet marker = OwnershipMarker.recordFor(name("good"), "contract", TTL);
    Change invalid = invalidChange();
    Change failover = new Change.Update(read(app.key()).getFirst(), failedOver, "primary down");
    Change create = new Change.Create(good, "new record");
    Change createMarker = new Change.Create(marker, "marker");
    List<RecordSet> invalidBefore = read(invalid.key());

    IsolatedApply.Result outcome =
        IsolatedApply.apply(provider, zone, List.of(create, invalid, failover, createMarker));

    assertForeignRecordsUntouched();
    assertThat(outcome.applied()).containsExactlyInAnyOrder(create, failover, createMarker);
    assertThat(outcome.rejected())
        .singleElement()
        .satisfies(
            rejected -> {
              assertThat(rejected.changes()).containsExactly(invalid);
              assertThat(rejected.reason().kind()).isEqualTo(ProviderException.Kind.INVALID);
            });
    assertThat(outcome.failure(4))
        .hasValueSatisfying(
            failure -> {
              assertThat(failure.kind()).isEqualTo(ProviderException.Kind.INVALID);
              assertThat(failure.getMessage())
                  .contains(invalid.key().toString())
                  .contains(outcome.rejected().getFirst().reason().getMessage());
            });
    assertThat(read(app.key())).containsExactly(failedOver);
    assertThat(read(good.key(), marker.key())).containsExactly(marker, good);
    assertThat(read(invalid.key())).isEqualTo(invalidBefore);
  }

  @Test
  void aFenceThatDoesNotHoldWritesNothing() throws Exception {
    RecordSet app = RecordSet.of(name("app"), RecordType.A, TTL, List.of("192.0.2.10"));
    RecordSet marker = OwnershipMarker.recordFor(name("app"), "contract", TTL);
    ProviderException lost =
        new ProviderException(ProviderException.Kind.TRANSIENT, "contract: no longer the leader");
    AtomicInteger verified = new AtomicInteger();

    assertThatThrownBy(
            () ->
                provider.apply(
                    zone,
                    List.of(new Change.Create(app, "new"), new Change.Create(marker, "marker")),
                    fence(verified, lost, Optional.empty())))
        .isSameAs(lost);

    assertThat(verified).hasValue(1);
    assertThat(read(app.key(), marker.key())).isEmpty();
    assertForeignRecordsUntouched();
  }

  @Test
  void aFenceThatHoldsIsVerifiedBeforeTheWrite() throws Exception {
    RecordSet app = RecordSet.of(name("app"), RecordType.A, TTL, List.of("192.0.2.10"));
    List<List<RecordSet>> heldWhenVerified = new ArrayList<>();
    Fence holding = () -> heldWhenVerified.add(read(app.key()));

    ApplyResult result = provider.apply(zone, List.of(new Change.Create(app, "new")), holding);

    assertThat(heldWhenVerified).containsExactly(List.of());
    assertThat(result.applied()).containsExactly(new Change.Create(app, "new"));
    assertThat(read(app.key())).containsExactly(app);
    assertForeignRecordsUntouched();
  }

  @Test
  void aKeyGuardIsProofOnlyToAProviderThatChecksItInTheWrite() throws Exception {
    RecordSet app = RecordSet.of(name("app"), RecordType.A, TTL, List.of("192.0.2.10"));
    ProviderException refusal =
        new ProviderException(ProviderException.Kind.TRANSIENT, "contract: verify refuses");
    AtomicInteger verified = new AtomicInteger();
    Optional<Fence.KeyGuard> checkedInTheWrite = keyGuardCheckedInTheWrite();
    Fence.KeyGuard guard =
        checkedInTheWrite.orElse(new Fence.KeyGuard("c0ffee", "/contract/leader", 1));
    Fence fence = fence(verified, refusal, Optional.of(guard));
    List<Change> changes = List.of(new Change.Create(app, "new"));

    if (checkedInTheWrite.isPresent()) {
      assertThat(provider.apply(zone, changes, fence).applied()).isEqualTo(changes);
      assertThat(verified).as("verify() calls").hasValue(0);
      assertThat(read(app.key())).containsExactly(app);
    } else {
      assertThatThrownBy(() -> provider.apply(zone, changes, fence)).isSameAs(refusal);
      assertThat(verified).as("verify() calls").hasValue(1);
      assertThat(read(app.key())).isEmpty();
    }
    assertForeignRecordsUntouched();
  }

  @Test
  void theMinimumTtlRoundTripsAndALowerOneIsRefusedOrRaisedAsDocumented() throws Exception {
    int minimum = provider.capabilities().minTtl();
    RecordSet atMinimum = RecordSet.of(name("floor"), RecordType.A, minimum, List.of("192.0.2.40"));

    apply(new Change.Create(atMinimum, "at the minimum ttl"));

    assertThat(read(atMinimum.key())).containsExactly(atMinimum);
    if (minimum == 0) {
      return; // no TTL is below 0
    }
    RecordSet below = RecordSet.of(name("below"), RecordType.A, minimum - 1, List.of("192.0.2.41"));
    Change create = new Change.Create(below, "below the minimum ttl");
    switch (belowMinimumTtl()) {
      case REFUSED -> {
        assertThatThrownBy(() -> provider.apply(zone, List.of(create)))
            .isInstanceOfSatisfying(
                ProviderException.class,
                e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID));
        assertThat(read(below.key())).isEmpty();
      }
      case RAISED -> {
        apply(create);
        assertThat(read(below.key())).containsExactly(below.withTtl(minimum));
      }
    }
    assertForeignRecordsUntouched();
  }

  @Test
  void aBatchAboveTheLimitLandsSplitOrIsRefusedAsDocumented() throws Exception {
    int limit = provider.capabilities().maxChangesPerBatch();
    int size = limit > 0 ? limit + 1 : 25; // without a limit, a batch of 25 lands in one apply
    List<RecordSet> recordSets =
        IntStream.range(0, size)
            .mapToObj(
                i ->
                    RecordSet.of(
                        name("batch-" + i),
                        RecordType.A,
                        TTL,
                        List.of("198.51.100." + (i % 250 + 1))))
            .toList();
    List<Change> batch =
        recordSets.stream()
            .<Change>map(recordSet -> new Change.Create(recordSet, "one of a large batch"))
            .toList();
    RecordKey[] keys = keysOf(batch);

    if (limit > 0 && oversizedBatch() == OversizedBatch.REFUSED) {
      assertThatThrownBy(() -> provider.apply(zone, batch))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID));
      assertThat(read(keys)).isEmpty();
      assertForeignRecordsUntouched();
      return;
    }
    ApplyResult result = apply(batch.toArray(Change[]::new));

    assertThat(result.applied()).containsExactlyInAnyOrderElementsOf(batch);
    if (limit > 0) {
      assertThat(result.writeCalls())
          .as("write calls")
          .isGreaterThanOrEqualTo((size + limit - 1) / limit);
    }
    assertThat(read(keys)).containsExactlyElementsOf(sorted(recordSets));
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

  /**
   * A fence whose {@link Fence#verify()} counts its calls and throws {@code refusal}, carrying
   * {@code guard}.
   */
  private static Fence fence(
      AtomicInteger verified, ProviderException refusal, Optional<Fence.KeyGuard> guard) {
    return new Fence() {
      @Override
      public void verify() throws ProviderException {
        verified.incrementAndGet();
        throw refusal;
      }

      @Override
      public Optional<KeyGuard> keyGuard() {
        return guard;
      }
    };
  }

  /** Applies {@code changes} and checks the foreign records survived. */
  protected final ApplyResult apply(Change... changes) throws Exception {
    ApplyResult result = provider.apply(zone, List.of(changes));
    assertForeignRecordsUntouched();
    return result;
  }

  /** Reads {@code keys} from the provider under test. */
  protected final List<RecordSet> read(RecordKey... keys) throws ProviderException {
    return sorted(provider.records(zone, new HashSet<>(Arrays.asList(keys))));
  }

  protected final void assertForeignRecordsUntouched() throws ProviderException {
    RecordKey[] keys = foreign.stream().map(RecordSet::key).toArray(RecordKey[]::new);
    assertThat(read(keys)).as("foreign records").containsExactlyElementsOf(sorted(foreign));
  }

  private void assertConflictChangesNothing(List<RecordKey> keys, Change... changes)
      throws ProviderException {
    List<RecordSet> before = read(keys.toArray(RecordKey[]::new));

    assertThatThrownBy(() -> provider.apply(zone, List.of(changes)))
        .isInstanceOfSatisfying(
            ProviderException.class,
            failure -> assertThat(failure.kind()).isEqualTo(ProviderException.Kind.CONFLICT));

    assertThat(read(keys.toArray(RecordKey[]::new))).isEqualTo(before);
    assertForeignRecordsUntouched();
  }

  private static RecordKey[] keysOf(List<Change> changes) {
    return changes.stream().map(Change::key).distinct().toArray(RecordKey[]::new);
  }

  /** {@code before} with {@code applied} made (plain record sets only), sorted by key. */
  private static List<RecordSet> expectedAfter(List<RecordSet> before, List<Change> applied) {
    Map<RecordKey, RecordSet> held = new LinkedHashMap<>();
    before.forEach(recordSet -> held.put(recordSet.key(), recordSet));
    for (Change change : applied) {
      switch (change) {
        case Change.Create create -> held.put(create.key(), create.after());
        case Change.Update update -> held.put(update.key(), update.after());
        case Change.Delete delete -> held.remove(delete.key());
      }
    }
    return sorted(new ArrayList<>(held.values()));
  }

  private static List<RecordSet> sorted(List<RecordSet> recordSets) {
    List<RecordSet> copy = new ArrayList<>(recordSets);
    copy.sort((left, right) -> left.key().compareTo(right.key()));
    return copy;
  }

  private static String upperCase(DnsName name) {
    return name.value().toUpperCase(Locale.ROOT);
  }
}

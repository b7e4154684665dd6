package io.dnsfailover.provider.clouddns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.services.dns.model.RRSetRoutingPolicy;
import com.google.api.services.dns.model.RRSetRoutingPolicyGeoPolicy;
import com.google.api.services.dns.model.RRSetRoutingPolicyGeoPolicyGeoPolicyItem;
import com.google.api.services.dns.model.ResourceRecordSet;
import io.dnsfailover.core.plan.OwnershipMarker;
import io.dnsfailover.provider.clouddns.CloudDnsApi.ApiError;
import io.dnsfailover.provider.clouddns.InMemoryCloudDns.Fault;
import io.dnsfailover.spi.ApplyResult;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.ProviderException.Kind;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.WeightedValue;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.spi.ZoneContents;
import io.dnsfailover.testkit.FakeClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The provider's Cloud DNS rules, against the in-memory Cloud DNS. */
class CloudDnsProviderTest {

  private static final String MANAGED = "example-test";
  private static final Zone ZONE = new Zone(DnsName.of("example.test."), "google");
  private static final String MARKER_TEXT = "heritage=dnsfailover,owner=prod";

  private final InMemoryCloudDns backend = new InMemoryCloudDns().addZone(MANAGED, "example.test.");
  private final FakeClock pacer = new FakeClock();
  private CloudDnsProvider provider = provider(Optional.empty());

  private CloudDnsProvider provider(Optional<String> managedZone) {
    return new CloudDnsProvider(backend, "test-project", managedZone, TestTiming.TIMING, pacer);
  }

  private static DnsName name(String label) {
    return DnsName.resolve(label, ZONE.name());
  }

  private static RecordSet a(String label, int ttl, String... values) {
    return RecordSet.of(name(label), RecordType.A, ttl, List.of(values));
  }

  private static RecordSet marker(String label, String text) {
    return RecordSet.of(name(label).markerName(), RecordType.TXT, 30, List.of(text));
  }

  private static RecordSet weighted(String label, WeightedValue... members) {
    return RecordSet.weighted(name(label), RecordType.A, 30, List.of(members));
  }

  private static ResourceRecordSet rrset(String label, String type, int ttl, String... rrdatas) {
    return new ResourceRecordSet()
        .setName(name(label).value())
        .setType(type)
        .setTtl(ttl)
        .setRrdatas(new ArrayList<>(List.of(rrdatas)));
  }

  private RecordSet read(RecordKey key) throws ProviderException {
    return provider.records(ZONE, Set.of(key)).stream().findFirst().orElse(null);
  }

  // --- the managed zone -------------------------------------------------------------------------

  @Test
  void managedZoneIsFoundByDnsNameOnceAndCached() throws Exception {
    provider.records(ZONE, Set.of(a("app", 30).key()));
    provider.apply(ZONE, List.of(new Change.Create(a("app", 30, "192.0.2.1"), "new")));
    provider.records(ZONE, Set.of(a("app", 30).key()));

    assertThat(backend.zoneLookups()).isEqualTo(1);
    assertThat(backend.get(MANAGED, "app.example.test.", "A")).isPresent();
  }

  @Test
  void noManagedZoneForTheNameIsNotFound() {
    Zone other = new Zone(DnsName.of("other.test."), "google");

    assertThatThrownBy(() -> provider.records(other, Set.of(a("app", 30).key())))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
        .hasMessageContaining("no managed zone in project test-project serves other.test.");
  }

  @Test
  void twoManagedZonesForTheNameAskForManagedZone() {
    backend.addZone("example-test-private", "example.test.", "private");

    assertThatThrownBy(() -> provider.records(ZONE, Set.of(a("app", 30).key())))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID))
        .hasMessageContaining("example-test (public), example-test-private (private)")
        .hasMessageContaining("set managedZone");
  }

  @Test
  void configuredManagedZoneMustServeTheZone() throws Exception {
    backend.addZone("example-test-private", "example.test.", "private");
    backend.addZone("elsewhere", "elsewhere.test.");

    provider = provider(Optional.of("example-test-private"));
    provider.apply(ZONE, List.of(new Change.Create(a("app", 30, "192.0.2.1"), "new")));
    assertThat(backend.get("example-test-private", "app.example.test.", "A")).isPresent();
    assertThat(backend.get(MANAGED, "app.example.test.", "A")).isEmpty();

    provider = provider(Optional.of("elsewhere"));
    assertThatThrownBy(() -> provider.records(ZONE, Set.of(a("app", 30).key())))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID))
        .hasMessageContaining(
            "managedZone elsewhere in project test-project serves elsewhere.test.");
  }

  // --- reading --------------------------------------------------------------------------------

  @Test
  void contentsNamesTheTypesTheToolDoesNotManageAtTheNamesAskedFor() throws Exception {
    backend.seed(MANAGED, rrset("app", "A", 60, "192.0.2.1"));
    backend.seed(MANAGED, rrset("app", "MX", 60, "10 mail.example.test."));
    backend.seed(MANAGED, rrset("app", "CAA", 60, "0 issue \"ca.example\""));
    backend.seed(MANAGED, rrset("other", "MX", 60, "10 mail.example.test."));
    RecordKey app = a("app", 60).key();

    ZoneContents few = provider.contents(ZONE, Set.of(app, RecordKey.markerFor(app.name())));

    assertThat(few.recordSets()).containsExactly(a("app", 60, "192.0.2.1"));
    assertThat(few.otherTypes()).containsOnlyKeys(name("app"));
    assertThat(few.otherTypesAt(name("app"))).containsExactly("CAA", "MX");

    Set<RecordKey> many = new java.util.HashSet<>(Set.of(app));
    for (int i = 0; i < 12; i++) {
      many.add(a("host" + i, 60).key());
    }
    ZoneContents whole = provider.contents(ZONE, many);

    assertThat(backend.listedNames().getLast()).isEmpty();
    assertThat(whole.otherTypes()).containsOnlyKeys(name("app"));
    assertThat(whole.otherTypesAt(name("app"))).containsExactly("CAA", "MX");
  }

  @Test
  void fewNamesAreQueriedByNameManyReadTheZoneFollowingPages() throws Exception {
    backend.pageSize(3);
    for (int i = 0; i < 12; i++) {
      backend.seed(MANAGED, rrset("host" + i, "A", 60, "192.0.2." + i));
    }
    RecordKey one = a("host1", 60).key();

    assertThat(provider.records(ZONE, Set.of(one))).containsExactly(a("host1", 60, "192.0.2.1"));
    assertThat(backend.listedNames()).containsExactly("host1.example.test.");

    Set<RecordKey> many = new java.util.HashSet<>();
    for (int i = 0; i < 12; i++) {
      many.add(a("host" + i, 60).key());
    }
    List<String> before = backend.listedNames();
    assertThat(provider.records(ZONE, many)).hasSize(12);
    List<String> after = backend.listedNames();
    assertThat(after.subList(before.size(), after.size())).containsOnly("").hasSize(4);
  }

  @Test
  void txtWrittenByAnotherToolIsReadAsRawTextAndDeletedExactlyAsListed() throws Exception {
    backend.seed(MANAGED, rrset("text", "TXT", 60, "\"split \" \"in two\"", "bare"));
    RecordKey key = new RecordKey(name("text"), RecordType.TXT);
    RecordSet listed = read(key);
    assertThat(listed.values()).containsExactly("bare", "split in two");

    RecordSet after = RecordSet.of(name("text"), RecordType.TXT, 60, List.of("one"));
    ApplyResult result = provider.apply(ZONE, List.of(new Change.Update(listed, after, "edit")));

    assertThat(result.writeCalls()).isEqualTo(1);
    assertThat(backend.accepted().getFirst().getDeletions().getFirst().getRrdatas())
        .containsExactly("\"split \" \"in two\"", "bare");
    assertThat(backend.get(MANAGED, "text.example.test.", "TXT").orElseThrow().getRrdatas())
        .containsExactly("\"one\"");
  }

  // --- writing: one change ----------------------------------------------------------------------

  @Test
  void everyDeletionAndAdditionGoesInOneChangeAndAnUpdateIsDeleteAsListedPlusAdd()
      throws Exception {
    backend.seed(MANAGED, rrset("app", "A", 30, "192.0.2.1"));
    backend.seed(MANAGED, rrset("old", "A", 30, "192.0.2.9"));
    RecordSet app = read(a("app", 30).key());
    RecordSet old = read(a("old", 30).key());

    ApplyResult result =
        provider.apply(
            ZONE,
            List.of(
                new Change.Create(a("new", 30, "192.0.2.5"), "new"),
                new Change.Update(app, a("app", 20, "192.0.2.2"), "failover"),
                new Change.Delete(old, "gone")));

    assertThat(result.writeCalls()).isEqualTo(1);
    assertThat(result.applied()).hasSize(3);
    assertThat(backend.accepted()).hasSize(1);
    com.google.api.services.dns.model.Change change = backend.accepted().getFirst();
    assertThat(change.getDeletions())
        .extracting(ResourceRecordSet::getName)
        .containsExactlyInAnyOrder("app.example.test.", "old.example.test.");
    assertThat(change.getAdditions())
        .extracting(ResourceRecordSet::getName)
        .containsExactlyInAnyOrder("app.example.test.", "new.example.test.");
  }

  @Test
  void aChangeIsSplitOnlyPastAThousandAdditionsOrDeletions() throws Exception {
    List<Change> thousand = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      thousand.add(new Change.Create(a("h" + i, 30, "192.0.2.1"), "new"));
    }
    assertThat(provider.apply(ZONE, thousand).writeCalls()).isEqualTo(1);

    List<Change> updates = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      updates.add(new Change.Update(a("h" + i, 30, "192.0.2.1"), a("h" + i, 30, "192.0.2.2"), "u"));
    }
    updates.add(new Change.Create(a("extra", 30, "192.0.2.3"), "new"));
    ApplyResult result = provider.apply(ZONE, updates);

    assertThat(result.writeCalls()).isEqualTo(2);
    assertThat(result.applied()).hasSize(1001);
    assertThat(backend.accepted().get(1).getDeletions()).hasSize(1000);
    assertThat(backend.accepted().get(1).getAdditions()).hasSize(1000);
    assertThat(backend.accepted().get(2).getAdditions()).hasSize(1);
    assertThat(backend.all(MANAGED)).hasSize(1001);
  }

  @Test
  void duplicateKeysAreInvalidBeforeAnyCall() {
    assertThatThrownBy(
            () ->
                provider.apply(
                    ZONE,
                    List.of(
                        new Change.Create(a("app", 30, "192.0.2.1"), "one"),
                        new Change.Create(a("app", 30, "192.0.2.2"), "two"))))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID));
    assertThat(backend.createCalls()).isZero();
  }

  // --- polling ----------------------------------------------------------------------------------

  @Test
  void aPendingChangeIsPolledUntilDoneWithGrowingWaits() throws Exception {
    backend.pendingPolls(3);

    provider.apply(ZONE, List.of(new Change.Create(a("app", 30, "192.0.2.1"), "new")));

    assertThat(backend.changeReads()).isEqualTo(3);
    assertThat(pacer.sleeps())
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
  }

  @Test
  void pollingStopsAtTheChangeTimeoutAndLeavesTheAcceptedChangeToFinish() throws Exception {
    backend.pendingPolls(1_000);

    ApplyResult result =
        provider.apply(ZONE, List.of(new Change.Create(a("app", 30, "192.0.2.1"), "new")));

    assertThat(result.applied()).hasSize(1);
    long waited = pacer.sleeps().stream().mapToLong(Duration::toMillis).sum();
    assertThat(waited).isLessThanOrEqualTo(Duration.ofSeconds(60).toMillis());
    assertThat(backend.changeReads()).isBetween(5, 12);
  }

  // --- conflicts and retries --------------------------------------------------------------------

  @Test
  void preconditionFailedThenSuccessWhenOnlyTheBytesDiffered() throws Exception {
    backend.seed(MANAGED, rrset("text", "TXT", 60, "\"abc\""));
    RecordSet listed = read(new RecordKey(name("text"), RecordType.TXT));
    // Another tool rewrites the same text in another form between our read and our write.
    backend.seed(MANAGED, rrset("text", "TXT", 60, "\"a\" \"bc\""));
    RecordSet after = RecordSet.of(name("text"), RecordType.TXT, 60, List.of("xyz"));

    ApplyResult result = provider.apply(ZONE, List.of(new Change.Update(listed, after, "edit")));

    assertThat(result.writeCalls()).isEqualTo(2);
    assertThat(backend.accepted()).hasSize(1);
    assertThat(backend.get(MANAGED, "text.example.test.", "TXT").orElseThrow().getRrdatas())
        .containsExactly("\"xyz\"");
  }

  @Test
  void alreadyExistsThenSuccessWhenTheRecordIsGoneAgainOnReRead() throws Exception {
    backend.inject(Fault.REJECT, new ApiError(409, "alreadyExists", "exists"));

    ApplyResult result =
        provider.apply(ZONE, List.of(new Change.Create(a("app", 30, "192.0.2.1"), "new")));

    assertThat(result.writeCalls()).isEqualTo(2);
    assertThat(backend.get(MANAGED, "app.example.test.", "A")).isPresent();
  }

  @Test
  void aRecordChangedBySomeoneElseIsAConflictAndNothingIsApplied() throws Exception {
    backend.seed(MANAGED, rrset("app", "A", 30, "192.0.2.1"));
    RecordSet listed = read(a("app", 30).key());
    backend.seed(MANAGED, rrset("app", "A", 30, "192.0.2.77"));

    assertThatThrownBy(
            () ->
                provider.apply(
                    ZONE,
                    List.of(
                        new Change.Create(a("new", 30, "192.0.2.5"), "new"),
                        new Change.Update(listed, a("app", 30, "192.0.2.2"), "failover"))))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT))
        .hasMessageContaining("app.example.test. A changed since it was read")
        .hasMessageContaining("192.0.2.77")
        .hasMessageContaining("412 conditionNotMet");
    assertThat(backend.createCalls()).isEqualTo(1);
    assertThat(backend.get(MANAGED, "new.example.test.", "A")).isEmpty();
  }

  @Test
  void repeatedRejectionsAreBoundedAndEndInAConflict() {
    for (int i = 0; i < 10; i++) {
      backend.inject(Fault.REJECT, new ApiError(412, "conditionNotMet", "no"));
    }

    assertThatThrownBy(
            () -> provider.apply(ZONE, List.of(new Change.Create(a("app", 30, "1.2.3.4"), "n"))))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT));
    assertThat(backend.createCalls()).isEqualTo(TestTiming.TIMING.attempts());
  }

  @Test
  void aServerErrorAfterTheChangeWasAppliedIsNotRetriedBlindly() throws Exception {
    backend.inject(Fault.APPLY_THEN_FAIL, new ApiError(503, "backendError", "unavailable"));

    ApplyResult result =
        provider.apply(ZONE, List.of(new Change.Create(a("app", 30, "192.0.2.1"), "new")));

    assertThat(result.applied()).hasSize(1);
    assertThat(result.writeCalls()).isEqualTo(1);
    assertThat(backend.accepted()).hasSize(1);
  }

  @Test
  void aLostAnswerForAChangeNotAppliedIsRetriedAfterReReading() throws Exception {
    backend.inject(Fault.REJECT, new IOException("connection reset"));

    ApplyResult result =
        provider.apply(ZONE, List.of(new Change.Create(a("app", 30, "192.0.2.1"), "new")));

    assertThat(result.writeCalls()).isEqualTo(2);
    assertThat(backend.accepted()).hasSize(1);
  }

  @Test
  void serverErrorsOnEveryAttemptEndTransient() {
    for (int i = 0; i < 10; i++) {
      backend.inject(Fault.REJECT, new ApiError(500, "internalError", "boom"));
    }

    assertThatThrownBy(
            () -> provider.apply(ZONE, List.of(new Change.Create(a("app", 30, "1.2.3.4"), "n"))))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TRANSIENT));
    assertThat(backend.createCalls()).isEqualTo(TestTiming.TIMING.attempts());
  }

  @Test
  void throttlingIsRetriedAfterRetryAfter() throws Exception {
    backend.inject(Fault.REJECT, new ApiError(429, "rateLimitExceeded", "slow", Optional.of(7L)));
    backend.inject(Fault.REJECT, new ApiError(403, "rateLimitExceeded", "slower"));

    ApplyResult result =
        provider.apply(ZONE, List.of(new Change.Create(a("app", 30, "192.0.2.1"), "new")));

    assertThat(result.writeCalls()).isEqualTo(3);
    assertThat(pacer.sleeps()).startsWith(Duration.ofSeconds(7), Duration.ofSeconds(1));
  }

  @Test
  void errorsMapToKinds() {
    backend.inject(Fault.REJECT, new ApiError(403, "forbidden", "denied"));
    assertThatThrownBy(
            () -> provider.apply(ZONE, List.of(new Change.Create(a("x", 30, "1.2.3.4"), "n"))))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTH))
        .hasMessageContaining("403 forbidden: denied")
        .hasMessageContaining("roles/dns.admin");

    backend.inject(Fault.REJECT, new ApiError(400, "invalid", "bad ttl"));
    assertThatThrownBy(
            () -> provider.apply(ZONE, List.of(new Change.Create(a("x", 30, "1.2.3.4"), "n"))))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID));
  }

  // --- weighted round robin ---------------------------------------------------------------------

  @Test
  void weightedIsOneWrrRrsetWhoseMembersReadBackNamedByTheirValues() throws Exception {
    RecordSet app =
        weighted(
            "app",
            new WeightedValue("primary", "192.0.2.10", 200),
            new WeightedValue("backup", "192.0.2.20", 55));

    provider.apply(
        ZONE,
        List.of(
            new Change.Create(marker("app", MARKER_TEXT), "mark"), new Change.Create(app, "new")));

    ResourceRecordSet held = backend.get(MANAGED, "app.example.test.", "A").orElseThrow();
    assertThat(held.getRrdatas()).isNull();
    assertThat(held.getRoutingPolicy().getWrr().getItems())
        .extracting(item -> item.getWeight() + " " + item.getRrdatas())
        .containsExactly("200.0 [192.0.2.10]", "55.0 [192.0.2.20]");
    assertThat(
            backend
                .get(MANAGED, "_dnsfailover.app.example.test.", "TXT")
                .orElseThrow()
                .getRrdatas())
        .containsExactly("\"" + MARKER_TEXT + "\"");
    assertThat(provider.capabilities().keepsMemberIds()).isFalse();
    assertThat(provider.records(ZONE, Set.of(app.key(), RecordKey.markerFor(app.name()))))
        .containsExactlyInAnyOrder(app.withValuesAsMemberIds(), marker("app", MARKER_TEXT));
  }

  @Test
  void aNewMemberReplacesTheRrsetAndLeavesTheMarkerAlone() throws Exception {
    RecordSet before = weighted("app", new WeightedValue("primary", "192.0.2.10", 100));
    provider.apply(
        ZONE,
        List.of(
            new Change.Create(marker("app", MARKER_TEXT), "mark"),
            new Change.Create(before, "new")));
    RecordSet listed = read(before.key());
    assertThat(listed).isEqualTo(before.withValuesAsMemberIds());
    RecordSet after =
        weighted(
            "app",
            new WeightedValue("primary", "192.0.2.10", 100),
            new WeightedValue("third", "192.0.2.30", 100));

    ApplyResult result = provider.apply(ZONE, List.of(new Change.Update(listed, after, "up")));

    assertThat(result.writeCalls()).isEqualTo(1);
    assertThat(backend.accepted().getLast().getDeletions())
        .extracting(ResourceRecordSet::getName)
        .containsExactly("app.example.test.");
    assertThat(backend.accepted().getLast().getAdditions())
        .extracting(ResourceRecordSet::getName)
        .containsExactly("app.example.test.");
    assertThat(read(after.key())).isEqualTo(after.withValuesAsMemberIds());
  }

  @Test
  void aMarkerAnEarlierBuildExtendedWithMemberIdsIsReadAsItIsAndStillNamesItsOwner()
      throws Exception {
    String oldText = MARKER_TEXT + ",wrr.a=primary@192.0.2.10;backup@192.0.2.20";
    backend.seed(MANAGED, RrsetCodec.toRrset(marker("app", oldText)));
    RecordSet app =
        weighted(
            "app",
            new WeightedValue("primary", "192.0.2.10", 200),
            new WeightedValue("backup", "192.0.2.20", 55));
    backend.seed(MANAGED, RrsetCodec.toRrset(app));

    RecordSet marker = read(RecordKey.markerFor(app.name()));

    assertThat(marker).isEqualTo(marker("app", oldText));
    assertThat(OwnershipMarker.ownerOf(marker)).contains("prod");
    assertThat(read(app.key())).isEqualTo(app.withValuesAsMemberIds());
  }

  @Test
  void aMemberReadsBackWithItsValueAsId() throws Exception {
    ResourceRecordSet wrr =
        RrsetCodec.toRrset(weighted("app", new WeightedValue("x", "192.0.2.1", 5)));
    backend.seed(MANAGED, wrr);

    assertThat(read(new RecordKey(name("app"), RecordType.A)))
        .isEqualTo(weighted("app", new WeightedValue("192.0.2.1", "192.0.2.1", 5)));
  }

  @Test
  void anotherRoutingPolicyIsSurfacedAsItIsAndNeverTouchedUnlessAsked() throws Exception {
    ResourceRecordSet geo =
        new ResourceRecordSet()
            .setName("app.example.test.")
            .setType("A")
            .setTtl(30)
            .setRoutingPolicy(
                new RRSetRoutingPolicy()
                    .setGeo(
                        new RRSetRoutingPolicyGeoPolicy()
                            .setEnableFencing(true)
                            .setItems(
                                new ArrayList<>(
                                    List.of(
                                        new RRSetRoutingPolicyGeoPolicyGeoPolicyItem()
                                            .setLocation("europe-west1")
                                            .setRrdatas(new ArrayList<>(List.of("192.0.2.1"))))))));
    backend.seed(MANAGED, geo);
    RecordKey key = new RecordKey(name("app"), RecordType.A);

    RecordSet listed = read(key);
    assertThat(listed.weights())
        .containsExactly(new WeightedValue("geo:europe-west1", "192.0.2.1", 0));
    assertThat(listed).isNotEqualTo(a("app", 30, "192.0.2.1"));

    provider.apply(ZONE, List.of(new Change.Create(a("other", 30, "192.0.2.2"), "new")));
    assertThat(backend.get(MANAGED, "app.example.test.", "A")).contains(geo);

    provider.apply(ZONE, List.of(new Change.Update(listed, a("app", 30, "192.0.2.9"), "adopt")));
    assertThat(backend.accepted().getLast().getDeletions()).containsExactly(geo);
    assertThat(read(key)).isEqualTo(a("app", 30, "192.0.2.9"));
  }
}

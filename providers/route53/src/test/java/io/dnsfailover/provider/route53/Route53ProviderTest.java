package io.dnsfailover.provider.route53;

import static io.dnsfailover.provider.route53.InMemoryRoute53.CHANGE;
import static io.dnsfailover.provider.route53.InMemoryRoute53.GET_CHANGE;
import static io.dnsfailover.provider.route53.InMemoryRoute53.LIST_RECORDS;
import static io.dnsfailover.provider.route53.InMemoryRoute53.LIST_ZONES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** The provider's logic against the in-memory Route 53 twin, with a fake clock. */
class Route53ProviderTest {

  static final String ZONE_ID = "Z0EXAMPLETEST";
  static final Zone ZONE = new Zone(DnsName.of("example.test."), "aws");
  static final DnsName APP = DnsName.of("app.example.test.");
  static final RecordKey APP_A = new RecordKey(APP, RecordType.A);
  static final RecordKey APP_MARKER = RecordKey.markerFor(APP);

  private InMemoryRoute53 route53;
  private FakeClock ticker;
  private Route53Provider provider;

  @BeforeEach
  void setUp() {
    route53 =
        new InMemoryRoute53()
            .zone(ZONE_ID, "example.test.", false)
            .zone("Z0DECOY", "a.example.test.", false);
    ticker = new FakeClock();
    provider = provider(TestSettings.parse(Map.of()));
  }

  private Route53Provider provider(Route53Settings settings) {
    return Route53ProviderContractTest.provider(route53, settings, ticker);
  }

  // ---- request counting ----

  @Test
  void aReconcileWithNothingToChangeMakesOneReadAndNoWrite() throws Exception {
    RecordSet app = RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.10"));
    route53.seed(ZONE_ID, RecordSetCodec.toRoute53(app).toArray(ResourceRecordSet[]::new));
    provider.records(ZONE, Set.of(APP_A, APP_MARKER)); // first reconcile also finds the zone

    int before = route53.totalCalls();
    List<RecordSet> current = provider.records(ZONE, Set.of(APP_A, APP_MARKER));
    ApplyResult result = provider.apply(ZONE, List.of());

    assertThat(current).containsExactly(app);
    assertThat(result.writeCalls()).isZero();
    assertThat(route53.totalCalls() - before).isEqualTo(1);
    assertThat(route53.calls(LIST_ZONES)).isEqualTo(1);
    assertThat(route53.calls(CHANGE)).isZero();
  }

  @Test
  void aFailoverIsOneUpsertAfterOneReadThatChecksTheZoneStillHoldsWhatWasRead() throws Exception {
    RecordSet primary = RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.10"));
    RecordSet backup = RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.20"));
    route53.seed(ZONE_ID, RecordSetCodec.toRoute53(primary).toArray(ResourceRecordSet[]::new));
    List<RecordSet> current = provider.records(ZONE, Set.of(APP_A));
    int reads = route53.calls(LIST_RECORDS);

    ApplyResult result =
        provider.apply(
            ZONE, List.of(new Change.Update(current.getFirst(), backup, "primary down")));

    assertThat(result.writeCalls()).isEqualTo(1);
    assertThat(route53.calls(CHANGE)).isEqualTo(1);
    assertThat(route53.calls(LIST_RECORDS) - reads).isEqualTo(1);
    assertThat(actions(route53.changeRequests().getFirst()))
        .containsExactly(tuple(ChangeAction.UPSERT, "app.example.test.", "192.0.2.20"));
    assertThat(provider.records(ZONE, Set.of(APP_A))).containsExactly(backup);
  }

  @Test
  void aRecordChangedByAnotherWriterSinceTheReadIsAConflictAndNoUpsertOverwritesIt()
      throws Exception {
    RecordSet primary = RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.10"));
    route53.seed(ZONE_ID, RecordSetCodec.toRoute53(primary).toArray(ResourceRecordSet[]::new));
    RecordSet listed = provider.records(ZONE, Set.of(APP_A)).getFirst();
    route53.seed(ZONE_ID, InMemoryRoute53.set("app.example.test.", RRType.A, 20, "203.0.113.9"));
    RecordSet backup = RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.20"));

    assertThatThrownBy(
            () -> provider.apply(ZONE, List.of(new Change.Update(listed, backup, "primary down"))))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT))
        .hasMessageContaining("nothing was applied: a concurrent change")
        .hasMessageContaining(
            "app.example.test. A now holds 203.0.113.9 ttl 20, the change was planned from"
                + " 192.0.2.10 ttl 20");
    assertThat(route53.calls(CHANGE)).isZero();
    assertThat(provider.records(ZONE, Set.of(APP_A)))
        .containsExactly(RecordSet.of(APP, RecordType.A, 20, List.of("203.0.113.9")));
  }

  @Test
  void aZoneOfManyPagesIsReadPageByPageOncePerCall() throws Exception {
    route53.pageSize(300);
    List<ResourceRecordSet> many = new ArrayList<>();
    for (int i = 0; i < 700; i++) {
      many.add(InMemoryRoute53.set("host" + i + ".example.test.", RRType.A, 60, "192.0.2.1"));
    }
    route53.seed(ZONE_ID, many.toArray(ResourceRecordSet[]::new));
    RecordKey last = new RecordKey(DnsName.of("host699.example.test."), RecordType.A);
    provider.records(ZONE, Set.of(APP_A));

    int before = route53.calls(LIST_RECORDS);
    List<RecordSet> found = provider.records(ZONE, Set.of(last, APP_A));

    assertThat(found).extracting(RecordSet::key).containsExactly(last);
    assertThat(route53.calls(LIST_RECORDS) - before).isEqualTo(3); // 702 sets, 300 a page
  }

  @Test
  void contentsNamesTheTypesTheToolDoesNotManageAtTheNamesAskedFor() throws Exception {
    route53.seed(
        ZONE_ID,
        InMemoryRoute53.set("app.example.test.", RRType.A, 20, "192.0.2.10"),
        InMemoryRoute53.set("app.example.test.", RRType.MX, 20, "10 mail.example.test."),
        InMemoryRoute53.set("other.example.test.", RRType.MX, 20, "10 mail.example.test."));
    DnsName apex = ZONE.name();

    ZoneContents contents =
        provider.contents(ZONE, Set.of(APP_A, APP_MARKER, new RecordKey(apex, RecordType.CNAME)));

    assertThat(contents.recordSets())
        .containsExactly(RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.10")));
    assertThat(contents.otherTypes()).containsOnlyKeys(APP, apex);
    assertThat(contents.otherTypesAt(APP)).containsExactly("MX");
    assertThat(contents.otherTypesAt(apex)).containsExactly("NS", "SOA");
    assertThat(provider.records(ZONE, Set.of(APP_A))).isEqualTo(contents.recordSets());
  }

  // ---- weighted ----

  @Test
  void aWeightedRecordIsOneWeightedSetPerEndpointAndReadsBackAsOne() throws Exception {
    RecordSet weighted =
        RecordSet.weighted(
            APP,
            RecordType.A,
            30,
            List.of(
                new WeightedValue("primary", "192.0.2.10", 200),
                new WeightedValue("backup", "192.0.2.20", 55)));

    provider.apply(ZONE, List.of(new Change.Create(weighted, "new")));

    assertThat(route53.all(ZONE_ID))
        .filteredOn(set -> set.name().equals("app.example.test."))
        .extracting(
            ResourceRecordSet::setIdentifier,
            ResourceRecordSet::weight,
            ResourceRecordSet::ttl,
            set -> set.resourceRecords().getFirst().value())
        .containsExactlyInAnyOrder(
            tuple("primary", 200L, 30L, "192.0.2.10"), tuple("backup", 55L, 30L, "192.0.2.20"));
    assertThat(provider.records(ZONE, Set.of(APP_A))).containsExactly(weighted);
  }

  @Test
  void anUnhealthyEndpointLeavesTheWeightedSetInsteadOfGettingWeightZero() throws Exception {
    RecordSet both =
        RecordSet.weighted(
            APP,
            RecordType.A,
            30,
            List.of(
                new WeightedValue("primary", "192.0.2.10", 200),
                new WeightedValue("backup", "192.0.2.20", 55)));
    RecordSet backupOnly =
        RecordSet.weighted(
            APP, RecordType.A, 30, List.of(new WeightedValue("backup", "192.0.2.20", 55)));
    provider.apply(ZONE, List.of(new Change.Create(both, "new")));
    RecordSet listed = provider.records(ZONE, Set.of(APP_A)).getFirst();

    provider.apply(ZONE, List.of(new Change.Update(listed, backupOnly, "primary down")));

    assertThat(route53.all(ZONE_ID))
        .filteredOn(set -> set.name().equals("app.example.test."))
        .extracting(ResourceRecordSet::setIdentifier, ResourceRecordSet::weight)
        .containsExactly(tuple("backup", 55L));
    assertThat(route53.changeRequests()).hasSize(2);
    assertThat(route53.changeRequests().get(1).changeBatch().changes())
        .extracting(change -> change.action(), change -> change.resourceRecordSet().setIdentifier())
        .containsExactly(tuple(ChangeAction.DELETE, "primary"));
  }

  @Test
  void unchangedWeightedMembersAreNeverSentAndMembersConvergeWhenOneLeavesAndComesBack()
      throws Exception {
    RecordSet three =
        RecordSet.weighted(
            APP,
            RecordType.A,
            30,
            List.of(
                new WeightedValue("blue", "192.0.2.10", 100),
                new WeightedValue("green", "192.0.2.20", 100),
                new WeightedValue("red", "192.0.2.30", 50)));
    RecordSet withoutRed =
        RecordSet.weighted(
            APP,
            RecordType.A,
            30,
            List.of(
                new WeightedValue("blue", "192.0.2.10", 100),
                new WeightedValue("green", "192.0.2.20", 100)));
    RecordSet greenHeavier =
        RecordSet.weighted(
            APP,
            RecordType.A,
            30,
            List.of(
                new WeightedValue("blue", "192.0.2.10", 100),
                new WeightedValue("green", "192.0.2.20", 200),
                new WeightedValue("red", "192.0.2.30", 50)));
    provider.apply(ZONE, List.of(new Change.Create(three, "new")));

    update(withoutRed, "red down");
    update(three, "red up");
    update(greenHeavier, "green weighs more");

    assertThat(route53.changeRequests().subList(1, 4))
        .extracting(ChangeResourceRecordSetsRequest::changeBatch)
        .extracting(
            batch ->
                batch.changes().stream()
                    .map(c -> c.action() + " " + c.resourceRecordSet().setIdentifier())
                    .toList())
        .containsExactly(List.of("DELETE red"), List.of("UPSERT red"), List.of("UPSERT green"));
    assertThat(provider.records(ZONE, Set.of(APP_A))).containsExactly(greenHeavier);
  }

  @Test
  void onMotoAWeightedMemberLeavingAndComingBackConvergesWithinTwoReconciles() throws Exception {
    route53.divergeLikeMoto();
    RecordSet both =
        RecordSet.weighted(
            APP,
            RecordType.A,
            30,
            List.of(
                new WeightedValue("blue", "192.0.2.10", 100),
                new WeightedValue("green", "192.0.2.20", 100),
                new WeightedValue("red", "192.0.2.30", 50)));
    RecordSet withoutRed =
        RecordSet.weighted(
            APP,
            RecordType.A,
            30,
            List.of(
                new WeightedValue("blue", "192.0.2.10", 100),
                new WeightedValue("green", "192.0.2.20", 100)));
    provider.apply(ZONE, List.of(new Change.Create(both, "new")));

    // moto's DELETE of red removes blue and green too; the next reconcile creates them again.
    update(withoutRed, "red down");
    assertThat(provider.records(ZONE, Set.of(APP_A))).isEmpty();
    provider.apply(ZONE, List.of(new Change.Create(withoutRed, "members missing")));
    assertThat(provider.records(ZONE, Set.of(APP_A))).containsExactly(withoutRed);
    update(both, "red up");

    assertThat(provider.records(ZONE, Set.of(APP_A))).containsExactly(both);
  }

  private void update(RecordSet after, String reason) throws ProviderException {
    RecordSet before = provider.records(ZONE, Set.of(APP_A)).getFirst();
    provider.apply(ZONE, List.of(new Change.Update(before, after, reason)));
  }

  @Test
  void switchingBetweenSimpleAndWeightedIsDeleteAndCreateInOneBatch() throws Exception {
    RecordSet simple = RecordSet.of(APP, RecordType.A, 30, List.of("192.0.2.10", "192.0.2.20"));
    RecordSet weighted =
        RecordSet.weighted(
            APP,
            RecordType.A,
            30,
            List.of(
                new WeightedValue("primary", "192.0.2.10", 1),
                new WeightedValue("backup", "192.0.2.20", 1)));
    provider.apply(ZONE, List.of(new Change.Create(simple, "new")));

    provider.apply(
        ZONE,
        List.of(
            new Change.Update(provider.records(ZONE, Set.of(APP_A)).getFirst(), weighted, "w")));
    assertThat(provider.records(ZONE, Set.of(APP_A))).containsExactly(weighted);
    provider.apply(
        ZONE,
        List.of(new Change.Update(provider.records(ZONE, Set.of(APP_A)).getFirst(), simple, "s")));

    assertThat(provider.records(ZONE, Set.of(APP_A))).containsExactly(simple);
    List<ChangeResourceRecordSetsRequest> requests = route53.changeRequests();
    assertThat(requests).hasSize(3);
    assertThat(requests.get(1).changeBatch().changes())
        .extracting(
            change -> change.action(),
            change -> change.resourceRecordSet().setIdentifier(),
            change -> change.resourceRecordSet().resourceRecords().size())
        .containsExactly(
            tuple(ChangeAction.DELETE, null, 2),
            tuple(ChangeAction.CREATE, "backup", 1),
            tuple(ChangeAction.CREATE, "primary", 1));
    assertThat(requests.get(2).changeBatch().changes())
        .extracting(change -> change.action(), change -> change.resourceRecordSet().setIdentifier())
        .containsExactly(
            tuple(ChangeAction.DELETE, "backup"),
            tuple(ChangeAction.DELETE, "primary"),
            tuple(ChangeAction.CREATE, null));
  }

  @Test
  void weightedSetsOfAnotherToolAtAManagedNameAreReadAsPartOfThatRecord() throws Exception {
    route53.seed(
        ZONE_ID,
        InMemoryRoute53.weighted("app.example.test.", RRType.A, 60, "blue", 10, "192.0.2.1"),
        InMemoryRoute53.weighted(
            "app.example.test.", RRType.A, 60, "green", 0, "192.0.2.2", "192.0.2.3"));

    RecordSet read = provider.records(ZONE, Set.of(APP_A)).getFirst();

    assertThat(read.weights())
        .containsExactly(
            new WeightedValue("blue", "192.0.2.1", 10),
            new WeightedValue("green", "192.0.2.2", 0),
            new WeightedValue("green", "192.0.2.3", 0));
    provider.apply(ZONE, List.of(new Change.Delete(read, "adopted and removed")));
    assertThat(route53.all(ZONE_ID)).noneMatch(set -> set.name().equals("app.example.test."));
  }

  // ---- names and TXT ----

  @Test
  void octalEscapedNamesAreReadAsTheNamesTheyStandFor() throws Exception {
    route53.seed(ZONE_ID, InMemoryRoute53.set("*.example.test.", RRType.A, 60, "192.0.2.9"));
    assertThat(route53.all(ZONE_ID)).anyMatch(set -> set.name().equals("\\052.example.test."));
    RecordKey wildcard = new RecordKey(DnsName.of("*.example.test."), RecordType.A);

    RecordSet read = provider.records(ZONE, Set.of(wildcard)).getFirst();
    provider.apply(
        ZONE,
        List.of(
            new Change.Update(
                read, RecordSet.of(wildcard.name(), RecordType.A, 60, List.of("192.0.2.8")), "u")));

    assertThat(provider.records(ZONE, Set.of(wildcard)))
        .containsExactly(RecordSet.of(wildcard.name(), RecordType.A, 60, List.of("192.0.2.8")));
  }

  @Test
  void longTxtIsChunkedAt255AndTextSplitByAnotherToolIsDeletedExactlyAsListed() throws Exception {
    String text = "v=" + "a".repeat(300) + " \"quoted\" back\\slash é";
    RecordKey txt = new RecordKey(DnsName.of("text.example.test."), RecordType.TXT);
    RecordSet long_ = RecordSet.of(txt.name(), RecordType.TXT, 60, List.of(text));

    provider.apply(ZONE, List.of(new Change.Create(long_, "new")));

    String stored =
        route53.all(ZONE_ID).stream()
            .filter(set -> set.name().equals("text.example.test."))
            .findFirst()
            .orElseThrow()
            .resourceRecords()
            .getFirst()
            .value();
    assertThat(stored).startsWith("\"v=aaa").contains("\" \"").endsWith("\\\\slash \\303\\251\"");
    assertThat(provider.records(ZONE, Set.of(txt))).containsExactly(long_);

    RecordKey foreign = new RecordKey(DnsName.of("spf.example.test."), RecordType.TXT);
    route53.seed(
        ZONE_ID, InMemoryRoute53.set("spf.example.test.", RRType.TXT, 300, "\"v=spf1 \" \"-all\""));
    RecordSet read = provider.records(ZONE, Set.of(foreign)).getFirst();
    assertThat(read.values()).containsExactly("v=spf1 -all");
    provider.apply(ZONE, List.of(new Change.Delete(read, "taken over")));
    assertThat(provider.records(ZONE, Set.of(foreign))).isEmpty();
  }

  // ---- zones ----

  @Test
  void theZoneIsFoundByItsExactNameOnceWithTheDecoyListedAfterItIgnored() throws Exception {
    provider.records(ZONE, Set.of(APP_A));
    provider.records(ZONE, Set.of(APP_A));

    assertThat(provider.zoneId(ZONE)).isEqualTo(ZONE_ID);
    assertThat(route53.calls(LIST_ZONES)).isEqualTo(1);
  }

  @Test
  void aPublicAndAPrivateZoneOfOneNameAreAmbiguousUntilPrivateChooses() throws Exception {
    route53.zone("Z0PRIVATE", "example.test.", true);

    assertThatThrownBy(() -> provider.records(ZONE, Set.of(APP_A)))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID))
        .hasMessageContaining("2 hosted zones are named example.test.")
        .hasMessageContaining("Z0PRIVATE (private)")
        .hasMessageContaining(ZONE_ID + " (public)")
        .hasMessageContaining("private: true or false");

    assertThat(provider(TestSettings.parse(Map.of("private", true))).zoneId(ZONE))
        .isEqualTo("Z0PRIVATE");
    assertThat(provider(TestSettings.parse(Map.of("private", false))).zoneId(ZONE))
        .isEqualTo(ZONE_ID);
  }

  @Test
  void aMissingZoneIsNotFoundAndSaysWhatExists() {
    Zone other = new Zone(DnsName.of("example.org."), "aws");
    assertThatThrownBy(() -> provider.records(other, Set.of(APP_A)))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
        .hasMessageContaining("no hosted zone named example.org.");

    assertThatThrownBy(() -> provider(TestSettings.parse(Map.of("private", true))).zoneId(ZONE))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
        .hasMessageContaining("no private hosted zone named example.test.")
        .hasMessageContaining(ZONE_ID + " (public)");
  }

  @Test
  void aConfiguredHostedZoneIdIsUsedWithoutLookupAndCheckedAgainstTheSoa() throws Exception {
    Route53Provider pinned = provider(TestSettings.parse(Map.of("hostedZoneId", ZONE_ID)));
    pinned.records(ZONE, Set.of(APP_A));
    assertThat(route53.calls(LIST_ZONES)).isZero();

    Route53Provider wrong = provider(TestSettings.parse(Map.of("hostedZoneId", "Z0DECOY")));
    assertThatThrownBy(() -> wrong.records(ZONE, Set.of(APP_A)))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID))
        .hasMessageContaining("hostedZoneId Z0DECOY is the hosted zone of a.example.test.");
  }

  // ---- faults ----

  @Test
  void throttlingIsRetriedWithGrowingBackoffThroughTheLimiter() throws Exception {
    route53.failNext(LIST_RECORDS, InMemoryRoute53.throttling(), InMemoryRoute53.throttling());
    provider.zoneId(ZONE);

    assertThat(provider.records(ZONE, Set.of(APP_A))).isEmpty();

    assertThat(route53.calls(LIST_RECORDS)).isEqualTo(3);
    List<Duration> sleeps = ticker.sleeps();
    // the limiter's 200 ms after the zone lookup, then two backoffs, each long enough that the
    // limiter does not wait again
    assertThat(sleeps).hasSize(3);
    assertThat(sleeps.get(0)).isEqualTo(Duration.ofMillis(200));
    assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
    assertThat(sleeps.get(2)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
  }

  @Test
  void priorRequestNotCompleteIsRetriedAndTheChangeAppliedOnce() throws Exception {
    route53.failNext(CHANGE, InMemoryRoute53.priorRequestNotComplete());
    RecordSet app = RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.10"));

    ApplyResult result = provider.apply(ZONE, List.of(new Change.Create(app, "new")));

    assertThat(result.writeCalls()).isEqualTo(2);
    assertThat(route53.calls(CHANGE)).isEqualTo(2);
    assertThat(provider.records(ZONE, Set.of(APP_A))).containsExactly(app);
  }

  @Test
  void retriesStopAtTheBoundAndTheFailureIsTransient() throws Exception {
    Route53Provider twoRetries = provider(TestSettings.parse(Map.of("maxRetries", 2)));
    twoRetries.zoneId(ZONE);
    route53.failNext(
        CHANGE,
        InMemoryRoute53.throttling(),
        InMemoryRoute53.serviceError(503, "ServiceUnavailable", "try later"),
        InMemoryRoute53.throttling(),
        InMemoryRoute53.throttling());
    RecordSet app = RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.10"));

    assertThatThrownBy(() -> twoRetries.apply(ZONE, List.of(new Change.Create(app, "new"))))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TRANSIENT))
        .hasMessageContaining("ChangeResourceRecordSets example.test. (hosted zone " + ZONE_ID)
        .hasMessageContaining("Throttling: Rate exceeded")
        .hasMessageContaining("gave up after 3 attempts");
    assertThat(route53.calls(CHANGE)).isEqualTo(3);
  }

  @Test
  void lostConnectionsAreRetriedButMissingCredentialsAreAnAuthFailure() throws Exception {
    provider.zoneId(ZONE);
    route53.failNext(
        LIST_RECORDS,
        SdkClientException.create(
            "Unable to execute HTTP request", new java.net.ConnectException("refused")));
    assertThat(provider.records(ZONE, Set.of(APP_A))).isEmpty();
    assertThat(route53.calls(LIST_RECORDS)).isEqualTo(2);

    route53.failNext(
        LIST_RECORDS,
        SdkClientException.create("Unable to load credentials from any of the providers"));
    assertThatThrownBy(() -> provider.records(ZONE, Set.of(APP_A)))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTH));
    assertThat(route53.calls(LIST_RECORDS)).isEqualTo(3);
  }

  @Test
  void accessDeniedIsAuthAndKeysNeverReachTheMessage() throws Exception {
    provider.zoneId(ZONE);
    route53.failNext(
        LIST_RECORDS,
        InMemoryRoute53.serviceError(
            403,
            "AccessDenied",
            "User: arn:aws:iam::123456789012:user/x with key AKIAIOSFODNN7EXAMPLE is not"
                + " authorized to perform: route53:ListResourceRecordSets"));

    assertThatThrownBy(() -> provider.records(ZONE, Set.of(APP_A)))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTH))
        .hasMessageContaining("not authorized to perform: route53:ListResourceRecordSets")
        .hasMessageNotContaining("AKIAIOSFODNN7EXAMPLE");
    assertThat(route53.calls(LIST_RECORDS)).isEqualTo(1);
  }

  @Test
  void invalidChangeBatchMessagesReachTheUserVerbatimWithTheirRecord() throws Exception {
    route53.seed(ZONE_ID, InMemoryRoute53.set("app.example.test.", RRType.CNAME, 60, "x.example."));
    RecordSet app = RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.10"));
    RecordSet other =
        RecordSet.of(DnsName.of("other.example.test."), RecordType.A, 20, List.of("192.0.2.11"));

    assertThatThrownBy(
            () ->
                provider.apply(
                    ZONE,
                    List.of(
                        new Change.Create(other, "new other"), new Change.Create(app, "new app"))))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID))
        .hasMessageContaining("nothing was applied")
        .hasMessageContaining(
            "create app.example.test. A (new app): RRSet of type A with DNS name app.example.test."
                + " is not permitted as it conflicts with other records with the same DNS name in"
                + " zone example.test.");
    assertThat(route53.all(ZONE_ID)).noneMatch(set -> set.name().equals("other.example.test."));
  }

  @Test
  void aStaleDeleteIsAConflictNamingTheRecord() throws Exception {
    RecordSet stale = RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.99"));
    route53.seed(ZONE_ID, InMemoryRoute53.set("app.example.test.", RRType.A, 20, "192.0.2.10"));

    assertThatThrownBy(() -> provider.apply(ZONE, List.of(new Change.Delete(stale, "gone"))))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT))
        .hasMessageContaining(
            "delete app.example.test. A (gone): Tried to delete resource record set"
                + " [name='app.example.test.', type='A'] but the values provided do not match the"
                + " current values")
        .hasMessageContaining(
            "a concurrent change: the zone no longer holds what was read: app.example.test. A now"
                + " holds 192.0.2.10 ttl 20, the change was planned from 192.0.2.99 ttl 20");
  }

  @Test
  void aRejectedBatchIsInvalidWithRoute53sOwnReasonWhenTheZoneDidNotChange() throws Exception {
    RecordSet twoTargets =
        RecordSet.of(
            DnsName.of("www.example.test."),
            RecordType.CNAME,
            60,
            List.of("a.example.net.", "b.example.net."));
    RecordSet app = RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.10"));

    assertThatThrownBy(
            () ->
                provider.apply(
                    ZONE,
                    List.of(
                        new Change.Create(app, "new app"),
                        new Change.Create(twoTargets, "new alias"))))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.INVALID);
              assertThat(e.applied()).isEmpty();
            })
        .hasMessageContaining(
            "create www.example.test. CNAME (new alias): RRSet of type CNAME with DNS name"
                + " www.example.test. has 2 resource records")
        .hasMessageNotContaining("concurrent")
        .hasMessageNotContaining("no longer holds");
    assertThat(route53.all(ZONE_ID)).noneMatch(set -> set.name().equals("app.example.test."));
  }

  // ---- batches ----

  @Test
  void changesPastRouteFiftyThreesLimitsAreSplitKeepingEachRecordWhole() throws Exception {
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      List<String> values = new ArrayList<>();
      for (int v = 0; v < 100; v++) {
        values.add("10.0." + i + "." + v);
      }
      changes.add(
          new Change.Create(
              RecordSet.of(DnsName.of("h" + i + ".example.test."), RecordType.A, 60, values),
              "new"));
    }

    ApplyResult result = provider.apply(ZONE, changes);

    assertThat(result.writeCalls()).isEqualTo(2);
    assertThat(route53.changeRequests())
        .extracting(request -> request.changeBatch().changes().size())
        .containsExactly(10, 2);
  }

  @Test
  void aRecordTooBigForOneRequestIsInvalidBeforeAnyCall() throws Exception {
    provider.zoneId(ZONE);
    List<String> values = new ArrayList<>();
    for (int v = 0; v < 1001; v++) {
      values.add("10.0." + v / 256 + "." + v % 256);
    }
    RecordSet huge = RecordSet.of(APP, RecordType.A, 60, values);

    assertThatThrownBy(() -> provider.apply(ZONE, List.of(new Change.Create(huge, "new"))))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID))
        .hasMessageContaining("1001 resource records");
    assertThat(route53.calls(CHANGE)).isZero();
  }

  @Test
  void twoChangesToOneRecordAreInvalid() {
    RecordSet app = RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.10"));
    assertThatThrownBy(
            () ->
                provider.apply(
                    ZONE, List.of(new Change.Create(app, "a"), new Change.Delete(app, "b"))))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID));
  }

  // ---- INSYNC ----

  @Test
  void waitForSyncPollsGetChangeUntilInSync() throws Exception {
    route53.pollsUntilInSync(3);
    Route53Provider waiting =
        provider(TestSettings.parse(Map.of("waitForSync", true, "syncTimeout", "2m")));
    RecordSet app = RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.10"));

    ApplyResult result = waiting.apply(ZONE, List.of(new Change.Create(app, "new")));

    assertThat(route53.calls(GET_CHANGE)).isEqualTo(3);
    assertThat(result.writeCalls()).isEqualTo(4);
    assertThat(ticker.sleeps()).filteredOn(Route53Provider.SYNC_POLL_INTERVAL::equals).hasSize(3);
  }

  @Test
  void waitForSyncGivesUpAtTheTimeoutWithoutFailingTheCommittedChange() throws Exception {
    route53.pollsUntilInSync(1000);
    Route53Provider waiting =
        provider(TestSettings.parse(Map.of("waitForSync", true, "syncTimeout", "30s")));
    RecordSet app = RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.10"));

    ApplyResult result = waiting.apply(ZONE, List.of(new Change.Create(app, "new")));

    assertThat(result.applied()).hasSize(1);
    assertThat(route53.calls(GET_CHANGE)).isEqualTo(6);
    assertThat(ticker.elapsed()).isLessThanOrEqualTo(Duration.ofSeconds(31));
  }

  private static List<org.assertj.core.groups.Tuple> actions(
      ChangeResourceRecordSetsRequest request) {
    List<org.assertj.core.groups.Tuple> actions = new ArrayList<>();
    for (var change : request.changeBatch().changes()) {
      for (var record : change.resourceRecordSet().resourceRecords()) {
        actions.add(tuple(change.action(), change.resourceRecordSet().name(), record.value()));
      }
    }
    return actions;
  }
}

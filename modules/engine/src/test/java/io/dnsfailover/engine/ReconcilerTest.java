package io.dnsfailover.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.policy.EndpointStatus;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.testkit.InMemoryDnsProvider;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcilerTest {

  private static final Zone ZONE = new Zone(DnsName.of("example.test."), "mem");
  private static final DnsName APP = DnsName.of("app.example.test.");
  private static final String PRIMARY = "app.example.test./A/primary";
  private static final String BACKUP = "app.example.test./A/backup";

  @TempDir Path dir;

  private final InMemoryDnsProvider provider = new InMemoryDnsProvider();
  private Reconciler reconciler;

  @BeforeEach
  void setUp() throws Exception {
    Config config = TestConfigs.load(dir, TestConfigs.failover("10s", 2, 3));
    reconciler = new Reconciler(config, new Providers(Map.of("mem", provider)));
  }

  @Test
  void publishesThePrimaryWithItsMarkerInOneWriteCall() {
    ReconcileReport report = reconciler.reconcile(bothUp());

    assertThat(report.failures()).isEmpty();
    assertThat(provider.writeCalls()).isEqualTo(1);
    assertThat(provider.all(ZONE))
        .contains(RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.10")))
        .contains(
            RecordSet.of(
                APP.markerName(), RecordType.TXT, 20, List.of("heritage=dnsfailover,owner=test")));
  }

  @Test
  void aReconcileWithNothingToChangeReadsOnceAndWritesNothing() {
    reconciler.reconcile(bothUp());
    int reads = provider.readCalls();
    int writes = provider.writeCalls();

    ReconcileReport report = reconciler.reconcile(bothUp());

    assertThat(report.applied()).isEmpty();
    assertThat(provider.readCalls() - reads).isEqualTo(1);
    assertThat(provider.writeCalls() - writes).isZero();
  }

  @Test
  void aFailoverIsExactlyOneWriteCall() {
    reconciler.reconcile(bothUp());
    int writes = provider.writeCalls();

    ReconcileReport report =
        reconciler.reconcile(
            Map.of(
                PRIMARY, EndpointStatus.down("HTTP 503"), BACKUP, EndpointStatus.up("HTTP 200")));

    assertThat(provider.writeCalls() - writes).isEqualTo(1);
    assertThat(report.applied()).hasSize(1);
    assertThat(provider.all(ZONE))
        .contains(RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.20")));
  }

  @Test
  void planMakesNoWriteCall() {
    ReconcileReport report = reconciler.plan(bothUp());

    assertThat(report.plan().hasChanges()).isTrue();
    assertThat(provider.writeCalls()).isZero();
    assertThat(provider.all(ZONE)).isEmpty();
  }

  @Test
  void aTransientProviderFailureIsReportedAndNothingIsHalfApplied() {
    provider.failNextApplies(1, ProviderException.Kind.TRANSIENT);

    ReconcileReport report = reconciler.reconcile(bothUp());

    assertThat(report.failures())
        .singleElement()
        .satisfies(
            failure -> {
              assertThat(failure.stage()).isEqualTo("apply");
              assertThat(failure.error().kind()).isEqualTo(ProviderException.Kind.TRANSIENT);
            });
    assertThat(report.applied()).isEmpty();
    assertThat(provider.all(ZONE)).isEmpty();
    assertThat(reconciler.reconcile(bothUp()).failures()).isEmpty();
    assertThat(provider.all(ZONE)).hasSize(2);
  }

  @Test
  void aConflictIsReadAgainAndPlannedOnceMore() {
    provider.failNextApplies(1, ProviderException.Kind.CONFLICT);

    ReconcileReport report = reconciler.reconcile(bothUp());

    assertThat(report.failures()).isEmpty();
    assertThat(provider.all(ZONE))
        .contains(RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.10")));
  }

  @Test
  void aRecordSomeoneElseCreatedIsAConflictAndLeftAlone() {
    RecordSet theirs = RecordSet.of(APP, RecordType.A, 300, List.of("198.51.100.1"));
    provider.seed(ZONE, theirs);

    ReconcileReport report = reconciler.reconcile(bothUp());

    assertThat(report.plan().conflicts()).hasSize(1);
    assertThat(provider.writeCalls()).isZero();
    assertThat(provider.all(ZONE)).containsExactly(theirs);
  }

  @Test
  void aZoneIsReloadedAfterEveryApplyThatWroteAndOnlyThen() {
    reconciler.reconcile(bothUp());
    reconciler.reconcile(bothUp());

    assertThat(provider.reloads()).containsExactly(ZONE);
  }

  @Test
  void aFailedReloadIsReportedOwedAndRunAgainWithoutAnyChange() {
    provider.failNextReloads(1);

    ReconcileReport first = reconciler.reconcile(bothUp());

    assertThat(first.failures())
        .singleElement()
        .satisfies(
            failure -> {
              assertThat(failure.stage()).isEqualTo("reload");
              assertThat(failure.describe())
                  .isEqualTo(
                      "zone example.test.: reload failed (TRANSIENT): reload command `rndc"
                          + " reload example.test.` exited 1: rndc: connection refused");
            });
    assertThat(first.applied()).hasSize(2); // the write stays
    assertThat(first.reloadsOwed()).containsExactly(ZONE.name());

    ReconcileReport second = reconciler.reconcile(bothUp(), first.reloadsOwed());

    assertThat(second.applied()).isEmpty();
    assertThat(second.failures()).isEmpty();
    assertThat(second.reloadsOwed()).isEmpty();
    assertThat(provider.reloads()).containsExactly(ZONE, ZONE);
  }

  @Test
  void aCnameWhereTheProviderHoldsOtherDataIsAConflictAndNothingIsWritten() throws Exception {
    String yaml =
        TestConfigs.failover("10s", 2, 3)
            .replace("name: app\n", "name: mail\n")
            .replace("type: A", "type: CNAME")
            .replace("192.0.2.10", "mx1.example.net")
            .replace("192.0.2.20", "mx2.example.net");
    Reconciler mail =
        new Reconciler(TestConfigs.load(dir, yaml), new Providers(Map.of("mem", provider)));
    provider.seedOther(ZONE, DnsName.of("mail.example.test."), "MX");

    ReconcileReport report =
        mail.reconcile(
            Map.of(
                "mail.example.test./CNAME/primary", EndpointStatus.up("connected"),
                "mail.example.test./CNAME/backup", EndpointStatus.up("connected")));

    assertThat(report.failures()).isEmpty();
    assertThat(report.plan().conflicts())
        .singleElement()
        .satisfies(conflict -> assertThat(conflict.reason()).contains("(MX)"));
    assertThat(provider.writeCalls()).isZero();
    assertThat(provider.all(ZONE)).isEmpty();
  }

  @Test
  void aRecordTheProviderRejectsAsInvalidNeverBlocksAnotherRecordsFailover() throws Exception {
    Config twoRecords =
        TestConfigs.load(
            dir,
            TestConfigs.failover("10s", 2, 3)
                + """
                      - name: api
                        type: A
                        ttl: 20
                        endpoints:
                          - { id: one, address: 192.0.2.30, priority: 1 }
                """);
    Reconciler two = new Reconciler(twoRecords, new Providers(Map.of("mem", provider)));
    DnsName api = DnsName.of("api.example.test.");
    provider.rejectAsInvalid(
        new RecordKey(api, RecordType.A), "RRSet with DNS name api.example.test. is not permitted");
    Map<String, EndpointStatus> health = new HashMap<>(bothUp());
    health.put("api.example.test./A/one", EndpointStatus.up("HTTP 200"));
    two.reconcile(health);
    health.put(PRIMARY, EndpointStatus.down("HTTP 503"));

    ReconcileReport report = two.reconcile(health);

    assertThat(provider.all(ZONE))
        .contains(RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.20")))
        .noneMatch(set -> set.name().equals(api) || set.name().equals(api.markerName()));
    assertThat(report.applied())
        .singleElement()
        .satisfies(change -> assertThat(change.key().name()).isEqualTo(APP));
    assertThat(report.failures())
        .singleElement()
        .satisfies(
            failure -> {
              assertThat(failure.stage()).isEqualTo("apply");
              assertThat(failure.error().kind()).isEqualTo(ProviderException.Kind.INVALID);
              assertThat(failure.describe())
                  .contains("Rejected: ")
                  .contains("api.example.test. A (")
                  .contains("RRSet with DNS name api.example.test. is not permitted")
                  .doesNotContain("concurrent");
            });
  }

  private static Map<String, EndpointStatus> bothUp() {
    return Map.of(PRIMARY, EndpointStatus.up("HTTP 200"), BACKUP, EndpointStatus.up("HTTP 200"));
  }
}

package io.dnsfailover.engine.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.policy.EndpointStatus;
import io.dnsfailover.engine.Providers;
import io.dnsfailover.engine.ReconcileReport;
import io.dnsfailover.engine.Reconciler;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.testkit.InMemoryDnsProvider;
import io.dnsfailover.testkit.OneZoneYaml;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which zones are verified after a reconcile, and with what expectations. */
class VerificationTest {

  private static final DnsName ZONE = DnsName.of("example.test.");
  private static final RecordKey APP = new RecordKey(DnsName.of("app.example.test."), RecordType.A);
  private static final Map<String, EndpointStatus> PRIMARY_UP =
      Map.of(
          "app.example.test./A/primary", EndpointStatus.up("HTTP 200"),
          "app.example.test./A/backup", EndpointStatus.up("HTTP 200"));
  private static final Map<String, EndpointStatus> PRIMARY_DOWN =
      Map.of(
          "app.example.test./A/primary", EndpointStatus.down("HTTP 503"),
          "app.example.test./A/backup", EndpointStatus.up("HTTP 200"));

  @TempDir Path dir;

  private final InMemoryDnsProvider provider = new InMemoryDnsProvider();
  private Config config;
  private Reconciler reconciler;

  @BeforeEach
  void setUp() throws Exception {
    config =
        OneZoneYaml.failover()
            .defaultCheck("{ type: tcp, port: 80 }")
            .zoneKey("verify: { servers: [\"127.0.0.1:5300\", \"[::1]\"], timeout: 5s }")
            .load(dir);
    reconciler = new Reconciler(config, new Providers(Map.of("mem", provider)));
  }

  @Test
  void aZoneThatWasWrittenIsVerifiedForItsNewAnswerButNotItsMarker() {
    reconciler.reconcile(PRIMARY_UP);

    Verification verification =
        Verification.after(config, reconciler.reconcile(PRIMARY_DOWN), Set.of());

    assertThat(verification.targets())
        .singleElement()
        .satisfies(
            target -> {
              assertThat(target.zone()).isEqualTo(ZONE);
              assertThat(target.verify().servers())
                  .extracting(Object::toString)
                  .containsExactly("127.0.0.1:5300", "[::1]:53");
              assertThat(target.expected())
                  .containsExactly(new Expectation(APP, List.of("192.0.2.20"), false));
            });
    assertThat(verification.deferred()).isEmpty();
  }

  @Test
  void nothingWrittenMeansNothingToVerifyUnlessTheLastVerificationFailed() {
    reconciler.reconcile(PRIMARY_UP);
    ReconcileReport quiet = reconciler.reconcile(PRIMARY_UP);

    assertThat(Verification.after(config, quiet, Set.of()).targets()).isEmpty();
    assertThat(Verification.after(config, quiet, Set.of(ZONE)).targets())
        .singleElement()
        .satisfies(
            target ->
                assertThat(target.expected())
                    .containsExactly(new Expectation(APP, List.of("192.0.2.10"), false)));
  }

  @Test
  void aZoneWhoseReloadFailedIsDeferredAndStaysUnverified() {
    provider.failNextReloads(1);
    ReconcileReport report = reconciler.reconcile(PRIMARY_UP);

    Verification verification = Verification.after(config, report, Set.of());

    assertThat(verification.targets()).isEmpty();
    assertThat(verification.unverifiedAfter(List.of())).containsExactly(ZONE);
  }

  @Test
  void aZoneThatCouldNotBeReadStaysAsUnverifiedAsItWas() {
    reconciler.reconcile(PRIMARY_UP);
    provider.failNextReads(1, ProviderException.Kind.TRANSIENT);
    ReconcileReport report = reconciler.reconcile(PRIMARY_DOWN);

    assertThat(Verification.after(config, report, Set.of(ZONE)).unverifiedAfter(List.of()))
        .containsExactly(ZONE);
    assertThat(Verification.after(config, report, Set.of()).unverifiedAfter(List.of())).isEmpty();
  }
}

package io.dnsfailover.provider.rfc2136;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.ProviderException.Kind;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.SettingsCheck;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.testkit.dns.DnsClient;
import io.dnsfailover.testkit.dns.DnsServerExtension;
import io.dnsfailover.testkit.dns.DnsZone;
import io.dnsfailover.testkit.dns.KnotServer;
import io.dnsfailover.testkit.dns.TsigKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Type;

/**
 * Knot DNS specifics: it checks value-dependent prerequisites like BIND, and it answers a key that
 * no acl allows for the action with BADKEY, not REFUSED.
 */
class KnotProviderTest {

  private static final String ZONE = "example.test.";
  private static final Zone EXAMPLE = new Zone(DnsName.of(ZONE), "dyn");
  private static final TsigKey DDNS = TsigKey.generate("ddns");
  private static final TsigKey ADMIN = TsigKey.generate("admin");
  private static final TsigKey READER = TsigKey.generate("reader");
  private static final DnsName APP = DnsName.of("app." + ZONE);
  private static final RecordKey APP_A = new RecordKey(APP, RecordType.A);

  @RegisterExtension
  static final DnsServerExtension<KnotServer> KNOT =
      new DnsServerExtension<>(
          () ->
              KnotServer.builder()
                  .zone(DnsZone.dynamic(ZONE, DDNS, ADMIN).withTransfer(DDNS, ADMIN, READER))
                  .startOrSkip());

  private DnsClient admin;

  @BeforeEach
  void emptyZone() {
    admin = KNOT.server().client(ADMIN);
    admin.clear(ZONE);
  }

  @Test
  void aChangeMadeBetweenTheReadAndTheUpdateMakesKnotApplyNothing() throws Exception {
    InterceptingWire wire = wire(DDNS);
    Rfc2136Provider provider = provider(wire, DDNS);
    admin.add(ZONE, "app 20 IN A 192.0.2.10");
    RecordSet read = provider.records(EXAMPLE, Set.of(APP_A)).getFirst();
    wire.beforeUpdate(
        () ->
            admin.update(
                ZONE,
                update -> {
                  update.delete(RecordData.name(APP), Type.A);
                  update.add(
                      RecordData.records(RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.99")))
                          .getFirst());
                }));

    assertThatThrownBy(
            () ->
                provider.apply(
                    EXAMPLE,
                    List.of(
                        new Change.Update(
                            read,
                            RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.20")),
                            "failover"))))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT))
        .hasMessageContaining("a concurrent change happened");
    assertThat(KNOT.server().client(null).values(APP.value(), "A")).containsExactly("192.0.2.99");
  }

  @Test
  void aKeyNoAclAllowsToUpdateIsBadkeyNamingTheAcl() throws Exception {
    Rfc2136Provider provider = provider(wire(READER), READER);
    assertThat(provider.records(EXAMPLE, Set.of(APP_A))).isEmpty();

    assertThatThrownBy(
            () ->
                provider.apply(
                    EXAMPLE,
                    List.of(
                        new Change.Create(
                            RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.1")), "new"))))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTH))
        .hasMessageContaining("TSIG key 'reader' with algorithm hmac-sha256 (BADKEY)")
        .hasMessageContaining("no acl of the zone gives this key action: update");
  }

  @Test
  void aWrongSecretIsBadsig() {
    TsigKey wrong = DDNS.withWrongSecret();

    assertThatThrownBy(() -> provider(wire(wrong), wrong).records(EXAMPLE, Set.of(APP_A)))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTH))
        .hasMessageContaining("(BADSIG)")
        .message()
        .doesNotContain(wrong.secret());
  }

  private static InterceptingWire wire(TsigKey key) {
    Rfc2136Settings settings = settings(key);
    return new InterceptingWire(
        new DnsJavaWire(settings.server(), settings.tsig(), settings.timeout(), Clock.systemUTC()));
  }

  private static Rfc2136Provider provider(DnsWire wire, TsigKey key) {
    Rfc2136Settings settings = settings(key);
    return new Rfc2136Provider(
        wire, new Retrier(1, Duration.ZERO, duration -> {}), settings.tsig(), settings.timeout());
  }

  private static Rfc2136Settings settings(TsigKey key) {
    SettingsCheck check = new SettingsCheck();
    Rfc2136Settings settings =
        Rfc2136Settings.read(Rfc2136ContractTest.config(KNOT.server(), key), check).orElse(null);
    assertThat(check.problems()).isEmpty();
    return settings;
  }
}

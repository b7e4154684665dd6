package io.dnsfailover.provider.rfc2136;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.ProviderConfig;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.ProviderException.Kind;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.SettingsCheck;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.spi.ZoneContents;
import io.dnsfailover.testkit.dns.DnsClient;
import io.dnsfailover.testkit.dns.DnsServerExtension;
import io.dnsfailover.testkit.dns.DnsZone;
import io.dnsfailover.testkit.dns.NamedServer;
import io.dnsfailover.testkit.dns.TsigKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * What the provider does against a real BIND 9 beyond the shared contract: one signed UPDATE per
 * apply whose prerequisites make a concurrent change a conflict with nothing applied, and failures
 * that name their cause (BADSIG, BADKEY, BADTIME, a missing allow-update or allow-transfer, a zone
 * not served, no answer).
 */
class NamedProviderTest {

  private static final String ZONE = "example.test.";
  private static final InetAddress LOOPBACK = loopback();

  /** A zone that grants the key only the names and types it manages (docs/providers/rfc2136.md). */
  private static final String POLICY_ZONE = "policy.test.";

  private static final Zone EXAMPLE = new Zone(DnsName.of(ZONE), "dyn");
  private static final TsigKey DDNS = TsigKey.generate("ddns");
  private static final TsigKey ADMIN = TsigKey.generate("admin");
  private static final TsigKey READER = TsigKey.generate("reader");
  private static final TsigKey WRITER = TsigKey.generate("writer");
  private static final DnsName APP = DnsName.of("app." + ZONE);
  private static final RecordKey APP_A = new RecordKey(APP, RecordType.A);
  private static final RecordKey APP_MARKER = RecordKey.markerFor(APP);

  @RegisterExtension
  static final DnsServerExtension<NamedServer> NAMED =
      new DnsServerExtension<>(
          () ->
              NamedServer.builder()
                  .zone(
                      DnsZone.dynamic(ZONE)
                          .withUpdate(DDNS, ADMIN, WRITER)
                          .withTransfer(DDNS, ADMIN, READER))
                  .zone(
                      DnsZone.dynamic(POLICY_ZONE)
                          .withUpdate()
                          .withTransfer(DDNS)
                          .withNamedExtra(
                              "update-policy { grant ddns name app.policy.test. A AAAA;"
                                  + " grant ddns name _dnsfailover.app.policy.test. TXT; };"))
                  .startOrSkip());

  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private DnsClient admin;
  private DnsClient resolver;

  @BeforeEach
  void emptyZone() {
    admin = NAMED.server().client(ADMIN);
    resolver = NAMED.server().client(null);
    admin.clear(ZONE);
  }

  @Test
  void oneApplyIsOneSignedUpdateWithItsMarkerThatTheServerAnswers() throws Exception {
    InterceptingWire wire = wire(NAMED.server().hostPort(), DDNS, Clock.systemUTC());
    Rfc2136Provider provider = provider(wire, DDNS);
    long serial = resolver.soaSerial(ZONE);
    RecordSet app = RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.10", "192.0.2.11"));
    RecordSet marker =
        RecordSet.of(
            APP_MARKER.name(), RecordType.TXT, 20, List.of("heritage=dnsfailover,owner=test"));

    provider.apply(EXAMPLE, List.of(new Change.Create(app, "new"), new Change.Create(marker, "m")));

    assertThat(wire.updates()).hasSize(1);
    assertThat(resolver.soaSerial(ZONE)).as("one UPDATE, one new serial").isEqualTo(serial + 1);
    assertThat(resolver.values(APP.value(), "A")).containsExactly("192.0.2.10", "192.0.2.11");
    assertThat(resolver.values(APP_MARKER.name().value(), "TXT"))
        .containsExactly("\"heritage=dnsfailover,owner=test\"");

    RecordSet read = provider.records(EXAMPLE, Set.of(APP_A)).getFirst();
    RecordSet failedOver = RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.20"));
    provider.apply(EXAMPLE, List.of(new Change.Update(read, failedOver, "primary down")));

    Message update = wire.updates().getLast();
    assertThat(update.getSection(Section.PREREQ))
        .as("RRset exists (value dependent): class IN, TTL 0, the values read")
        .allSatisfy(
            record -> {
              assertThat(record.getDClass()).isEqualTo(DClass.IN);
              assertThat(record.getTTL()).isZero();
              assertThat(record.getType()).isEqualTo(Type.A);
            })
        .extracting(Record::rdataToString)
        .containsExactlyInAnyOrder("192.0.2.10", "192.0.2.11");
    assertThat(resolver.values(APP.value(), "A")).containsExactly("192.0.2.20");
  }

  @Test
  void aChangeMadeBetweenTheReadAndTheUpdateMakesTheServerApplyNothing() throws Exception {
    InterceptingWire wire = wire(NAMED.server().hostPort(), DDNS, Clock.systemUTC());
    Rfc2136Provider provider = provider(wire, DDNS);
    admin.add(ZONE, "app 20 IN A 192.0.2.10");
    RecordSet read = provider.records(EXAMPLE, Set.of(APP_A)).getFirst();
    RecordSet marker =
        RecordSet.of(APP_MARKER.name(), RecordType.TXT, 20, List.of("heritage=dnsfailover"));
    wire.beforeUpdate(
        () ->
            admin.update(
                ZONE,
                update -> {
                  update.delete(name(APP), Type.A);
                  update.add(aRecord("192.0.2.99"));
                }));

    assertConflict(
        () ->
            provider.apply(
                EXAMPLE,
                List.of(
                    new Change.Update(
                        read, RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.20")), "x"),
                    new Change.Create(marker, "marker"))),
        "NXRRSET");

    assertThat(wire.updates()).as("the UPDATE went out and was refused").hasSize(1);
    assertThat(resolver.values(APP.value(), "A")).containsExactly("192.0.2.99");
    assertThat(resolver.values(APP_MARKER.name().value(), "TXT")).as("marker").isEmpty();
  }

  @Test
  void aCreateRacingAnotherWriterIsAConflictToo() {
    InterceptingWire wire = wire(NAMED.server().hostPort(), DDNS, Clock.systemUTC());
    Rfc2136Provider provider = provider(wire, DDNS);
    wire.beforeUpdate(() -> admin.add(ZONE, "app 20 IN A 192.0.2.99"));

    assertConflict(
        () ->
            provider.apply(
                EXAMPLE,
                List.of(
                    new Change.Create(
                        RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.10")), "new"))),
        "YXRRSET");

    assertThat(resolver.values(APP.value(), "A")).containsExactly("192.0.2.99");
  }

  @Test
  void aWrongSecretIsBadsigNamingTheKeyAndNeverTheSecret() {
    TsigKey wrong = DDNS.withWrongSecret();
    Rfc2136Provider provider =
        provider(wire(NAMED.server().hostPort(), wrong, Clock.systemUTC()), wrong);
    long serial = resolver.soaSerial(ZONE);

    for (ThrowingCallable call :
        List.<ThrowingCallable>of(
            () -> provider.records(EXAMPLE, Set.of(APP_A)),
            () ->
                provider.apply(
                    EXAMPLE,
                    List.of(
                        new Change.Create(
                            RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.1")), "x"))))) {
      assertThatThrownBy(call)
          .isInstanceOfSatisfying(
              ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTH))
          .hasMessageContaining("TSIG key 'ddns' (BADSIG)")
          .hasMessageContaining("set tsig.secret")
          .message()
          .doesNotContain(wrong.secret())
          .doesNotContain(DDNS.secret());
    }
    assertThat(resolver.soaSerial(ZONE)).isEqualTo(serial);
  }

  @Test
  void anUnknownKeyNameOrAlgorithmIsBadkey() {
    TsigKey stranger = TsigKey.generate("stranger");
    TsigKey otherAlgorithm = new TsigKey("ddns", "hmac-sha512", DDNS.secret());

    assertThatThrownBy(() -> read(stranger))
        .hasMessageContaining("does not accept TSIG key 'stranger' with algorithm hmac-sha256")
        .hasMessageContaining("(BADKEY)");
    assertThatThrownBy(() -> read(otherAlgorithm))
        .hasMessageContaining("TSIG key 'ddns' with algorithm hmac-sha512 (BADKEY)")
        .hasMessageContaining("check tsig.name and tsig.algorithm");
  }

  @Test
  void aClockFarOffIsBadtime() {
    Clock hourAhead = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
    Rfc2136Provider provider = provider(wire(NAMED.server().hostPort(), DDNS, hourAhead), DDNS);

    assertThatThrownBy(() -> provider.records(EXAMPLE, Set.of(APP_A)))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTH))
        .hasMessageContaining("(BADTIME)")
        .hasMessageContaining("clocks");
    assertThat(waits).as("not tried again").isEmpty();
  }

  @Test
  void aKeyWithoutAllowUpdateIsRefusedNamingTheGrantToAdd() throws Exception {
    Rfc2136Provider provider =
        provider(wire(NAMED.server().hostPort(), READER, Clock.systemUTC()), READER);
    long serial = resolver.soaSerial(ZONE);
    assertThat(provider.records(EXAMPLE, Set.of(APP_A))).isEmpty();

    assertThatThrownBy(
            () ->
                provider.apply(
                    EXAMPLE,
                    List.of(
                        new Change.Create(
                            RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.1")), "x"))))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTH))
        .hasMessageContaining("answered REFUSED to the update of zone example.test.")
        .hasMessageContaining("does not grant TSIG key 'reader'")
        .hasMessageContaining("allow-update { key \"reader\"; };");
    assertThat(waits).as("not tried again").isEmpty();
    assertThat(resolver.soaSerial(ZONE)).isEqualTo(serial);
  }

  @Test
  void aKeyWithoutAllowTransferIsRefusedNamingTheGrantToAdd() {
    assertThatThrownBy(() -> read(WRITER))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTH))
        .hasMessageContaining("answered REFUSED to the zone transfer (AXFR) of zone example.test.")
        .hasMessageContaining("allow-transfer { key \"writer\"; };");
  }

  @Test
  void aZoneTheServerDoesNotServeIsNotFound() {
    Rfc2136Provider provider =
        provider(wire(NAMED.server().hostPort(), DDNS, Clock.systemUTC()), DDNS);
    Zone other = new Zone(DnsName.of("other.test."), "dyn");

    assertThatThrownBy(
            () ->
                provider.records(
                    other, Set.of(new RecordKey(DnsName.of("app.other.test."), RecordType.A))))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
        .hasMessageContaining(NAMED.server().hostPort() + " does not serve zone other.test.");
  }

  @Test
  void noAnswerInTimeIsTransientNamingTheServerAndIsTriedThreeTimes() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, LOOPBACK)) {
      List<Socket> accepted = new CopyOnWriteArrayList<>();
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  while (true) {
                    accepted.add(silent.accept()); // and never answer
                  }
                } catch (IOException closed) {
                  // the test is over
                }
              });
      String server = "127.0.0.1:" + silent.getLocalPort();
      Rfc2136Provider provider =
          provider(wire(server, DDNS, Clock.systemUTC(), "200ms"), DDNS, "200ms");

      assertThatThrownBy(() -> provider.records(EXAMPLE, Set.of(APP_A)))
          .isInstanceOfSatisfying(
              ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TRANSIENT))
          .hasMessage(
              "no answer from "
                  + server
                  + " within 200ms to the zone transfer (AXFR) of zone example.test.: check that"
                  + " the server runs and that this machine reaches it over TCP (tried 3 times)");
      assertThat(accepted).hasSize(3);
      assertThat(waits).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }

  @Test
  void aClosedPortIsTransient() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, LOOPBACK)) {
      port = closed.getLocalPort();
    }
    String server = "127.0.0.1:" + port;
    Rfc2136Provider provider = provider(wire(server, DDNS, Clock.systemUTC()), DDNS);

    assertThatThrownBy(() -> provider.records(EXAMPLE, Set.of(APP_A)))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TRANSIENT))
        .hasMessageStartingWith("cannot reach " + server + " for the zone transfer (AXFR)");
    assertThat(waits).hasSize(2);
  }

  @Test
  void aCnameIsNeverAddedBesideOtherDataAndForeignTypesStay() throws Exception {
    InterceptingWire wire = wire(NAMED.server().hostPort(), DDNS, Clock.systemUTC());
    Rfc2136Provider provider = provider(wire, DDNS);
    admin.add(
        ZONE,
        "www 300 IN A 192.0.2.80",
        "@ 300 IN MX 10 mail.example.net.",
        "_sip._tcp 300 IN SRV 10 5 5060 sip.example.net.",
        "@ 300 IN CAA 0 issue \"letsencrypt.org\"");
    DnsName www = DnsName.of("www." + ZONE);

    assertThatThrownBy(
            () ->
                provider.apply(
                    EXAMPLE,
                    List.of(
                        new Change.Create(
                            RecordSet.of(www, RecordType.CNAME, 20, List.of("app.example.test.")),
                            "alias"))))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID))
        .hasMessageContaining("www.example.test. holds A records, so a CNAME cannot be added");
    assertThat(wire.updates()).isEmpty();

    RecordSet app = RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.10"));
    provider.apply(EXAMPLE, List.of(new Change.Create(app, "new")));
    provider.apply(EXAMPLE, List.of(new Change.Delete(app, "gone")));

    assertThat(resolver.values(www.value(), "A")).containsExactly("192.0.2.80");
    assertThat(resolver.values(ZONE, "MX")).containsExactly("10 mail.example.net.");
    assertThat(resolver.values("_sip._tcp." + ZONE, "SRV"))
        .containsExactly("10 5 5060 sip.example.net.");
    assertThat(resolver.values(ZONE, "CAA")).containsExactly("0 issue \"letsencrypt.org\"");
  }

  @Test
  void contentsReportTheOtherTypesAtTheNamesAskedSoThePlannerSeesThem() throws Exception {
    Rfc2136Provider provider =
        provider(wire(NAMED.server().hostPort(), DDNS, Clock.systemUTC()), DDNS);
    admin.add(ZONE, "mail 300 IN MX 10 mx.example.net.", "mail 300 IN TXT \"v=spf1 -all\"");
    DnsName mail = DnsName.of("mail." + ZONE);

    ZoneContents contents =
        provider.contents(
            EXAMPLE,
            Set.of(new RecordKey(mail, RecordType.CNAME), new RecordKey(mail, RecordType.TXT)));

    assertThat(contents.otherTypesAt(mail)).containsExactly("MX");
    assertThat(contents.recordSets())
        .containsExactly(RecordSet.of(mail, RecordType.TXT, 300, List.of("v=spf1 -all")));
    assertThat(contents.otherTypesAt(APP)).isEmpty();
  }

  @Test
  void anUpdatePolicyGrantingOnlyTheManagedNamesIsEnough() throws Exception {
    Rfc2136Provider provider =
        provider(wire(NAMED.server().hostPort(), DDNS, Clock.systemUTC()), DDNS);
    Zone policy = new Zone(DnsName.of(POLICY_ZONE), "dyn");
    DnsName app = DnsName.of("app." + POLICY_ZONE);
    RecordSet address = RecordSet.of(app, RecordType.A, 20, List.of("192.0.2.10"));
    RecordSet marker =
        RecordSet.of(app.markerName(), RecordType.TXT, 20, List.of("heritage=dnsfailover"));

    provider.apply(
        policy, List.of(new Change.Create(address, "a"), new Change.Create(marker, "m")));

    assertThat(resolver.values(app.value(), "A")).containsExactly("192.0.2.10");
    RecordSet other =
        RecordSet.of(DnsName.of("other." + POLICY_ZONE), RecordType.A, 20, List.of("192.0.2.1"));
    assertThatThrownBy(() -> provider.apply(policy, List.of(new Change.Create(other, "x"))))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTH))
        .hasMessageContaining("REFUSED");
  }

  private void assertConflict(ThrowingCallable call, String rcode) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT))
        .hasMessageContaining("a concurrent change happened")
        .hasMessageContaining("answered " + rcode + " to the update of zone example.test.")
        .hasMessageContaining("applied nothing");
    assertThat(waits).as("a conflict is not tried again").isEmpty();
  }

  private List<RecordSet> read(TsigKey key) throws ProviderException {
    return provider(wire(NAMED.server().hostPort(), key, Clock.systemUTC()), key)
        .records(EXAMPLE, Set.of(APP_A));
  }

  private InterceptingWire wire(String server, TsigKey key, Clock clock) {
    return wire(server, key, clock, "5s");
  }

  private InterceptingWire wire(String server, TsigKey key, Clock clock, String timeout) {
    Rfc2136Settings settings = settings(server, key, timeout);
    return new InterceptingWire(
        new DnsJavaWire(settings.server(), settings.tsig(), settings.timeout(), clock));
  }

  private Rfc2136Provider provider(DnsWire wire, TsigKey key) {
    return provider(wire, key, "5s");
  }

  private Rfc2136Provider provider(DnsWire wire, TsigKey key, String timeout) {
    Rfc2136Settings settings = settings(wire.server(), key, timeout);
    return new Rfc2136Provider(
        wire,
        new Retrier(3, Duration.ofMillis(250), waits::add),
        settings.tsig(),
        settings.timeout());
  }

  private static Rfc2136Settings settings(String server, TsigKey key, String timeout) {
    SettingsCheck check = new SettingsCheck();
    Rfc2136Settings settings =
        Rfc2136Settings.read(
                new ProviderConfig(
                    "dyn",
                    "rfc2136",
                    Map.of(
                        "server",
                        server,
                        "timeout",
                        timeout,
                        "tsig",
                        Map.of(
                            "name",
                            key.name(),
                            "algorithm",
                            key.algorithm(),
                            "secret",
                            key.secret()))),
                check)
            .orElse(null);
    assertThat(check.problems()).isEmpty();
    return settings;
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static Name name(DnsName name) {
    return RecordData.name(name);
  }

  private static Record aRecord(String address) {
    return RecordData.records(
            RecordSet.of(APP, RecordType.A, 20, new ArrayList<>(List.of(address))))
        .getFirst();
  }
}

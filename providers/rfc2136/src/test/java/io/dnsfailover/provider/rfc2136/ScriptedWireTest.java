package io.dnsfailover.provider.rfc2136;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsfailover.spi.ApplyResult;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.ProviderException.Kind;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferException;

/**
 * The provider's decisions against a scripted twin of the wire, for the answers a real server will
 * not give on demand: SERVFAIL then success (tried again with backoff), FORMERR, NOTZONE, NOTIMP,
 * an unsigned NOERROR, a broken transfer, a change too big for one message.
 */
class ScriptedWireTest {

  private static final Name ORIGIN = Name.fromConstantString("example.test.");
  private static final Zone ZONE = new Zone(DnsName.of("example.test."), "dyn");
  private static final DnsName APP = DnsName.of("app.example.test.");
  private static final RecordKey APP_A = new RecordKey(APP, RecordType.A);
  private static final TsigCredentials KEY =
      new TsigCredentials(
          Name.fromConstantString("ddns."),
          "hmac-sha256",
          Base64.getDecoder().decode("q5vRr1dJd6Uv0yY8Tj3Yv2Rj6y1mYl0rOa0yq3Vv5nI="));

  /** Answers scripted in order; the zone it transfers is a fixed list. */
  private static final class ScriptedWire implements DnsWire {
    final List<Record> zone = new ArrayList<>();
    final Deque<Object> transfers = new ArrayDeque<>();
    final Deque<Object> answers = new ArrayDeque<>();
    final List<Message> sent = new ArrayList<>();
    int transferCalls;

    ScriptedWire() {
      Record soa =
          new SOARecord(
              ORIGIN,
              DClass.IN,
              300,
              Name.fromConstantString("ns1.example.test."),
              Name.fromConstantString("hostmaster.example.test."),
              1,
              3600,
              600,
              604800,
              60);
      zone.add(soa);
      zone.add(soa);
    }

    @Override
    public List<Record> transfer(Name name) throws IOException, ZoneTransferException {
      transferCalls++;
      Object next = transfers.poll();
      if (next instanceof IOException e) {
        throw e;
      }
      if (next instanceof ZoneTransferException e) {
        throw e;
      }
      if (next instanceof RuntimeException e) {
        throw e;
      }
      return List.copyOf(zone);
    }

    @Override
    public Answer send(Message message) throws IOException {
      sent.add(message);
      Object next = answers.poll();
      if (next instanceof IOException e) {
        throw e;
      }
      Message response = new Message(message.getHeader().getID());
      response.getHeader().setFlag(Flags.QR);
      response.addRecord(message.getQuestion(), Section.QUESTION);
      if (next instanceof Integer rcode) {
        response.getHeader().setRcode(rcode);
      } else if (next instanceof TSIGRecord tsig) {
        response.getHeader().setRcode(Rcode.NOTAUTH);
        response.addRecord(tsig, Section.ADDITIONAL);
      } else if (next instanceof Message soaAnswer) {
        return new Answer(soaAnswer, true);
      }
      return new Answer(response, !"unsigned".equals(next));
    }

    @Override
    public String server() {
      return "ns1.example.test:53";
    }
  }

  private final ScriptedWire wire = new ScriptedWire();
  private final List<Duration> waits = new ArrayList<>();
  private final Rfc2136Provider provider =
      new Rfc2136Provider(
          wire,
          new Retrier(3, Duration.ofMillis(250), waits::add),
          Optional.of(KEY),
          Duration.ofSeconds(5));

  private static final RecordSet APP_SET =
      RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.10"));

  @Test
  void servfailIsTriedAgainWithBackoffUntilItPasses() throws Exception {
    wire.answers.add(Rcode.SERVFAIL);
    wire.answers.add(Rcode.SERVFAIL);
    wire.answers.add(Rcode.NOERROR);

    ApplyResult result = provider.apply(ZONE, List.of(new Change.Create(APP_SET, "new")));

    assertThat(result.writeCalls()).isEqualTo(1);
    assertThat(wire.sent).hasSize(3);
    assertThat(waits).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
  }

  @Test
  void servfailThreeTimesIsTransient() {
    wire.answers.addAll(List.of(Rcode.SERVFAIL, Rcode.SERVFAIL, Rcode.SERVFAIL));

    assertFailure(Kind.TRANSIENT, "answered SERVFAIL to the update of zone example.test.");
    assertThat(wire.sent).hasSize(3);
  }

  @Test
  void aTimeoutOnTheTransferIsTriedAgain() throws Exception {
    wire.transfers.add(new SocketTimeoutException("Connection timed out"));

    assertThat(provider.records(ZONE, Set.of(APP_A))).isEmpty();

    assertThat(wire.transferCalls).isEqualTo(2);
    assertThat(waits).containsExactly(Duration.ofMillis(250));
  }

  @Test
  void answersThatCannotChangeAreNotTriedAgain() {
    assertMapping(Rcode.FORMERR, Kind.INVALID, "answered FORMERR");
    assertMapping(Rcode.NOTZONE, Kind.NOT_FOUND, "answered NOTZONE");
    assertMapping(Rcode.NXDOMAIN, Kind.NOT_FOUND, "answered NXDOMAIN");
    assertMapping(Rcode.NOTIMP, Kind.INVALID, "does not implement updates");
    assertMapping(Rcode.REFUSED, Kind.AUTH, "allow-update { key \"ddns\"; };");
    assertMapping(Rcode.NXRRSET, Kind.CONFLICT, "a concurrent change happened");
    assertMapping(Rcode.YXRRSET, Kind.CONFLICT, "a concurrent change happened");
    assertThat(waits).isEmpty();
  }

  @Test
  void tsigErrorsAreAuthAndNotTriedAgain() {
    wire.answers.add(tsigError(Rcode.BADTIME));
    assertFailure(Kind.AUTH, "(BADTIME)");
    wire.answers.add(tsigError(Rcode.BADSIG));
    assertFailure(Kind.AUTH, "(BADSIG)");
    assertThat(wire.sent).hasSize(2);
    assertThat(waits).isEmpty();
  }

  @Test
  void anUnsignedNoerrorIsNotTrusted() {
    wire.answers.add("unsigned");

    assertFailure(Kind.AUTH, "is not signed with TSIG key 'ddns'");
  }

  @Test
  void aBrokenTransferIsInvalid() {
    wire.transfers.add(new ZoneTransferException("missing initial SOA"));
    assertThatThrownBy(() -> provider.records(ZONE, Set.of(APP_A)))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID))
        .hasMessageContaining("missing initial SOA");
    wire.transfers.add(new IndexOutOfBoundsException("Index -1 out of bounds for length 0"));
    assertThatThrownBy(() -> provider.records(ZONE, Set.of(APP_A)))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID));
  }

  @Test
  void aRefusedTransferOfAZoneNotServedIsNotFound() {
    wire.transfers.add(new ZoneTransferException("NOTAUTH"));
    Message refused = new Message();
    refused.getHeader().setRcode(Rcode.REFUSED);
    wire.answers.add(refused);

    assertThatThrownBy(() -> provider.records(ZONE, Set.of(APP_A)))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
        .hasMessageStartingWith("ns1.example.test:53 does not serve zone example.test.");
  }

  @Test
  void readsTxtWhateverItsSplittingAndOnlyTheKeysAskedFor() throws Exception {
    DnsName marker = APP.markerName();
    wire.zone.add(
        1,
        new TXTRecord(
            RecordData.name(marker), DClass.IN, 30, List.of("heritage=dnsfailover,", "owner=a")));
    wire.zone.add(
        1, Record.fromString(RecordData.name(APP), Type.MX, DClass.IN, 30, "10 mail.", ORIGIN));

    assertThat(provider.records(ZONE, Set.of(RecordKey.markerFor(APP), APP_A)))
        .containsExactly(
            RecordSet.of(marker, RecordType.TXT, 30, List.of("heritage=dnsfailover,owner=a")));
    assertThat(provider.records(ZONE, Set.of())).isEmpty();
    assertThat(wire.transferCalls).as("no keys, no transfer").isEqualTo(1);
  }

  @Test
  void aChangeTooBigForOneMessageIsRefusedBeforeSending() {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      values.add("v".repeat(250) + i);
    }
    RecordSet huge = RecordSet.of(APP.markerName(), RecordType.TXT, 20, values);

    assertThatThrownBy(() -> provider.apply(ZONE, List.of(new Change.Create(huge, "big"))))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID))
        .hasMessageContaining("more than one DNS message holds");
    assertThat(wire.sent).isEmpty();
  }

  @Test
  void namesOutsideTheZoneAndEmptyAppliesSendNothing() throws Exception {
    RecordSet outside =
        RecordSet.of(DnsName.of("app.other.test."), RecordType.A, 20, List.of("192.0.2.1"));

    assertThatThrownBy(() -> provider.apply(ZONE, List.of(new Change.Create(outside, "x"))))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID))
        .hasMessageContaining("is not in zone example.test.");
    assertThat(provider.apply(ZONE, List.of()).writeCalls()).isZero();
    assertThat(wire.sent).isEmpty();
    assertThat(wire.transferCalls).isZero();
  }

  private void assertMapping(int rcode, Kind kind, String text) {
    wire.answers.add(rcode);
    if (rcode == Rcode.NOTAUTH) {
      wire.answers.add(Rcode.NOERROR);
    }
    assertFailure(kind, text);
  }

  private void assertFailure(Kind kind, String text) {
    assertThatThrownBy(() -> provider.apply(ZONE, List.of(new Change.Create(APP_SET, "new"))))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(kind))
        .hasMessageContaining(text);
  }

  private static TSIGRecord tsigError(int error) {
    return new TSIGRecord(
        Name.fromConstantString("ddns."),
        DClass.ANY,
        0,
        Name.fromConstantString("hmac-sha256."),
        Instant.now(),
        Duration.ofMinutes(5),
        new byte[0],
        0,
        error,
        null);
  }
}

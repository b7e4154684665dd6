package io.dnsfailover.health.check;

import static io.dnsfailover.health.check.Checks.endpoint;
import static io.dnsfailover.health.check.Checks.factory;
import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.core.config.Probe;
import io.dnsfailover.health.ProbeResult;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;

class DnsCheckerTest {

  private DnsResponder responder;

  @BeforeEach
  void start() throws Exception {
    responder = new DnsResponder();
    Name app = Name.fromString("app.example.test.");
    responder.answer(
        new ARecord(app, DClass.IN, 30, InetAddress.getByName("192.0.2.10")),
        new ARecord(app, DClass.IN, 30, InetAddress.getByName("192.0.2.11")));
    responder.answer(
        new CNAMERecord(
            Name.fromString("www.example.test."),
            DClass.IN,
            30,
            Name.fromString("app.example.test.")));
  }

  @AfterEach
  void stop() throws Exception {
    responder.close();
  }

  private ProbeResult probe(String query, String qtype, List<String> expect) {
    return probe(query, qtype, expect, Duration.ofSeconds(2));
  }

  private ProbeResult probe(String query, String qtype, List<String> expect, Duration timeout) {
    Probe.Dns probe = new Probe.Dns("127.0.0.1", responder.port(), query, qtype, expect);
    return factory().create(endpoint(probe, timeout, Optional.empty(), Optional.empty())).probe();
  }

  @Test
  void answerHoldingEveryExpectedValueIsHealthy() {
    ProbeResult result = probe("app.example.test", "A", List.of("192.0.2.10"));

    assertThat(result.success()).isTrue();
    assertThat(result.detail()).isEqualTo("answer 192.0.2.10,192.0.2.11");
  }

  @Test
  void anyAnswerIsHealthyWhenNothingIsExpected() {
    assertThat(probe("app.example.test.", "A", List.of()).success()).isTrue();
  }

  @Test
  void namesCompareWithoutCaseOrTrailingDot() {
    ProbeResult result = probe("www.example.test", "CNAME", List.of("App.Example.Test"));

    assertThat(result.success()).isTrue();
    assertThat(result.detail()).isEqualTo("answer app.example.test.");
  }

  @Test
  void answerLackingAnExpectedValueIsUnhealthy() {
    ProbeResult result = probe("app.example.test", "A", List.of("192.0.2.10", "192.0.2.20"));

    assertThat(result.success()).isFalse();
    assertThat(result.detail()).isEqualTo("answer 192.0.2.10,192.0.2.11 lacks 192.0.2.20");
  }

  @Test
  void nxdomainIsUnhealthy() {
    ProbeResult result = probe("missing.example.test", "A", List.of());

    assertThat(result.success()).isFalse();
    assertThat(result.detail()).isEqualTo("NXDOMAIN");
  }

  @Test
  void unknownQtypeIsUnhealthy() {
    assertThat(probe("app.example.test", "NOPE", List.of()).detail())
        .isEqualTo("unknown qtype NOPE");
  }

  @Test
  void silentServerTimesOut() {
    responder.beSilent();

    ProbeResult result = probe("app.example.test", "A", List.of(), Duration.ofMillis(300));

    assertThat(result.success()).isFalse();
    assertThat(result.detail()).isEqualTo("timed out after 300ms");
  }

  @Test
  void sourceAddressTheHostDoesNotHaveFails() {
    Probe.Dns probe =
        new Probe.Dns("127.0.0.1", responder.port(), "app.example.test", "A", List.of());

    ProbeResult result =
        factory()
            .create(
                endpoint(probe, Duration.ofSeconds(1), Optional.empty(), Optional.of("192.0.2.1")))
            .probe();

    assertThat(result.success()).isFalse();
    assertThat(result.detail()).startsWith("cannot bind to source address 192.0.2.1");
  }
}

package io.dnsfailover.health.check;

import static io.dnsfailover.health.check.Checks.endpoint;
import static io.dnsfailover.health.check.Checks.http;
import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.core.config.Probe;
import io.dnsfailover.health.check.Checks.HttpProbe;
import io.dnsfailover.health.check.WarmUp.Part;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WarmUpTest {

  @Test
  void everyPartRunsItsCheckerAgainstItsOwnLoopbackResponder() {
    Map<Part, String> results =
        WarmUp.run(
            EnumSet.allOf(Part.class), DefaultCheckerFactory.defaultTls(), Clock.systemUTC());

    // "ok" means the warm-up really probed (a 200 with body "ok", a connect, an A answer, a client
    // hello), not that it failed quietly and left the work to the first real probe.
    assertThat(results)
        .containsOnlyKeys(Part.values())
        .allSatisfy((part, result) -> assertThat(result).as(part.name()).isEqualTo("ok"));
  }

  @Test
  void onlyTheCheckTypesInUseAreWarmedUp() {
    HttpProbe unverified = new HttpProbe("https://127.0.0.1/");
    unverified.tlsVerify = false;

    assertThat(WarmUp.partsFor(List.of(endpoint(http("http://127.0.0.1/")))))
        .containsExactly(Part.HTTP);
    assertThat(WarmUp.partsFor(List.of(endpoint(http("https://127.0.0.1/")))))
        .containsExactly(Part.HTTP, Part.TLS_VERIFIED);
    assertThat(WarmUp.partsFor(List.of(endpoint(unverified.build()))))
        .containsExactly(Part.HTTP, Part.TLS_UNVERIFIED);
    assertThat(
            WarmUp.partsFor(
                List.of(
                    endpoint(new Probe.Tcp("127.0.0.1", 80)),
                    endpoint(new Probe.Dns("127.0.0.1", 53, "example.test.", "A", List.of())))))
        .containsExactly(Part.TCP, Part.DNS);
    assertThat(WarmUp.partsFor(List.of(endpoint(new Probe.Icmp("127.0.0.1", 1, 0))))).isEmpty();
  }
}

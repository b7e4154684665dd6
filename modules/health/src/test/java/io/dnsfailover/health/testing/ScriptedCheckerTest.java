package io.dnsfailover.health.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.health.ProbeResult;
import io.dnsfailover.health.testing.ScriptedChecker.Step;
import io.dnsfailover.testkit.EndpointFixtures;
import io.dnsfailover.testkit.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScriptedCheckerTest {

  private final FakeClock clock = new FakeClock();

  @Test
  void playsTheScriptThenTheCurrentResult() {
    ScriptedChecker checker =
        new ScriptedChecker(clock).script(Step.up(), Step.down()).setCurrent(Step.down("timeout"));

    assertThat(checker.probe().detail()).isEqualTo("scripted: HTTP 200");
    ProbeResult down = checker.probe();
    assertThat(down.success()).isFalse();
    assertThat(down.detail()).isEqualTo("scripted: HTTP 503");
    assertThat(checker.probe().detail()).isEqualTo("scripted: timeout");
    assertThat(checker.probe().detail()).isEqualTo("scripted: timeout");
    assertThat(checker.probeCount()).isEqualTo(4);
  }

  @Test
  void stampsResultsWithTheClock() {
    ScriptedChecker checker = new ScriptedChecker(clock);
    clock.advance(Duration.ofMinutes(1));

    assertThat(checker.probe().at()).isEqualTo(FakeClock.DEFAULT_START.plusSeconds(60));
  }

  @Test
  void factoryGivesOneCheckerPerKey() {
    ScriptedCheckerFactory factory = new ScriptedCheckerFactory(clock);
    var endpoint = EndpointFixtures.endpoint("app.example.test./A/b", Duration.ofSeconds(1), 1, 1);

    assertThat(factory.create(endpoint)).isSameAs(factory.checker("app.example.test./A/b"));
    assertThat(factory.checker("other")).isNotSameAs(factory.checker("app.example.test./A/b"));
    assertThat(endpoint.id()).isEqualTo("b");
  }
}

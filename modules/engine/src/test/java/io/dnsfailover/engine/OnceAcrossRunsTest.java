package io.dnsfailover.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.engine.state.StateFile;
import io.dnsfailover.health.HealthStatus;
import io.dnsfailover.health.testing.ScriptedChecker.Step;
import io.dnsfailover.health.testing.ScriptedCheckerFactory;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.testkit.FakeClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cron runs: rise/fall count across {@code once} runs through the state file. */
class OnceAcrossRunsTest {

  private static final String PRIMARY = "app.example.test./A/primary";

  @TempDir Path dir;

  @Test
  void oneFlakyProbeNeverFlipsAnEndpointButFallConsecutiveFailuresDo() throws Exception {
    Config config = TestConfigs.load(dir, TestConfigs.failover("10s", 2, 2));
    StateFile state = new StateFile(dir.resolve("state/owner.state.json"));
    ScriptedCheckerFactory checks = new ScriptedCheckerFactory(new FakeClock());

    assertThat(run(config, state, checks, Step.up())).isEqualTo(HealthStatus.HEALTHY);
    assertThat(run(config, state, checks, Step.down("HTTP 503"))).isEqualTo(HealthStatus.HEALTHY);
    assertThat(run(config, state, checks, Step.up())).isEqualTo(HealthStatus.HEALTHY);
    assertThat(run(config, state, checks, Step.down("HTTP 503"))).isEqualTo(HealthStatus.HEALTHY);
    assertThat(run(config, state, checks, Step.down("HTTP 503"))).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(run(config, state, checks, Step.up())).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(run(config, state, checks, Step.up())).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void aCorruptStateFileIsAnErrorNotASilentReset() throws Exception {
    Path path = dir.resolve("broken.json");
    Files.writeString(path, "{ not json");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new StateFile(path).load())
        .hasMessageStartingWith(path + ": not a dnsfailover state file");
  }

  @Test
  void reloadsOwedAndUnverifiedZonesSurviveBetweenRuns() throws Exception {
    StateFile state = new StateFile(dir.resolve("state/owner.state.json"));
    DnsName zone = DnsName.of("example.test.");
    state.save(new StateFile.State(Map.of(), Set.of(zone), Set.of(zone)));

    assertThat(state.load().reloadsOwed()).containsExactly(zone);
    assertThat(state.load().unverified()).containsExactly(zone);

    state.save(new StateFile.State(Map.of(), Set.of(), Set.of()));
    assertThat(state.load()).isEqualTo(StateFile.State.EMPTY);
    assertThat(Files.readString(state.path())).doesNotContain("reloadsOwed", "unverified");
  }

  private static HealthStatus run(
      Config config, StateFile state, ScriptedCheckerFactory checks, Step primary)
      throws Exception {
    checks.checker(PRIMARY).setCurrent(primary);
    checks.checker("app.example.test./A/backup").setCurrent(Step.up());
    HealthRound round = HealthRound.probe(config.endpoints(), checks, state.load().endpoints());
    state.save(new StateFile.State(round.snapshots(), Set.of(), Set.of()));
    return round.snapshots().get(PRIMARY).status();
  }
}

package io.dnsfailover.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.health.testing.ScriptedChecker;
import io.dnsfailover.health.testing.ScriptedChecker.Step;
import io.dnsfailover.testkit.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Rise/fall hysteresis, driven by a scripted checker. */
class HealthTrackerTest {

  private static final String KEY = "app.example.test./A/primary";

  private final FakeClock clock = new FakeClock();
  private final ScriptedChecker checker = new ScriptedChecker(clock);

  /** Probes once per step, ten seconds apart; returns the transitions in order. */
  private List<Transition> run(HealthTracker tracker, Step... steps) {
    checker.script(steps);
    List<Transition> transitions = new ArrayList<>();
    for (int i = 0; i < steps.length; i++) {
      clock.advance(Duration.ofSeconds(10));
      tracker.record(checker.probe()).ifPresent(transitions::add);
    }
    return transitions;
  }

  @Test
  void firstSuccessDecidesHealthyAtOnce() {
    HealthTracker tracker = new HealthTracker(KEY, 2, 3, HealthSnapshot.unknown());

    List<Transition> transitions = run(tracker, Step.up());

    assertThat(transitions)
        .containsExactly(
            new Transition(
                KEY,
                HealthStatus.UNKNOWN,
                HealthStatus.HEALTHY,
                "first probe: scripted: HTTP 200",
                clock.instant()));
    assertThat(tracker.snapshot().status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(tracker.snapshot().since()).contains(clock.instant());
  }

  @Test
  void firstFailureDecidesUnhealthyAtOnce() {
    HealthTracker tracker = new HealthTracker(KEY, 2, 3, HealthSnapshot.unknown());

    List<Transition> transitions = run(tracker, Step.down("connection refused"));

    assertThat(transitions).hasSize(1);
    assertThat(transitions.get(0).to()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(transitions.get(0).reason()).isEqualTo("first probe: scripted: connection refused");
  }

  @Test
  void healthyFallsAfterFallConsecutiveFailures() {
    HealthTracker tracker = new HealthTracker(KEY, 2, 3, HealthSnapshot.unknown());
    run(tracker, Step.up());

    assertThat(run(tracker, Step.down(), Step.down())).isEmpty();
    assertThat(tracker.snapshot().failures()).isEqualTo(2);
    assertThat(tracker.snapshot().healthy()).isTrue();

    List<Transition> transitions = run(tracker, Step.down());

    assertThat(transitions).hasSize(1);
    assertThat(transitions.get(0).from()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(transitions.get(0).to()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(transitions.get(0).reason())
        .isEqualTo("scripted: HTTP 503 (3 consecutive failures, fall 3)");
    assertThat(transitions.get(0).at()).isEqualTo(clock.instant());
  }

  @Test
  void unhealthyRisesAfterRiseConsecutiveSuccesses() {
    HealthTracker tracker = new HealthTracker(KEY, 2, 3, HealthSnapshot.unknown());
    run(tracker, Step.down());

    assertThat(run(tracker, Step.up())).isEmpty();
    List<Transition> transitions = run(tracker, Step.up());

    assertThat(transitions).hasSize(1);
    assertThat(transitions.get(0).to()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(transitions.get(0).reason())
        .isEqualTo("scripted: HTTP 200 (2 consecutive successes, rise 2)");
  }

  @Test
  void aSuccessResetsTheFailureCount() {
    HealthTracker tracker = new HealthTracker(KEY, 2, 3, HealthSnapshot.unknown());
    run(tracker, Step.up(), Step.down(), Step.down());

    run(tracker, Step.up());

    assertThat(tracker.snapshot().failures()).isZero();
    assertThat(tracker.snapshot().successes()).isEqualTo(1);
    assertThat(run(tracker, Step.down(), Step.down())).isEmpty();
    assertThat(tracker.snapshot().healthy()).isTrue();
  }

  @Test
  void flappingNeverFlipsAHealthyEndpoint() {
    HealthTracker tracker = new HealthTracker(KEY, 2, 3, HealthSnapshot.unknown());
    run(tracker, Step.up());

    List<Transition> transitions =
        run(
            tracker,
            Step.down(),
            Step.up(),
            Step.down(),
            Step.down(),
            Step.up(),
            Step.down(),
            Step.up(),
            Step.down(),
            Step.down(),
            Step.up());

    assertThat(transitions).isEmpty();
    assertThat(tracker.snapshot().status()).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void restoredCountersCarryAcrossRuns() {
    Instant since = clock.instant().minus(Duration.ofHours(1));
    HealthSnapshot restored =
        new HealthSnapshot(HealthStatus.HEALTHY, 0, 2, Optional.of(since), Optional.empty());
    HealthTracker tracker = new HealthTracker(KEY, 2, 3, restored);

    List<Transition> transitions = run(tracker, Step.down());

    assertThat(transitions)
        .singleElement()
        .extracting(Transition::to)
        .isEqualTo(HealthStatus.UNHEALTHY);
  }

  @Test
  void sinceStaysPutWhileTheStatusHolds() {
    HealthTracker tracker = new HealthTracker(KEY, 1, 1, HealthSnapshot.unknown());
    run(tracker, Step.up());
    Instant becameHealthy = clock.instant();

    run(tracker, Step.up(), Step.up());

    assertThat(tracker.snapshot().since()).contains(becameHealthy);
    assertThat(tracker.snapshot().last().orElseThrow().at()).isEqualTo(clock.instant());
    assertThat(run(tracker, Step.down()).get(0).reason())
        .isEqualTo("scripted: HTTP 503 (1 consecutive failure, fall 1)");
  }
}

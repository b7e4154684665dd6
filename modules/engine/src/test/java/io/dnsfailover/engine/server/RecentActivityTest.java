package io.dnsfailover.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.core.plan.Plan;
import io.dnsfailover.engine.ReconcileReport;
import io.dnsfailover.engine.ZoneFailure;
import io.dnsfailover.health.HealthStatus;
import io.dnsfailover.health.ProbeResult;
import io.dnsfailover.health.Transition;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.testkit.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentActivityTest {

  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  private static final DnsName APP = DnsName.of("app.example.test.");
  private static final Zone ZONE = new Zone(DnsName.of("example.test."), "mem");

  private final FakeClock clock = new FakeClock(T0);
  private final RecentActivity activity = new RecentActivity(clock, 3, 1_000, 4);

  @Test
  void keepsTheLastProbesOfEachEndpointOldestFirst() {
    for (int i = 1; i <= 5; i++) {
      activity.onProbe("a", ProbeResult.success(Duration.ofMillis(i), "probe " + i, T0));
    }
    activity.onProbe("b", ProbeResult.failure(Duration.ZERO, "refused", T0));

    assertThat(activity.history("a"))
        .extracting(ProbeResult::detail)
        .containsExactly("probe 3", "probe 4", "probe 5");
    assertThat(activity.history("b")).extracting(ProbeResult::detail).containsExactly("refused");
    assertThat(activity.history("c")).isEmpty();
  }

  @Test
  void manyEndpointsShareTheHistoryBudgetEachKeepingAtLeastItsLastProbe() {
    RecentActivity small = new RecentActivity(clock, 40, 10, 4);
    for (int round = 1; round <= 5; round++) {
      for (String endpoint : List.of("a", "b", "c", "d")) {
        small.onProbe(endpoint, ProbeResult.success(Duration.ZERO, "probe " + round, T0));
      }
    }
    // 10 results over 4 endpoints: 2 each, the newest.
    assertThat(small.history("a"))
        .extracting(ProbeResult::detail)
        .containsExactly("probe 4", "probe 5");

    for (int i = 0; i < 20; i++) {
      small.onProbe("e" + i, ProbeResult.failure(Duration.ZERO, "refused", T0));
    }
    small.onProbe("a", ProbeResult.success(Duration.ZERO, "probe 6", T0));
    assertThat(small.history("a")).extracting(ProbeResult::detail).containsExactly("probe 6");
  }

  @Test
  void recordsTransitionsAndAppliedChangesNewestFirstWithoutOwnershipMarkers() {
    activity.onTransition(
        new Transition(
            "app/A/primary", HealthStatus.HEALTHY, HealthStatus.UNHEALTHY, "HTTP 503", T0));
    RecordSet before = RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.10"));
    RecordSet after = RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.20"));
    RecordSet marker =
        RecordSet.of(APP.markerName(), RecordType.TXT, 20, List.of("heritage=dnsfailover"));
    activity.onReconcile(
        new ReconcileReport(
            new Plan(List.of()),
            List.of(
                new Change.Create(marker, "marks"),
                new Change.Update(before, after, "failing over")),
            List.of()),
        Duration.ofMillis(3));

    assertThat(activity.events())
        .extracting(
            e ->
                e.kind() + " " + e.subject() + " " + e.from() + " -> " + e.to() + ": " + e.reason())
        .containsExactly(
            "CHANGE app.example.test. A 192.0.2.10 -> 192.0.2.20: failing over",
            "TRANSITION app/A/primary healthy -> unhealthy: HTTP 503");
  }

  @Test
  void aTransitionHeardAfterTheChangeItCausedIsStillListedBeforeIt() {
    RecordSet before = RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.10"));
    RecordSet after = RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.20"));
    clock.setInstant(T0.plusMillis(40));
    activity.onReconcile(
        new ReconcileReport(
            new Plan(List.of()), List.of(new Change.Update(before, after, "failover")), List.of()),
        Duration.ofMillis(3));
    activity.onTransition(
        new Transition(
            "app/A/primary", HealthStatus.HEALTHY, HealthStatus.UNHEALTHY, "HTTP 503", T0));

    assertThat(activity.events())
        .extracting(RecentActivity.Event::kind)
        .containsExactly(RecentActivity.Kind.CHANGE, RecentActivity.Kind.TRANSITION);
  }

  @Test
  void aFailureThatRepeatsIsOneEventUntilAReconcileSucceeds() {
    ReconcileReport failed =
        new ReconcileReport(
            new Plan(List.of()),
            List.of(),
            List.of(
                new ZoneFailure(
                    ZONE,
                    "apply",
                    new ProviderException(ProviderException.Kind.TRANSIENT, "Throttling"))));
    ReconcileReport ok = new ReconcileReport(new Plan(List.of()), List.of(), List.of());

    activity.onReconcile(failed, Duration.ZERO);
    activity.onReconcile(failed, Duration.ZERO);
    activity.onReconcile(ok, Duration.ZERO);
    activity.onReconcile(failed, Duration.ZERO);

    assertThat(activity.events())
        .extracting(RecentActivity.Event::reason)
        .containsExactly(
            "zone example.test.: apply failed (TRANSIENT): Throttling",
            "zone example.test.: apply failed (TRANSIENT): Throttling");
  }

  @Test
  void keepsOnlyTheLatestEvents() {
    for (int i = 1; i <= 6; i++) {
      activity.onError("error " + i);
    }
    assertThat(activity.events())
        .extracting(RecentActivity.Event::reason)
        .containsExactly("error 6", "error 5", "error 4", "error 3");
  }
}

package io.dnsfailover.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.core.plan.Plan;
import io.dnsfailover.core.plan.ZonePlan;
import io.dnsfailover.engine.ReconcileReport;
import io.dnsfailover.engine.ZoneFailure;
import io.dnsfailover.health.HealthStatus;
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
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class DaemonEventsTest {

  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final Zone ZONE = new Zone(DnsName.of("example.test."), "mem");
  private static final DnsName APP = DnsName.of("app.example.test.");

  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final DaemonEvents daemonEvents =
      new DaemonEvents(new FakeClock(NOW), List.of(events::add));

  @Test
  void aTransitionNamesItsRecordAndEndpoint() {
    Instant at = NOW.minusSeconds(1);
    daemonEvents.onTransition(
        new Transition(
            "app.example.test./A/primary",
            HealthStatus.HEALTHY,
            HealthStatus.UNHEALTHY,
            "HTTP 503",
            at));

    assertThat(events)
        .containsExactly(
            new Event(
                at,
                Event.Kind.TRANSITION,
                Optional.empty(),
                Optional.of("app.example.test. A"),
                Optional.of("primary"),
                Optional.empty(),
                Optional.of("HEALTHY"),
                Optional.of("UNHEALTHY"),
                "HTTP 503"));
  }

  @Test
  void aReconcileGivesItsPlanItsAppliedChangesAndItsFailures() {
    Change update =
        new Change.Update(
            RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.10")),
            RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.20")),
            "failing over to priority 2: backup (192.0.2.20)");
    ZonePlan zonePlan = new ZonePlan(ZONE, "memory", List.of(update), List.of(), List.of());
    Zone other = new Zone(DnsName.of("other.test."), "mem");
    ReconcileReport report =
        new ReconcileReport(
            new Plan(List.of(zonePlan)),
            List.of(update),
            List.of(
                new ZoneFailure(
                    other,
                    "read",
                    new ProviderException(ProviderException.Kind.TRANSIENT, "timed out"))));

    daemonEvents.onReconcile(report, Duration.ofMillis(5));

    assertThat(events)
        .extracting(Event::describe)
        .containsExactly(
            "plan app.example.test. A update: 192.0.2.10 ttl 20 -> 192.0.2.20 ttl 20: failing over"
                + " to priority 2: backup (192.0.2.20)",
            "change app.example.test. A update: 192.0.2.10 ttl 20 -> 192.0.2.20 ttl 20: failing"
                + " over to priority 2: backup (192.0.2.20)",
            "error zone other.test. read: zone other.test.: read failed (TRANSIENT): timed out");
    assertThat(events)
        .extracting(Event::zone)
        .containsOnly(Optional.of("example.test."), Optional.of("other.test."));
    assertThat(events).extracting(Event::time).containsOnly(NOW);
  }

  @Test
  void aReconcileWithoutChangesGivesNothing() {
    daemonEvents.onReconcile(
        new ReconcileReport(new Plan(List.of()), List.of(), List.of()), Duration.ZERO);
    assertThat(events).isEmpty();
  }
}

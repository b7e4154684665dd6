package io.dnsfailover.engine.journal;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.plan.ZonePlan;
import io.dnsfailover.engine.DaemonListener;
import io.dnsfailover.engine.ReconcileReport;
import io.dnsfailover.engine.ZoneFailure;
import io.dnsfailover.engine.report.PlanText;
import io.dnsfailover.engine.verify.ServedReport;
import io.dnsfailover.health.Transition;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what the daemon reports into {@link Event}s and hands each to every sink: a transition,
 * each planned change, each applied change, each provider failure, a reload and an error each
 * become one event. Probes and reconciles that change nothing make none.
 */
public final class DaemonEvents implements DaemonListener {

  private final Clock clock;
  private final List<EventSink> sinks;

  public DaemonEvents(Clock clock, List<EventSink> sinks) {
    this.clock = clock;
    this.sinks = List.copyOf(sinks);
  }

  /** Hands an event the daemon itself does not report (start, stop) to every sink. */
  public void record(Event event) {
    for (EventSink sink : sinks) {
      sink.accept(event);
    }
  }

  @Override
  public void onTransition(Transition transition) {
    String key = transition.endpointKey();
    int second = key.indexOf('/', key.indexOf('/') + 1);
    Optional<String> record = Optional.empty();
    Optional<String> endpoint = Optional.of(key);
    if (key.indexOf('/') > 0 && second > 0) {
      record = Optional.of(key.substring(0, second).replace('/', ' '));
      endpoint = Optional.of(key.substring(second + 1));
    }
    record(
        new Event(
            transition.at(),
            Event.Kind.TRANSITION,
            Optional.empty(),
            record,
            endpoint,
            Optional.empty(),
            Optional.of(transition.from().name()),
            Optional.of(transition.to().name()),
            transition.reason()));
  }

  @Override
  public void onReconcile(ReconcileReport report, Duration took) {
    Instant now = clock.instant();
    Map<RecordKey, String> zones = new HashMap<>();
    for (ZonePlan zone : report.plan().zones()) {
      for (Change change : zone.changes()) {
        zones.put(change.key(), zone.zone().name().toString());
        record(change(now, Event.Kind.PLAN, zone.zone().name().toString(), change));
      }
    }
    for (Change change : report.applied()) {
      record(change(now, Event.Kind.CHANGE, zones.get(change.key()), change));
    }
    for (ZoneFailure failure : report.failures()) {
      record(
          new Event(
              now,
              Event.Kind.ERROR,
              Optional.of(failure.zone().name().toString()),
              Optional.empty(),
              Optional.empty(),
              Optional.of(failure.stage()),
              Optional.empty(),
              Optional.empty(),
              failure.describe()));
    }
  }

  @Override
  public void onReload(Config config) {
    record(
        Event.of(
            clock.instant(),
            Event.Kind.RELOAD,
            "config reloaded from "
                + config.source()
                + ": "
                + config.endpoints().size()
                + " endpoints in "
                + config.zones().size()
                + " zones"));
    for (EventSink sink : sinks) {
      sink.onReload(config);
    }
  }

  /**
   * A {@code served} event when every server answers the change, {@code not-served} otherwise; the
   * reason gives each server's time, or what it still answers.
   */
  @Override
  public void onServed(ServedReport report, Duration sinceApply) {
    List<String> servers = new ArrayList<>();
    for (ServedReport.Server server : report.servers()) {
      servers.add(
          server.server()
              + " "
              + server
                  .servedAfter()
                  .map(after -> ServedReport.seconds(after) + " s")
                  .orElse("not served"));
    }
    String reason = report.summary() + " (" + String.join(", ", servers) + ")";
    if (!report.allServed()) {
      reason += ": " + String.join("; ", report.notServed());
    }
    record(
        new Event(
            clock.instant(),
            report.allServed() ? Event.Kind.SERVED : Event.Kind.NOT_SERVED,
            Optional.of(report.zone().toString()),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            reason));
  }

  @Override
  public void onError(String message) {
    record(Event.of(clock.instant(), Event.Kind.ERROR, message));
  }

  private static Event change(Instant time, Event.Kind kind, String zone, Change change) {
    Optional<String> from =
        switch (change) {
          case Change.Create create -> Optional.empty();
          case Change.Update update -> Optional.of(answer(update.before()));
          case Change.Delete delete -> Optional.of(answer(delete.before()));
        };
    Optional<String> to =
        switch (change) {
          case Change.Create create -> Optional.of(answer(create.after()));
          case Change.Update update -> Optional.of(answer(update.after()));
          case Change.Delete delete -> Optional.empty();
        };
    String action =
        switch (change) {
          case Change.Create create -> "create";
          case Change.Update update -> "update";
          case Change.Delete delete -> "delete";
        };
    return new Event(
        time,
        kind,
        Optional.ofNullable(zone),
        Optional.of(change.key().toString()),
        Optional.empty(),
        Optional.of(action),
        from,
        to,
        change.reason());
  }

  /**
   * "192.0.2.10,192.0.2.11 ttl 30", weights in parentheses, each location's values for a geo
   * record: as {@code plan} prints it.
   */
  static String answer(RecordSet set) {
    return PlanText.answer(set);
  }
}

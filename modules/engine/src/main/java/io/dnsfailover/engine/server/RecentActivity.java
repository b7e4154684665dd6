package io.dnsfailover.engine.server;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.engine.DaemonListener;
import io.dnsfailover.engine.ReconcileReport;
import io.dnsfailover.engine.ZoneFailure;
import io.dnsfailover.engine.verify.ServedReport;
import io.dnsfailover.health.ProbeResult;
import io.dnsfailover.health.Transition;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.RecordSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * What the status page shows beyond the daemon's current state, kept in memory only: the latest
 * probe results of every endpoint (the history strip) and the latest {@code eventLimit} events
 * (health transitions, applied changes, provider failures, reloads), newest first. A provider
 * failure that repeats on every reconcile is one event until a reconcile succeeds. The durable
 * record of events is the journal, not this. Thread-safe.
 *
 * <p>Each endpoint keeps {@code historySize} probe results, or fewer when there are many endpoints:
 * all histories together hold about {@code historyBudget} results (at least one per endpoint). So
 * memory and the status document stay bounded at 10,000 endpoints, where 40 results each would be
 * 400,000 objects that live long enough to fill the old generation.
 */
public final class RecentActivity implements DaemonListener {

  /** Probe results kept per endpoint when not told otherwise. */
  public static final int DEFAULT_HISTORY = 40;

  /** Probe results in all endpoints' histories together, when not told otherwise. */
  public static final int DEFAULT_HISTORY_BUDGET = 4_000;

  /** Events kept when not told otherwise. */
  public static final int DEFAULT_EVENTS = 100;

  /** What an event is about. */
  public enum Kind {
    TRANSITION,
    CHANGE,
    ERROR,
    RELOAD,
    SERVED,
    NOT_SERVED;

    /** "change", "not-served". */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * One line of the event list.
   *
   * @param subject the endpoint key or record ("app.example.test. A") it is about, or "" for the
   *     daemon itself
   * @param from the state or answer before ("healthy", "192.0.2.10"), or ""
   * @param to the state or answer after, or ""
   * @param reason why, in the words of the log
   */
  public record Event(
      Instant at, Kind kind, String subject, String from, String to, String reason) {
    public Event {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(reason, "reason");
    }
  }

  private final Clock clock;
  private final int historySize;
  private final int historyBudget;
  private final int eventLimit;
  private final ConcurrentMap<String, Deque<ProbeResult>> history = new ConcurrentHashMap<>();
  private final List<Event> events = new ArrayList<>(); // newest first
  private String repeatingError; // guarded by events

  public RecentActivity(Clock clock) {
    this(clock, DEFAULT_HISTORY, DEFAULT_HISTORY_BUDGET, DEFAULT_EVENTS);
  }

  public RecentActivity(Clock clock, int historySize, int historyBudget, int eventLimit) {
    if (historySize < 1 || historyBudget < 1 || eventLimit < 1) {
      throw new IllegalArgumentException(
          "historySize, historyBudget and eventLimit must be positive");
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    this.historySize = historySize;
    this.historyBudget = historyBudget;
    this.eventLimit = eventLimit;
  }

  /** The latest probe results of {@code endpointKey}, oldest first. */
  public List<ProbeResult> history(String endpointKey) {
    Deque<ProbeResult> results = history.get(endpointKey);
    if (results == null) {
      return List.of();
    }
    synchronized (results) {
      return List.copyOf(results);
    }
  }

  /** The latest events, newest first. */
  public List<Event> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  @Override
  public void onProbe(String endpointKey, ProbeResult result) {
    Deque<ProbeResult> results = history.computeIfAbsent(endpointKey, key -> new ArrayDeque<>());
    // The endpoints probed so far stand for the configured ones: at start-up, before every
    // endpoint has had its first probe, a history may hold more; its next probe trims it.
    int keep = Math.clamp(historyBudget / history.size(), 1, historySize);
    synchronized (results) {
      results.addLast(result);
      while (results.size() > keep) {
        results.removeFirst();
      }
    }
  }

  @Override
  public void onTransition(Transition transition) {
    add(
        new Event(
            transition.at(),
            Kind.TRANSITION,
            transition.endpointKey(),
            transition.from().label(),
            transition.to().label(),
            transition.reason()));
  }

  @Override
  public void onReconcile(ReconcileReport report, Duration took) {
    Instant now = clock.instant();
    for (Change change : report.applied()) {
      if (change.key().name().isMarker()) {
        continue; // ownership markers are bookkeeping, not news
      }
      add(
          new Event(
              now,
              Kind.CHANGE,
              change.key().toString(),
              answer(before(change)),
              answer(after(change)),
              change.reason()));
    }
    if (report.failed()) {
      String message =
          report.failures().stream().map(ZoneFailure::describe).collect(Collectors.joining("; "));
      synchronized (events) {
        if (message.equals(repeatingError)) {
          return;
        }
        repeatingError = message;
      }
      add(new Event(now, Kind.ERROR, "", "", "", message));
    } else {
      synchronized (events) {
        repeatingError = null;
      }
    }
  }

  @Override
  public void onReload(Config config) {
    Set<String> keys =
        config.endpoints().stream().map(EndpointConfig::key).collect(Collectors.toSet());
    history.keySet().retainAll(keys);
    add(
        new Event(
            clock.instant(),
            Kind.RELOAD,
            "",
            "",
            "",
            "config reloaded: " + keys.size() + " endpoints"));
  }

  @Override
  public void onError(String message) {
    add(new Event(clock.instant(), Kind.ERROR, "", "", "", message));
  }

  @Override
  public void onServed(ServedReport report, Duration sinceApply) {
    String reason =
        report.allServed()
            ? report.summary()
            : report.summary() + "; " + String.join("; ", report.notServed());
    add(
        new Event(
            clock.instant(),
            report.allServed() ? Kind.SERVED : Kind.NOT_SERVED,
            report.zone().value(),
            "",
            "",
            reason));
  }

  /**
   * Inserts by time, newest first: listeners are called on several threads, so a transition may
   * arrive after the change its reconcile applied, yet it happened first.
   */
  private void add(Event event) {
    synchronized (events) {
      int index = 0;
      while (index < events.size() && event.at().isBefore(events.get(index).at())) {
        index++;
      }
      events.add(index, event);
      while (events.size() > eventLimit) {
        events.removeLast();
      }
    }
  }

  private static Optional<RecordSet> before(Change change) {
    return switch (change) {
      case Change.Create create -> Optional.empty();
      case Change.Update update -> Optional.of(update.before());
      case Change.Delete delete -> Optional.of(delete.before());
    };
  }

  private static Optional<RecordSet> after(Change change) {
    return switch (change) {
      case Change.Create create -> Optional.of(create.after());
      case Change.Update update -> Optional.of(update.after());
      case Change.Delete delete -> Optional.empty();
    };
  }

  /** "192.0.2.10, 192.0.2.11", or "(none)" for a record that does not exist. */
  static String answer(Optional<RecordSet> set) {
    return set.map(s -> String.join(", ", s.values())).orElse("(none)");
  }
}

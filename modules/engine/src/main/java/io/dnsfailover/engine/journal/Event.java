package io.dnsfailover.engine.journal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing the daemon did or saw: a line of the journal, and what notifications are made of.
 *
 * @param time when it happened
 * @param kind what happened
 * @param zone the zone, for plans, changes and provider failures
 * @param record the record set as {@code <name> <type>}, like {@code app.example.test. A}
 * @param endpoint the endpoint's id within its record, for transitions
 * @param action {@code create}, {@code update} or {@code delete}, for plans and changes
 * @param from the state or answer before: {@code HEALTHY}, {@code 192.0.2.10}
 * @param to the state or answer after
 * @param reason what a person reads: why it happened, or the error
 */
public record Event(
    Instant time,
    Kind kind,
    Optional<String> zone,
    Optional<String> record,
    Optional<String> endpoint,
    Optional<String> action,
    Optional<String> from,
    Optional<String> to,
    String reason) {

  /** What happened; written in lower case. */
  public enum Kind {
    /** An endpoint's health changed. */
    TRANSITION,
    /** A reconcile planned a change (it is applied unless a {@link #ERROR} follows). */
    PLAN,
    /** A change was applied to DNS. */
    CHANGE,
    /** A provider call failed, a reload was rejected, or a reconcile failed. */
    ERROR,
    /** A new config is in effect. */
    RELOAD,
    /** The daemon started. */
    START,
    /** The daemon stopped. */
    STOP,
    /** Every {@code verify:} server of a zone answers its last change. */
    SERVED,
    /** Some {@code verify:} server of a zone did not answer its last change in time. */
    NOT_SERVED;

    /** "transition", "not-served". */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static Kind of(String label) {
      return valueOf(label.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
  }

  public Event {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(reason, "reason");
  }

  /** An event about the daemon as a whole (start, stop, reload, an error without a zone). */
  public static Event of(Instant time, Kind kind, String reason) {
    return new Event(
        time,
        kind,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        reason);
  }

  /** What notifications rate-limit by: the record, else the kind ("error", "reload"). */
  public String subject() {
    return record.orElse(kind.label());
  }

  /**
   * One line for people: {@code transition app.example.test. A primary: HEALTHY -> UNHEALTHY: HTTP
   * 503}.
   */
  public String describe() {
    StringBuilder text = new StringBuilder(kind.label());
    zone.filter(z -> record.isEmpty()).ifPresent(z -> text.append(" zone ").append(z));
    record.ifPresent(r -> text.append(' ').append(r));
    endpoint.ifPresent(e -> text.append(' ').append(e));
    action.ifPresent(a -> text.append(' ').append(a));
    if (from.isPresent() || to.isPresent()) {
      text.append(": ").append(from.orElse("(none)")).append(" -> ").append(to.orElse("(none)"));
    }
    if (!reason.isEmpty()) {
      text.append(": ").append(reason);
    }
    return text.toString();
  }
}

package io.dnsfailover.engine.verify;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Whether the {@code verify:} servers of a record's zone answer what was last applied to it, as
 * {@code /status} and the status page show it.
 *
 * @param detail "2/2 servers after 0.4 s", or what a server still answers
 * @param at when this was decided (or the check started)
 */
public record Serving(State state, String detail, Instant at) {

  /** Where the check of the last change stands. */
  public enum State {
    /** The servers are being asked. */
    CHECKING,
    /** Every server answers the change. */
    SERVED,
    /** Some server did not answer the change within the timeout. */
    NOT_SERVED;

    /** "checking", "served", "not-served". */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public Serving {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(at, "at");
  }
}

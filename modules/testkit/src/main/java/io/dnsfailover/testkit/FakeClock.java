package io.dnsfailover.testkit;

import io.dnsfailover.spi.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A clock that only moves when a test moves it, for wall-clock time ({@link Clock}) and for
 * monotonic time and waiting ({@link Ticker}) alike: {@link #sleep} returns at once, having moved
 * the time by what it was asked to wait, and remembers each wait ({@link #sleeps}). Thread-safe;
 * clocks made by {@link #withZone} share this clock's time.
 *
 * <p>As a {@link Ticker}, its {@link #nanoTime} is the instant in nanoseconds since the epoch, so a
 * test that sets the time back ({@link #setInstant}, a negative {@link #advance}) breaks the
 * promise that it never goes back: tests of code that takes a {@code Ticker} only move it forward.
 */
public final class FakeClock extends Clock implements Ticker {

  /** Where a new FakeClock starts unless told otherwise. */
  public static final Instant DEFAULT_START = Instant.parse("2025-01-01T00:00:00Z");

  /** The time and the waits, shared by the clocks {@link #withZone} makes. */
  private static final class State {
    private final Instant start;
    private Instant now;
    private final List<Duration> sleeps = new ArrayList<>();

    State(Instant start) {
      this.start = start;
      this.now = start;
    }
  }

  private final State state;
  private final ZoneId zone;

  public FakeClock() {
    this(DEFAULT_START);
  }

  public FakeClock(Instant start) {
    this(new State(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  private FakeClock(State state, ZoneId zone) {
    this.state = state;
    this.zone = zone;
  }

  @Override
  public Instant instant() {
    synchronized (state) {
      return state.now;
    }
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new FakeClock(state, Objects.requireNonNull(zone, "zone"));
  }

  public void setInstant(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    synchronized (state) {
      state.now = instant;
    }
  }

  /** Moves the time forward (or back, for a negative amount); returns the new time. */
  public Instant advance(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    synchronized (state) {
      state.now = state.now.plus(amount);
      return state.now;
    }
  }

  /** The instant in nanoseconds since the epoch. */
  @Override
  public long nanoTime() {
    Instant now = instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /** Moves the time by {@code duration} at once and remembers the wait. */
  @Override
  public void sleep(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    synchronized (state) {
      state.sleeps.add(duration);
      state.now = state.now.plus(duration);
    }
  }

  /** Every {@link #sleep}, in order. */
  public List<Duration> sleeps() {
    synchronized (state) {
      return List.copyOf(state.sleeps);
    }
  }

  /** How far the time has moved since the clock was made (sleeps, advances and sets). */
  public Duration elapsed() {
    synchronized (state) {
      return Duration.between(state.start, state.now);
    }
  }
}

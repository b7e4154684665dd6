package io.dnsfailover.health.testing;

import io.dnsfailover.health.Checker;
import io.dnsfailover.health.ProbeResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A checker whose results a test decides: a script played in order (up, up, down, ...), then a
 * "current" result the test can flip at any time. Thread-safe. Results are stamped with the given
 * clock and have details such as "scripted: HTTP 200" and "scripted: HTTP 503".
 */
public final class ScriptedChecker implements Checker {

  /** One scripted result. */
  public record Step(boolean success, String detail, Duration latency) {
    public Step {
      Objects.requireNonNull(detail, "detail");
      Objects.requireNonNull(latency, "latency");
    }

    /** A success: "scripted: HTTP 200". */
    public static Step up() {
      return up("HTTP 200");
    }

    /** A failure: "scripted: HTTP 503". */
    public static Step down() {
      return down("HTTP 503");
    }

    public static Step up(String detail) {
      return new Step(true, "scripted: " + detail, Duration.ofMillis(1));
    }

    public static Step down(String detail) {
      return new Step(false, "scripted: " + detail, Duration.ofMillis(1));
    }
  }

  private final Clock clock;
  private final Deque<Step> script = new ArrayDeque<>();
  private final AtomicInteger probes = new AtomicInteger();
  private Step current = Step.up();
  private Duration delay = Duration.ZERO;

  public ScriptedChecker(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Appends steps to the script; each probe takes the next one, then falls back to current. */
  public synchronized ScriptedChecker script(Step... steps) {
    script.addAll(List.of(steps));
    return this;
  }

  /** The result every probe gives once the script is used up. Starts as {@link Step#up()}. */
  public synchronized ScriptedChecker setCurrent(Step step) {
    current = Objects.requireNonNull(step, "step");
    return this;
  }

  /** Makes every probe block this long (interruptibly) before answering, like a slow endpoint. */
  public synchronized ScriptedChecker setDelay(Duration delay) {
    this.delay = Objects.requireNonNull(delay, "delay");
    return this;
  }

  /** How many probes have started. */
  public int probeCount() {
    return probes.get();
  }

  @Override
  public ProbeResult probe() {
    probes.incrementAndGet();
    Duration wait;
    Step step;
    synchronized (this) {
      wait = delay;
      step = script.isEmpty() ? current : script.removeFirst();
    }
    if (!wait.isZero()) {
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ProbeResult.failure(wait, "scripted: interrupted", clock.instant());
      }
    }
    return new ProbeResult(step.success(), step.latency(), step.detail(), clock.instant());
  }
}

package io.dnsfailover.engine.verify;

import io.dnsfailover.core.config.VerifyConfig;
import io.dnsfailover.spi.DnsName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Waits until every server a zone's {@code verify:} block lists answers what the zone now holds: a
 * change counts when resolvers get it, not when the provider said yes. Each server is asked on its
 * own virtual thread, again and again (every {@code poll}, doubling up to one second) until all its
 * answers match or the timeout passes, so one slow or dead server never delays the verdict on
 * another.
 */
public final class ServedCheck {

  /** The first pause between two rounds of questions to a server that is not there yet. */
  static final Duration FIRST_POLL = Duration.ofMillis(50);

  private static final Duration MAX_POLL = Duration.ofSeconds(1);
  private static final Duration MAX_QUERY_TIMEOUT = Duration.ofSeconds(2);

  private final Lookup lookup;

  public ServedCheck(Lookup lookup) {
    this.lookup = lookup;
  }

  /**
   * Asks every server until it serves {@code expected} or {@code verify.timeout()} has passed.
   * Returns at once, with every server served, when nothing is expected. Interrupting the calling
   * thread stops the check early, counting the servers not yet served as not served.
   */
  public ServedReport await(DnsName zone, VerifyConfig verify, List<Expectation> expected) {
    long started = System.nanoTime();
    long deadline = started + verify.timeout().toNanos();
    List<ServedReport.Server> results = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<ServedReport.Server>> pending = new ArrayList<>();
      for (VerifyConfig.Server server : verify.servers()) {
        pending.add(threads.submit(() -> serve(server, expected, started, deadline)));
      }
      for (int i = 0; i < pending.size(); i++) {
        results.add(result(verify.servers().get(i), pending.get(i), expected));
      }
    }
    return new ServedReport(zone, results, Duration.ofNanos(System.nanoTime() - started));
  }

  private static ServedReport.Server result(
      VerifyConfig.Server server, Future<ServedReport.Server> pending, List<Expectation> expected) {
    try {
      return pending.get();
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      return new ServedReport.Server(server, Optional.empty(), List.of("check interrupted"));
    } catch (ExecutionException e) {
      return new ServedReport.Server(
          server, Optional.empty(), List.of("check failed: " + e.getCause()));
    }
  }

  /** Asks one server until it answers every expectation, or the deadline passes. */
  private ServedReport.Server serve(
      VerifyConfig.Server server, List<Expectation> expected, long started, long deadline)
      throws InterruptedException {
    Duration pause = FIRST_POLL;
    // Every question gets a fair time to be answered, even near the deadline, so a loaded machine
    // reports what the server answers rather than a timeout of the last, shortest question.
    Duration queryTimeout =
        Duration.ofNanos(Math.min(MAX_QUERY_TIMEOUT.toNanos(), deadline - started));
    while (true) {
      List<String> mismatches = new ArrayList<>();
      for (Expectation expectation : expected) {
        mismatches.addAll(mismatch(server, expectation, queryTimeout));
      }
      long now = System.nanoTime();
      if (mismatches.isEmpty()) {
        return new ServedReport.Server(
            server, Optional.of(Duration.ofNanos(now - started)), List.of());
      }
      if (now >= deadline) {
        return new ServedReport.Server(server, Optional.empty(), mismatches);
      }
      Thread.sleep(Duration.ofNanos(Math.min(pause.toNanos(), deadline - now)));
      pause = pause.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : pause.multipliedBy(2);
    }
  }

  /** Empty when {@code server} answers {@code expectation}; else what it answers instead. */
  private List<String> mismatch(
      VerifyConfig.Server server, Expectation expectation, Duration timeout) {
    return switch (lookup.query(server, expectation.key(), timeout)) {
      case Lookup.Answer.Values values when expectation.isMetBy(values.values()) -> List.of();
      case Lookup.Answer.Values values ->
          List.of(
              expectation.key()
                  + " answers "
                  + Expectation.describe(values.values())
                  + ", not "
                  + expectation.describeValues());
      case Lookup.Answer.Failed failed -> List.of(expectation.key() + ": " + failed.reason());
    };
  }
}

package io.dnsfailover.engine.verify;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.engine.ReconcileReport;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.RecordKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's {@code verify:}: after each reconcile that wrote to a zone with a {@code verify:}
 * block (or whose servers did not serve the last change), asks its servers in the background, on a
 * virtual thread, so the reconcile loop never waits for DNS servers. A newer change to the same
 * zone supersedes a check still running; a zone whose check failed is asked again after the next
 * reconcile once no check of it runs. Each verdict goes to {@code onVerdict} (journal, metrics)
 * with how long after the apply it came, and to {@link #serving()} for {@code /status}.
 */
public final class ServedWatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ServedWatcher.class);

  private final ServedCheck check;
  private final Clock clock;
  private final BiConsumer<ServedReport, Duration> onVerdict;
  private final Object lock = new Object();
  private final Map<DnsName, Thread> running = new HashMap<>();
  private final Map<RecordKey, Serving> serving = new HashMap<>();
  private final Set<DnsName> unverified = new HashSet<>();
  private boolean closed;

  /**
   * @param onVerdict told each finished check's report and the time from the apply to the verdict
   */
  public ServedWatcher(
      ServedCheck check, Clock clock, BiConsumer<ServedReport, Duration> onVerdict) {
    this.check = check;
    this.clock = clock;
    this.onVerdict = onVerdict;
  }

  /** Starts checking the zones {@code report} makes due; returns at once. */
  public void afterReconcile(Config config, ReconcileReport report) {
    Instant applied = clock.instant();
    synchronized (lock) {
      if (closed) {
        return;
      }
      Verification verification = Verification.after(config, report, Set.copyOf(unverified));
      unverified.addAll(verification.deferred());
      for (Verification.Target target : verification.targets()) {
        Thread previous = running.get(target.zone());
        if (previous != null && !target.changed()) {
          continue; // still asking about the same change
        }
        if (previous != null) {
          previous.interrupt(); // superseded: its verdict is about an older change
        }
        if (target.changed()) { // a zone asked again keeps showing its last verdict meanwhile
          Serving checking = new Serving(Serving.State.CHECKING, "asking the servers", applied);
          target.expected().forEach(e -> serving.put(e.key(), checking));
        }
        Thread thread =
            Thread.ofVirtual()
                .name("verify-" + target.zone())
                .unstarted(() -> verify(target, applied));
        running.put(target.zone(), thread);
        thread.start();
      }
    }
  }

  /** The state of every record of a zone that has been checked, by record key. */
  public Map<RecordKey, Serving> serving() {
    synchronized (lock) {
      return Map.copyOf(serving);
    }
  }

  private void verify(Verification.Target target, Instant applied) {
    ServedReport report = check.await(target.zone(), target.verify(), target.expected());
    Instant now = clock.instant();
    synchronized (lock) {
      if (running.get(target.zone()) != Thread.currentThread() || closed) {
        return; // superseded by a newer change, or the daemon is stopping
      }
      running.remove(target.zone());
      if (report.allServed()) {
        unverified.remove(target.zone());
      } else {
        unverified.add(target.zone());
      }
      Serving verdict =
          report.allServed()
              ? new Serving(Serving.State.SERVED, servedDetail(report), now)
              : new Serving(Serving.State.NOT_SERVED, String.join("; ", report.notServed()), now);
      target.expected().forEach(e -> serving.put(e.key(), verdict));
    }
    if (report.allServed()) {
      log.info("{}", report.summary());
    } else {
      log.warn("{}; {}", report.summary(), String.join("; ", report.notServed()));
    }
    try {
      onVerdict.accept(report, Duration.between(applied, now));
    } catch (RuntimeException e) {
      log.warn("reporting {} failed: {}", report.summary(), e.toString());
    }
  }

  private static String servedDetail(ServedReport report) {
    return report.servedCount()
        + "/"
        + report.servers().size()
        + " servers after "
        + ServedReport.seconds(report.waited())
        + " s";
  }

  /** Stops every check still running; their verdicts are dropped. */
  @Override
  public void close() {
    List<Thread> threads;
    synchronized (lock) {
      closed = true;
      threads = List.copyOf(running.values());
      running.clear();
    }
    threads.forEach(Thread::interrupt);
  }
}

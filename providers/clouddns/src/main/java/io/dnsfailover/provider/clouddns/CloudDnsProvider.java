package io.dnsfailover.provider.clouddns;

import io.dnsfailover.provider.clouddns.CloudDnsApi.ApiError;
import io.dnsfailover.spi.ApplyResult;
import io.dnsfailover.spi.Capabilities;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.Location;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.ProviderException.Kind;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.Ticker;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.spi.ZoneContents;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Google Cloud DNS through its v1 API ({@link CloudDnsApi}).
 *
 * <p>Reads: the managed zone is looked up once per zone ({@link ManagedZones}). {@link #contents}
 * lists the rrsets of the names asked for ({@link RrsetReader}), with the other types held there,
 * and keeps what it listed so that deletions are sent exactly as Cloud DNS holds them. Calls are
 * retried and their errors mapped in one place ({@link CloudDnsCalls}).
 *
 * <p>Writes: {@link #apply} sends one Cloud DNS change per call holding every deletion and addition
 * (an update is the listed rrset deleted plus the new one added), split into several only past
 * 1,000 additions or deletions or 100,000 bytes of rrdata, and polls each change until it is {@code
 * done}, for at most {@link Timing#changeTimeout()}. Throttling (429, 403 rate limits) is retried
 * with backoff. A 412 (a deletion no longer matches), 409 (an addition already exists) or 404 (a
 * deletion is gone) rejects the whole change: the provider re-reads the keys involved, retries when
 * what Cloud DNS holds is still what the change expects (only its bytes differed), and reports
 * {@link Kind#CONFLICT} when someone else changed a record, so the engine re-plans. A 5xx or a lost
 * connection leaves the outcome unknown, and Cloud DNS changes are not idempotent: the provider
 * re-reads first, counts changes already in effect as applied, and retries only the rest.
 */
public final class CloudDnsProvider implements DnsProvider {

  /** Additions, and deletions, one Cloud DNS change may hold. */
  static final int MAX_RECORDS_PER_CHANGE = 1000;

  /** Bytes of rrdata one Cloud DNS change may hold. */
  static final int MAX_RRDATA_BYTES_PER_CHANGE = 100_000;

  /** Declared by the factory, which {@code validate} loads without this class and its SDK. */
  static final Set<Location.Kind> LOCATION_KINDS = CloudDnsProviderFactory.LOCATION_KINDS;

  private static final Capabilities CAPABILITIES =
      new Capabilities(true, 0, MAX_RECORDS_PER_CHANGE, LOCATION_KINDS, false);

  private static final Logger log = LoggerFactory.getLogger(CloudDnsProvider.class);

  /**
   * How long to wait and how often to try.
   *
   * @param pollFirst the first wait before polling a pending change again (then doubled)
   * @param pollMax the longest wait between polls
   * @param changeTimeout how long to poll a change before leaving it to Cloud DNS
   * @param backoffFirst the first wait before retrying a throttled or failed call (then doubled)
   * @param backoffMax the longest such wait, also the cap on a server's Retry-After
   * @param attempts how many times a call is made before giving up (reads, throttled writes, and
   *     re-reads after a rejected or unanswered change, each counted separately)
   */
  record Timing(
      Duration pollFirst,
      Duration pollMax,
      Duration changeTimeout,
      Duration backoffFirst,
      Duration backoffMax,
      int attempts) {

    static Timing defaults(Duration changeTimeout) {
      return new Timing(
          Duration.ofSeconds(1),
          Duration.ofSeconds(10),
          changeTimeout,
          Duration.ofMillis(500),
          Duration.ofSeconds(30),
          4);
    }
  }

  private final CloudDnsApi api;
  private final Timing timing;
  private final Ticker ticker;
  private final CloudDnsCalls calls;
  private final ManagedZones zones;
  private final RrsetReader reader;

  CloudDnsProvider(
      CloudDnsApi api, String project, Optional<String> managedZone, Timing timing, Ticker ticker) {
    this.api = Objects.requireNonNull(api, "api");
    this.timing = Objects.requireNonNull(timing, "timing");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.calls = new CloudDnsCalls(project, timing, ticker);
    this.zones = new ManagedZones(api, project, managedZone, calls);
    this.reader = new RrsetReader(api, zones, calls);
  }

  @Override
  public String type() {
    return CloudDnsProviderFactory.TYPE;
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public void close() {
    if (api instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        log.debug("closing the Cloud DNS client failed", e);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  @Override
  public List<RecordSet> records(Zone zone, Set<RecordKey> keys) throws ProviderException {
    return reader.contents(zone, keys).recordSets();
  }

  @Override
  public ZoneContents contents(Zone zone, Set<RecordKey> keys) throws ProviderException {
    return reader.contents(zone, keys);
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  @Override
  public ApplyResult apply(Zone zone, List<Change> changes) throws ProviderException {
    if (changes.isEmpty()) {
      return new ApplyResult(List.of(), 0);
    }
    Set<RecordKey> seen = new HashSet<>();
    for (Change change : changes) {
      if (!seen.add(change.key())) {
        throw new ProviderException(Kind.INVALID, "more than one change to " + change.key());
      }
      Optional<RecordSet> after =
          switch (change) {
            case Change.Create create -> Optional.of(create.after());
            case Change.Update update -> Optional.of(update.after());
            case Change.Delete delete -> Optional.empty();
          };
      for (Location location : after.map(RecordSet::locations).orElse(Map.of()).keySet()) {
        if (!LOCATION_KINDS.contains(location.kind())) {
          throw new ProviderException(
              Kind.INVALID,
              change.key()
                  + ": Cloud DNS routes by Google Cloud region only (cloudRegion:), not by "
                  + location);
        }
      }
    }
    String zoneName = zones.nameFor(zone);
    List<Change> applied = new ArrayList<>();
    int writeCalls = 0;
    int throttled = 0;
    int rereads = 0;
    List<ChangeBatch> batches = ChangeBatch.plan(changes, reader.listed(zone));
    int index = 0;
    while (index < batches.size()) {
      ChangeBatch batch = batches.get(index);
      if (batch.isEmpty()) {
        done(applied, batch);
        index++;
        continue;
      }
      boolean rejected;
      String failure;
      try {
        writeCalls++;
        com.google.api.services.dns.model.Change created = api.createChange(zoneName, batch.body());
        awaitDone(zoneName, created);
        done(applied, batch);
        index++;
        continue;
      } catch (ApiError e) {
        if (e.isRateLimit()) {
          throttled++;
          if (throttled >= timing.attempts()) {
            throw calls.failure(e, "writing to managed zone " + zoneName, applied, changes);
          }
          calls.pause(calls.retryDelay(e, throttled));
          continue;
        }
        if (e.status() == 409 || e.status() == 412 || e.status() == 404) {
          rejected = true;
        } else if (e.isServerError()) {
          rejected = false;
        } else {
          throw calls.failure(e, "writing to managed zone " + zoneName, applied, changes);
        }
        failure = e.status() + " " + e.reason() + ": " + e.getMessage();
      } catch (IOException e) {
        rejected = false;
        failure = "no answer: " + e.getMessage();
      }
      // The change was rejected, or its outcome is unknown: read what Cloud DNS holds now.
      rereads++;
      List<Change> remaining = remaining(batches, index);
      if (rereads >= timing.attempts()) {
        throw new ProviderException(
            rejected ? Kind.CONFLICT : Kind.TRANSIENT,
            "managed zone "
                + zoneName
                + ": change failed "
                + rereads
                + " times, last with "
                + failure
                + CloudDnsCalls.appliedNote(applied, changes),
            null,
            applied);
      }
      if (!rejected) {
        calls.pause(calls.backoff(rereads));
      }
      log.info(
          "managed zone {}: change {} ({}); reading the records again",
          zoneName,
          rejected ? "rejected" : "outcome unknown",
          failure);
      Rebase rebase = rebase(zone, remaining, rejected);
      applied.addAll(rebase.inEffect());
      if (rebase.conflict().isPresent()) {
        throw new ProviderException(
            Kind.CONFLICT,
            rebase.conflict().get()
                + " (Cloud DNS: "
                + failure
                + ")"
                + CloudDnsCalls.appliedNote(applied, changes),
            null,
            applied);
      }
      batches = ChangeBatch.plan(rebase.toApply(), reader.listed(zone));
      index = 0;
    }
    return new ApplyResult(applied, writeCalls);
  }

  private void done(List<Change> applied, ChangeBatch batch) {
    applied.addAll(batch.changes());
  }

  private static List<Change> remaining(List<ChangeBatch> batches, int from) {
    List<Change> remaining = new ArrayList<>();
    for (ChangeBatch batch : batches.subList(from, batches.size())) {
      remaining.addAll(batch.changes());
    }
    return remaining;
  }

  /** What to do with changes whose write failed, given what Cloud DNS holds now. */
  private record Rebase(List<Change> inEffect, List<Change> toApply, Optional<String> conflict) {}

  /**
   * Re-reads the keys of {@code pending} and sorts them: still as the change expects (retry it),
   * already as the change wants after a write whose outcome was unknown (ours went through), or
   * changed by someone else (a conflict, for the engine to re-plan).
   */
  private Rebase rebase(Zone zone, List<Change> pending, boolean rejected)
      throws ProviderException {
    Set<RecordKey> keys = new HashSet<>();
    pending.forEach(change -> keys.add(change.key()));
    Map<RecordKey, RecordSet> now = new HashMap<>();
    for (RecordSet recordSet : records(zone, keys)) {
      now.put(recordSet.key(), recordSet);
    }
    List<Change> inEffect = new ArrayList<>();
    List<Change> toApply = new ArrayList<>();
    for (Change change : pending) {
      RecordSet current = now.get(change.key());
      Optional<RecordSet> expected =
          switch (change) {
            case Change.Create create -> Optional.empty();
            case Change.Update update -> Optional.of(update.before());
            case Change.Delete delete -> Optional.of(delete.before());
          };
      Optional<RecordSet> wanted =
          switch (change) {
            case Change.Create create -> Optional.of(create.after());
            case Change.Update update -> Optional.of(update.after());
            case Change.Delete delete -> Optional.empty();
          };
      if (WireForm.same(Optional.ofNullable(current), expected)) {
        toApply.add(change);
      } else if (!rejected && WireForm.same(Optional.ofNullable(current), wanted)) {
        inEffect.add(change);
      } else {
        String held = current == null ? "nothing" : current.toString();
        return new Rebase(
            inEffect,
            toApply,
            Optional.of(change.key() + " changed since it was read: Cloud DNS holds " + held));
      }
    }
    return new Rebase(inEffect, toApply, Optional.empty());
  }

  /** Polls a change until Cloud DNS reports it {@code done}, for at most the change timeout. */
  private void awaitDone(String zoneName, com.google.api.services.dns.model.Change change) {
    String id = change.getId();
    String status = change.getStatus();
    long deadline = ticker.nanoTime() + timing.changeTimeout().toNanos();
    Duration wait = timing.pollFirst();
    while (!"done".equals(status) && id != null) {
      if (ticker.nanoTime() + wait.toNanos() > deadline) {
        log.warn(
            "managed zone {}: change {} is still {} after {}; Cloud DNS applies accepted changes"
                + " atomically, so it is left to finish",
            zoneName,
            id,
            status,
            timing.changeTimeout());
        return;
      }
      try {
        calls.pause(wait);
        status = calls.call("reading change " + id, () -> api.change(zoneName, id)).getStatus();
      } catch (ProviderException e) {
        log.warn(
            "managed zone {}: change {} was accepted, but polling it failed: {}",
            zoneName,
            id,
            e.getMessage());
        return;
      }
      wait = CloudDnsCalls.min(wait.multipliedBy(2), timing.pollMax());
    }
  }
}

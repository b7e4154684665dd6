package io.dnsfailover.provider.clouddns;

import com.google.api.services.dns.model.ManagedZone;
import com.google.api.services.dns.model.ResourceRecordSet;
import io.dnsfailover.provider.clouddns.CloudDnsApi.ApiError;
import io.dnsfailover.provider.clouddns.CloudDnsApi.Page;
import io.dnsfailover.spi.ApplyResult;
import io.dnsfailover.spi.Capabilities;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.Location;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.ProviderException.Kind;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Ticker;
import io.dnsfailover.spi.Zone;
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
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Google Cloud DNS through its v1 API ({@link CloudDnsApi}).
 *
 * <p>Reads: the managed zone is looked up once per zone (by DNS name, or the configured {@code
 * managedZone} checked against it). {@link #records} lists the rrsets of the names asked for (one
 * {@code ?name=} query per name for up to {@value #NAME_QUERY_LIMIT} names, otherwise the whole
 * zone), following {@code nextPageToken}, and keeps what it listed so that deletions are sent
 * exactly as Cloud DNS holds them.
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

  /** Up to this many names are read with one query each; more read the whole zone. */
  static final int NAME_QUERY_LIMIT = 10;

  /** Cloud DNS's geo routing policy routes by Google Cloud region, and has no default item. */
  static final Set<Location.Kind> LOCATION_KINDS = Set.of(Location.Kind.CLOUD_REGION);

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
  private final String project;
  private final Optional<String> managedZone;
  private final Timing timing;
  private final Ticker ticker;
  private final ConcurrentMap<DnsName, String> zoneNames = new ConcurrentHashMap<>();
  private final ConcurrentMap<DnsName, Map<RecordKey, ResourceRecordSet>> listed =
      new ConcurrentHashMap<>();

  CloudDnsProvider(
      CloudDnsApi api, String project, Optional<String> managedZone, Timing timing, Ticker ticker) {
    this.api = Objects.requireNonNull(api, "api");
    this.project = Objects.requireNonNull(project, "project");
    this.managedZone = Objects.requireNonNull(managedZone, "managedZone");
    this.timing = Objects.requireNonNull(timing, "timing");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
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
    if (keys.isEmpty()) {
      return List.of();
    }
    Map<RecordKey, ResourceRecordSet> raw = read(zone, keys);
    List<RecordSet> result = new ArrayList<>();
    for (RecordKey key : new TreeSet<>(keys)) {
      ResourceRecordSet rrset = raw.get(key);
      if (rrset != null) {
        result.add(RrsetCodec.fromRrset(rrset, key.type()));
      }
    }
    return List.copyOf(result);
  }

  /** Lists {@code keys}, and remembers what it listed. */
  private Map<RecordKey, ResourceRecordSet> read(Zone zone, Set<RecordKey> wanted)
      throws ProviderException {
    String zoneName = managedZoneFor(zone);
    Set<DnsName> names = new TreeSet<>();
    wanted.forEach(key -> names.add(key.name()));
    Map<RecordKey, ResourceRecordSet> found = new HashMap<>();
    if (names.size() <= NAME_QUERY_LIMIT) {
      for (DnsName name : names) {
        collect(zoneName, Optional.of(name.value()), wanted, found);
      }
    } else {
      collect(zoneName, Optional.empty(), wanted, found);
    }
    listed.compute(
        zone.name(),
        (name, before) -> {
          Map<RecordKey, ResourceRecordSet> merged = new HashMap<>();
          if (before != null) {
            before.forEach((key, rrset) -> merged.put(key, rrset));
          }
          wanted.forEach(merged::remove);
          merged.putAll(found);
          return Map.copyOf(merged);
        });
    return found;
  }

  private void collect(
      String zoneName,
      Optional<String> name,
      Set<RecordKey> wanted,
      Map<RecordKey, ResourceRecordSet> found)
      throws ProviderException {
    Optional<String> pageToken = Optional.empty();
    do {
      Optional<String> token = pageToken;
      Page<ResourceRecordSet> page =
          call(
              "listing record sets of managed zone " + zoneName,
              () -> api.resourceRecordSets(zoneName, name, token));
      for (ResourceRecordSet rrset : page.items()) {
        Optional<RecordType> type = RrsetCodec.type(rrset.getType());
        if (type.isEmpty() || rrset.getName() == null) {
          continue;
        }
        RecordKey key = new RecordKey(DnsName.of(rrset.getName()), type.get());
        if (wanted.contains(key)) {
          found.put(key, rrset);
        }
      }
      pageToken = page.nextPageToken().filter(next -> !next.isEmpty());
    } while (pageToken.isPresent());
  }

  // ---------------------------------------------------------------------------------------------
  // Finding the managed zone

  private String managedZoneFor(Zone zone) throws ProviderException {
    String known = zoneNames.get(zone.name());
    if (known != null) {
      return known;
    }
    String found =
        managedZone.isPresent() ? checkConfigured(zone, managedZone.get()) : lookUp(zone);
    zoneNames.put(zone.name(), found);
    return found;
  }

  private String checkConfigured(Zone zone, String name) throws ProviderException {
    ManagedZone found = call("reading managed zone " + name, () -> api.managedZone(name));
    if (found.getDnsName() == null || !DnsName.of(found.getDnsName()).equals(zone.name())) {
      throw new ProviderException(
          Kind.INVALID,
          "managedZone "
              + name
              + " in project "
              + project
              + " serves "
              + found.getDnsName()
              + ", not "
              + zone.name()
              + ": set managedZone to the zone that serves "
              + zone.name()
              + " or leave it out to find it by name");
    }
    return name;
  }

  private String lookUp(Zone zone) throws ProviderException {
    List<ManagedZone> matches = new ArrayList<>();
    Optional<String> pageToken = Optional.empty();
    do {
      Optional<String> token = pageToken;
      Page<ManagedZone> page =
          call(
              "looking up the managed zone for " + zone.name(),
              () -> api.managedZones(zone.name().value(), token));
      for (ManagedZone candidate : page.items()) {
        if (candidate.getDnsName() != null
            && DnsName.of(candidate.getDnsName()).equals(zone.name())) {
          matches.add(candidate);
        }
      }
      pageToken = page.nextPageToken().filter(next -> !next.isEmpty());
    } while (pageToken.isPresent());
    if (matches.isEmpty()) {
      throw new ProviderException(
          Kind.NOT_FOUND,
          "no managed zone in project "
              + project
              + " serves "
              + zone.name()
              + ": create one, or set managedZone");
    }
    if (matches.size() > 1) {
      List<String> described =
          matches.stream()
              .map(
                  match ->
                      match.getName()
                          + " ("
                          + Objects.requireNonNullElse(match.getVisibility(), "public")
                          + ")")
              .toList();
      throw new ProviderException(
          Kind.INVALID,
          matches.size()
              + " managed zones in project "
              + project
              + " serve "
              + zone.name()
              + " ("
              + String.join(", ", described)
              + "): set managedZone to the one to write");
    }
    return matches.getFirst().getName();
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
    String zoneName = managedZoneFor(zone);
    List<Change> applied = new ArrayList<>();
    int writeCalls = 0;
    int throttled = 0;
    int rereads = 0;
    List<ChangeBatch> batches = ChangeBatch.plan(changes, listedFor(zone));
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
            throw failure(e, "writing to managed zone " + zoneName, applied, changes);
          }
          pause(retryDelay(e, throttled));
          continue;
        }
        if (e.status() == 409 || e.status() == 412 || e.status() == 404) {
          rejected = true;
        } else if (e.isServerError()) {
          rejected = false;
        } else {
          throw failure(e, "writing to managed zone " + zoneName, applied, changes);
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
                + appliedNote(applied, changes),
            null,
            applied);
      }
      if (!rejected) {
        pause(backoff(rereads));
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
                + appliedNote(applied, changes),
            null,
            applied);
      }
      batches = ChangeBatch.plan(rebase.toApply(), listedFor(zone));
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
        pause(wait);
        status = call("reading change " + id, () -> api.change(zoneName, id)).getStatus();
      } catch (ProviderException e) {
        log.warn(
            "managed zone {}: change {} was accepted, but polling it failed: {}",
            zoneName,
            id,
            e.getMessage());
        return;
      }
      wait = min(wait.multipliedBy(2), timing.pollMax());
    }
  }

  private Map<RecordKey, ResourceRecordSet> listedFor(Zone zone) {
    return listed.getOrDefault(zone.name(), Map.of());
  }

  // ---------------------------------------------------------------------------------------------
  // Calls, retries and errors

  /** One call of the API. */
  @FunctionalInterface
  private interface Call<T> {
    T run() throws ApiError, IOException;
  }

  /** Makes an idempotent call, retrying throttling, 5xx and lost connections with backoff. */
  private <T> T call(String what, Call<T> call) throws ProviderException {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.run();
      } catch (ApiError e) {
        if (!(e.isRateLimit() || e.isServerError()) || attempt >= timing.attempts()) {
          throw failure(e, what, List.of(), List.of());
        }
        pause(retryDelay(e, attempt));
      } catch (IOException e) {
        if (attempt >= timing.attempts()) {
          throw new ProviderException(
              Kind.TRANSIENT, what + ": Cloud DNS did not answer: " + e.getMessage(), e);
        }
        pause(backoff(attempt));
      }
    }
  }

  private ProviderException failure(
      ApiError e, String what, List<Change> applied, List<Change> changes) {
    Kind kind;
    if (e.isRateLimit() || e.isServerError()) {
      kind = Kind.TRANSIENT;
    } else {
      kind =
          switch (e.status()) {
            case 401, 403 -> Kind.AUTH;
            case 404 -> Kind.NOT_FOUND;
            case 409, 412 -> Kind.CONFLICT;
            default -> Kind.INVALID;
          };
    }
    String hint =
        switch (kind) {
          case AUTH ->
              " (check the Application Default Credentials and that they hold roles/dns.admin,"
                  + " or a role with the permissions in the README, on project "
                  + project
                  + ")";
          case NOT_FOUND -> " (check project " + project + " and the managed zone)";
          case TRANSIENT, CONFLICT, INVALID -> "";
        };
    return new ProviderException(
        kind,
        what
            + ": Cloud DNS answered "
            + e.status()
            + " "
            + e.reason()
            + ": "
            + e.getMessage()
            + hint
            + appliedNote(applied, changes),
        e,
        applied);
  }

  private static String appliedNote(List<Change> applied, List<Change> changes) {
    if (applied.isEmpty()) {
      return "";
    }
    return "; " + applied.size() + " of " + changes.size() + " changes were applied before this";
  }

  private Duration retryDelay(ApiError e, int attempt) {
    return e.retryAfterSeconds()
        .map(seconds -> min(Duration.ofSeconds(Math.max(0, seconds)), timing.backoffMax()))
        .orElseGet(() -> backoff(attempt));
  }

  private Duration backoff(int attempt) {
    Duration delay = timing.backoffFirst().multipliedBy(1L << Math.min(attempt - 1, 16));
    return min(delay, timing.backoffMax());
  }

  private void pause(Duration duration) throws ProviderException {
    try {
      ticker.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(Kind.TRANSIENT, "interrupted while waiting for Cloud DNS", e);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}

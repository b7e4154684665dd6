package io.dnsfailover.provider.route53;

import io.dnsfailover.provider.route53.Route53Listings.Listed;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.route53.model.ChangeBatch;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.GetChangeRequest;

/**
 * Publishes records in an Amazon Route 53 hosted zone.
 *
 * <p>Reading ({@link Route53Listings}): the zone's record sets are listed once per call of {@link
 * #contents}, 300 a page, following {@code NextRecordName/Type/Identifier}; only the keys asked for
 * are kept, and the unmanaged types at their names. What was listed is remembered per zone until
 * the next read, so that {@link #apply} can DELETE a record set exactly as Route 53 holds it (TXT
 * chunking, alias targets and routing fields included); a {@code before} that differs from the last
 * listing is sent as {@link RecordSetCodec} encodes it, and Route 53 then rejects it if it is
 * stale.
 *
 * <p>Writing: every change of one {@link #apply} goes into one {@code ChangeResourceRecordSets}
 * batch (atomic in Route 53), split only past Route 53's limits, and holding only the sets that
 * change ({@link ChangeBatches#unit}): a create is CREATE, a delete is DELETE of {@code before} as
 * listed, an update UPSERTs the sets that change or come back and DELETEs, as listed, the ones that
 * leave; an unchanged weighted member is not sent. CREATE and DELETE are checked by Route 53
 * against what it holds; UPSERT is not, so before a batch that holds an UPSERT the zone is listed
 * again and compared with what the changes were planned from: a record someone else changed since
 * the read is reported as CONFLICT (the engine reads and plans again) and nothing is written. What
 * is left open is the time between that listing and the batch, one request. Writes to one zone are
 * serialised in the process.
 *
 * <p>Errors ({@link BatchFailures}): Route 53's {@code InvalidChangeBatch} messages are reported
 * verbatim, each with the change it concerns. The zone is then listed again: only when it no longer
 * holds what the batch was planned from is the failure a CONFLICT ("a concurrent change");
 * otherwise it is INVALID, and the engine applies the zone's changes record by record so the others
 * still land.
 *
 * <p>The hosted zone is found once per zone ({@link HostedZones}); changes Route 53 would refuse
 * are refused before any request ({@link ChangeChecks}).
 *
 * <p>Every request passes the account's shared {@link RateLimiter} and {@link Route53Calls}'
 * bounded retries. With {@code waitForSync} each batch is followed by {@code GetChange} polls every
 * {@link #SYNC_POLL_INTERVAL} until INSYNC or {@code syncTimeout}, which only logs a warning: the
 * change is committed either way.
 */
public final class Route53Provider implements DnsProvider {

  static final String TYPE = "route53";
  static final int PAGE_SIZE = 300;
  static final int ZONES_PAGE_SIZE = 100;
  static final Duration SYNC_POLL_INTERVAL = Duration.ofSeconds(5);
  static final int MAX_SET_IDENTIFIER_LENGTH = 128;
  static final int MAX_VALUE_LENGTH = 4000;
  static final String COMMENT = "dnsfailover";

  /** Declared by the factory, which {@code validate} loads without this class and its SDK. */
  static final Set<Location.Kind> LOCATION_KINDS = Route53ProviderFactory.LOCATION_KINDS;

  private static final Capabilities CAPABILITIES = new Capabilities(true, 0, 0, LOCATION_KINDS);
  private static final Logger log = LoggerFactory.getLogger(Route53Provider.class);
  private static final ConcurrentMap<String, ReentrantLock> ZONE_WRITE_LOCKS =
      new ConcurrentHashMap<>();

  private final Route53Settings settings;
  private final Route53Api api;
  private final Route53Calls calls;
  private final HostedZones hostedZones;
  private final Route53Listings listings;

  Route53Provider(Route53Settings settings, Route53Api api, Route53Calls calls) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.api = Objects.requireNonNull(api, "api");
    this.calls = Objects.requireNonNull(calls, "calls");
    this.hostedZones = new HostedZones(settings, api, calls);
    this.listings = new Route53Listings(settings, api, calls);
  }

  Route53Settings settings() {
    return settings;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public List<RecordSet> records(Zone zone, Set<RecordKey> keys) throws ProviderException {
    return contents(zone, keys).recordSets();
  }

  /** One listing of the zone: the keys asked for, and the other types at their names. */
  @Override
  public ZoneContents contents(Zone zone, Set<RecordKey> keys) throws ProviderException {
    if (keys.isEmpty()) {
      return ZoneContents.of(List.of());
    }
    return listings.contents(zone, zoneId(zone), keys);
  }

  /** The bare id of the hosted zone that holds {@code zone}, looked up once by name if need be. */
  String zoneId(Zone zone) throws ProviderException {
    return hostedZones.zoneId(zone);
  }

  @Override
  public ApplyResult apply(Zone zone, List<Change> changes) throws ProviderException {
    if (changes.isEmpty()) {
      return new ApplyResult(List.of(), 0);
    }
    ChangeChecks.validate(zone, changes);
    String zoneId = zoneId(zone);
    ReentrantLock lock =
        ZONE_WRITE_LOCKS.computeIfAbsent(
            settings.limiterKey() + "/" + zoneId, unused -> new ReentrantLock());
    try {
      lock.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(Kind.TRANSIENT, "waiting to write " + zone.name(), e);
    }
    try {
      return applyLocked(zone, zoneId, changes);
    } finally {
      lock.unlock();
    }
  }

  private ApplyResult applyLocked(Zone zone, String zoneId, List<Change> changes)
      throws ProviderException {
    Map<RecordKey, Listed> listed = listings.last(zoneId);
    List<ChangeBatches.Unit> units = new ArrayList<>();
    List<Change> alreadySo = new ArrayList<>();
    for (Change change : changes) {
      ChangeBatches.Unit unit =
          switch (change) {
            case Change.Create create ->
                ChangeBatches.unit(change, List.of(), RecordSetCodec.toRoute53(create.after()));
            case Change.Update update ->
                ChangeBatches.unit(
                    change,
                    Route53Listings.asListed(update.before(), listed),
                    RecordSetCodec.toRoute53(update.after()));
            case Change.Delete delete ->
                ChangeBatches.unit(
                    change, Route53Listings.asListed(delete.before(), listed), List.of());
          };
      if (unit.isEmpty()) {
        alreadySo.add(change); // every set it touches already is as wanted: nothing to send
      } else {
        units.add(unit);
      }
    }
    AtomicInteger requests = new AtomicInteger();
    String what = "ChangeResourceRecordSets " + HostedZones.describe(zone, zoneId);
    if (units.stream().anyMatch(ChangeBatches.Unit::overwrites)) {
      // UPSERT replaces a set whatever it holds: check that the zone still holds what was read.
      AtomicInteger reads = new AtomicInteger();
      List<String> moved =
          moved(zone, zoneId, units.stream().map(ChangeBatches.Unit::change).toList(), reads);
      log.debug("{}: read the zone again before an UPSERT ({} page(s))", what, reads.get());
      if (!moved.isEmpty()) {
        throw new ProviderException(
            Kind.CONFLICT,
            what
                + ": nothing was applied: a concurrent change: the zone no longer holds what was"
                + " read: "
                + String.join("; ", moved));
      }
    }
    List<List<ChangeBatches.Unit>> batches = ChangeBatches.split(units);
    List<Change> applied = new ArrayList<>();
    for (int i = 0; i < batches.size(); i++) {
      List<ChangeBatches.Unit> batch = batches.get(i);
      ChangeBatch changeBatch =
          ChangeBatch.builder().comment(COMMENT).changes(ChangeBatches.ordered(batch)).build();
      List<Change> inBatch = batch.stream().map(ChangeBatches.Unit::change).toList();
      ChangeInfo info;
      try {
        info =
            calls
                .call(
                    what,
                    () ->
                        api.changeResourceRecordSets(
                            ChangeResourceRecordSetsRequest.builder()
                                .hostedZoneId(zoneId)
                                .changeBatch(changeBatch)
                                .build()),
                    requests,
                    (call, failure, attempts) ->
                        BatchFailures.batchFailure(call, failure, attempts, inBatch))
                .changeInfo();
      } catch (ProviderException failure) {
        ProviderException reported =
            BatchFailures.isInvalidChangeBatch(failure)
                ? explained(zone, zoneId, failure, inBatch)
                : failure;
        listings.forget(zoneId, applied);
        throw applied.isEmpty()
            ? reported
            : BatchFailures.partial(reported, applied, changes.size());
      }
      applied.addAll(inBatch);
      log.debug(
          "{}: batch {} of {} accepted as change {}",
          what,
          i + 1,
          batches.size(),
          info == null ? "?" : info.id());
      if (settings.waitForSync() && info != null) {
        waitForSync(zone, info, requests);
      }
    }
    applied.addAll(alreadySo);
    listings.forget(zoneId, applied);
    return new ApplyResult(applied, requests.get());
  }

  /**
   * What Route 53 holds now at the keys of {@code changes}, where that is not what the changes were
   * planned from ({@code before}, or nothing for a create): one line per such key.
   */
  private List<String> moved(Zone zone, String zoneId, List<Change> changes, AtomicInteger requests)
      throws ProviderException {
    Set<RecordKey> keys = changes.stream().map(Change::key).collect(Collectors.toSet());
    Map<RecordKey, Listed> now = listings.list(zone, zoneId, keys, requests).byKey();
    List<String> moved = new ArrayList<>();
    for (Change change : changes) {
      Optional<RecordSet> expected =
          switch (change) {
            case Change.Create unused -> Optional.empty();
            case Change.Update update -> Optional.of(update.before());
            case Change.Delete delete -> Optional.of(delete.before());
          };
      Optional<RecordSet> held = Optional.ofNullable(now.get(change.key())).map(Listed::recordSet);
      if (!held.equals(expected)) {
        moved.add(
            change.key()
                + " now holds "
                + BatchFailures.answer(held)
                + ", the change was planned from "
                + BatchFailures.answer(expected));
      }
    }
    return moved;
  }

  /**
   * Route 53 refused the batch: a concurrent change when the zone, read again, no longer holds what
   * the batch was planned from (CONFLICT: the engine reads and plans again); otherwise Route 53's
   * own reason (INVALID: the engine applies the zone's changes record by record).
   */
  private ProviderException explained(
      Zone zone, String zoneId, ProviderException failure, List<Change> batch) {
    List<String> moved;
    try {
      moved = moved(zone, zoneId, batch, new AtomicInteger());
    } catch (ProviderException reread) {
      return new ProviderException(
          Kind.INVALID,
          failure.getMessage()
              + " (reading the zone again to look for a concurrent change failed: "
              + reread.getMessage()
              + ")",
          failure.getCause());
    }
    if (moved.isEmpty()) {
      return failure;
    }
    return new ProviderException(
        Kind.CONFLICT,
        failure.getMessage()
            + "; a concurrent change: the zone no longer holds what was read: "
            + String.join("; ", moved),
        failure.getCause());
  }

  private void waitForSync(Zone zone, ChangeInfo info, AtomicInteger requests)
      throws ProviderException {
    String changeId = RecordSetCodec.bareChangeId(info.id());
    String what = "GetChange " + changeId + " for " + zone.name();
    ChangeStatus status = info.status();
    Ticker ticker = calls.ticker();
    long deadline = ticker.nanoTime() + settings.syncTimeout().toNanos();
    while (status != ChangeStatus.INSYNC) {
      if (ticker.nanoTime() + SYNC_POLL_INTERVAL.toNanos() - deadline > 0) {
        log.warn(
            "{}: still {} after {}; the change is committed and Route 53 usually propagates it"
                + " within 60 s",
            what,
            status,
            settings.syncTimeout());
        return;
      }
      calls.sleep(what, SYNC_POLL_INTERVAL);
      status =
          calls
              .call(
                  what,
                  () -> api.getChange(GetChangeRequest.builder().id(changeId).build()),
                  requests)
              .changeInfo()
              .status();
    }
    log.debug("{}: INSYNC", what);
  }

  @Override
  public void close() {
    api.close();
  }
}

package io.dnsfailover.provider.route53;

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
import io.dnsfailover.spi.WeightedValue;
import io.dnsfailover.spi.Zone;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.model.ChangeBatch;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.GetChangeRequest;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameRequest;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameResponse;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Publishes records in an Amazon Route 53 hosted zone.
 *
 * <p>Reading: the zone's record sets are listed once per call of {@link #records}, 300 a page,
 * following {@code NextRecordName/Type/Identifier}; only the keys asked for are kept. What was
 * listed is remembered per zone until the next read, so that {@link #apply} can DELETE a record set
 * exactly as Route 53 holds it (TXT chunking, alias targets and routing fields included); a {@code
 * before} that differs from the last listing is sent as {@link RecordSetCodec} encodes it, and
 * Route 53 then rejects it if it is stale.
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
 * <p>Errors: Route 53's {@code InvalidChangeBatch} messages are reported verbatim, each with the
 * change it concerns. The zone is then listed again: only when it no longer holds what the batch
 * was planned from is the failure a CONFLICT ("a concurrent change"); otherwise it is INVALID, and
 * the engine applies the zone's changes record by record so the others still land.
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

  /** The locations geolocation record sets name: no cloud regions (those are Cloud DNS's). */
  static final Set<Location.Kind> LOCATION_KINDS =
      Set.of(
          Location.Kind.CONTINENT,
          Location.Kind.COUNTRY,
          Location.Kind.SUBDIVISION,
          Location.Kind.DEFAULT);

  private static final Capabilities CAPABILITIES = new Capabilities(true, 0, 0, LOCATION_KINDS);
  private static final Logger log = LoggerFactory.getLogger(Route53Provider.class);
  private static final ConcurrentMap<String, ReentrantLock> ZONE_WRITE_LOCKS =
      new ConcurrentHashMap<>();
  private static final Pattern MENTIONED_RECORD =
      Pattern.compile("name='([^']*)',\\s*type='([^']*)'");

  private final Route53Settings settings;
  private final Route53Api api;
  private final Route53Calls calls;
  private final ConcurrentMap<DnsName, String> zoneIds = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Map<RecordKey, Listed>> listings = new ConcurrentHashMap<>();

  /** What one read found at one key: the folded record set and the sets Route 53 listed. */
  private record Listed(RecordSet recordSet, List<ResourceRecordSet> sets) {}

  Route53Provider(Route53Settings settings, Route53Api api, Route53Calls calls) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.api = Objects.requireNonNull(api, "api");
    this.calls = Objects.requireNonNull(calls, "calls");
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
    if (keys.isEmpty()) {
      return List.of();
    }
    String zoneId = zoneId(zone);
    AtomicInteger requests = new AtomicInteger();
    Map<RecordKey, Listed> listing = list(zone, zoneId, keys, requests);
    listings.put(zoneId, listing);
    log.debug(
        "ListResourceRecordSets {}: {} page(s), {} managed record set(s)",
        describe(zone, zoneId),
        requests.get(),
        listing.size());
    return listing.values().stream().map(Listed::recordSet).toList();
  }

  /** Every page of the zone's record sets; what lies at {@code keys}, folded and as listed. */
  private Map<RecordKey, Listed> list(
      Zone zone, String zoneId, Set<RecordKey> keys, AtomicInteger requests)
      throws ProviderException {
    Map<RecordKey, List<ResourceRecordSet>> found = new LinkedHashMap<>();
    ListResourceRecordSetsRequest request =
        ListResourceRecordSetsRequest.builder()
            .hostedZoneId(zoneId)
            .maxItems(String.valueOf(PAGE_SIZE))
            .build();
    String what = "ListResourceRecordSets " + describe(zone, zoneId);
    Set<String> seenStarts = new HashSet<>();
    while (true) {
      ListResourceRecordSetsRequest page = request;
      ListResourceRecordSetsResponse response =
          calls.call(what, () -> api.listResourceRecordSets(page), requests);
      for (ResourceRecordSet set : response.resourceRecordSets()) {
        collect(zone, zoneId, set, keys, found);
      }
      if (!Boolean.TRUE.equals(response.isTruncated())) {
        break;
      }
      String start =
          response.nextRecordName()
              + "|"
              + response.nextRecordTypeAsString()
              + "|"
              + response.nextRecordIdentifier();
      if (response.nextRecordName() == null || !seenStarts.add(start)) {
        throw new ProviderException(
            Kind.TRANSIENT, what + ": Route 53 returned a page that leads nowhere (" + start + ")");
      }
      request =
          request.toBuilder()
              .startRecordName(response.nextRecordName())
              .startRecordType(response.nextRecordType())
              .startRecordIdentifier(response.nextRecordIdentifier())
              .build();
    }
    Map<RecordKey, Listed> listing = new LinkedHashMap<>();
    for (Map.Entry<RecordKey, List<ResourceRecordSet>> entry : found.entrySet()) {
      RecordSet folded = RecordSetCodec.fromRoute53(entry.getKey(), entry.getValue());
      listing.put(entry.getKey(), new Listed(folded, List.copyOf(entry.getValue())));
    }
    return Collections.unmodifiableMap(listing);
  }

  private void collect(
      Zone zone,
      String zoneId,
      ResourceRecordSet set,
      Set<RecordKey> keys,
      Map<RecordKey, List<ResourceRecordSet>> found)
      throws ProviderException {
    DnsName name = RecordSetCodec.name(set.name());
    if (set.type() == RRType.SOA
        && settings.hostedZoneId().isPresent()
        && !name.equals(zone.name())) {
      throw new ProviderException(
          Kind.INVALID,
          "hostedZoneId "
              + zoneId
              + " is the hosted zone of "
              + name
              + ", not of "
              + zone.name()
              + ": fix hostedZoneId, or give each zone its own provider entry");
    }
    Optional<RecordType> type = RecordSetCodec.type(set.type());
    if (type.isEmpty()) {
      return;
    }
    RecordKey key = new RecordKey(name, type.get());
    if (keys.contains(key)) {
      found.computeIfAbsent(key, unused -> new ArrayList<>()).add(set);
    }
  }

  @Override
  public ApplyResult apply(Zone zone, List<Change> changes) throws ProviderException {
    if (changes.isEmpty()) {
      return new ApplyResult(List.of(), 0);
    }
    validate(zone, changes);
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
    Map<RecordKey, Listed> listed = listings.getOrDefault(zoneId, Map.of());
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
                    asListed(update.before(), listed),
                    RecordSetCodec.toRoute53(update.after()));
            case Change.Delete delete ->
                ChangeBatches.unit(change, asListed(delete.before(), listed), List.of());
          };
      if (unit.isEmpty()) {
        alreadySo.add(change); // every set it touches already is as wanted: nothing to send
      } else {
        units.add(unit);
      }
    }
    AtomicInteger requests = new AtomicInteger();
    String what = "ChangeResourceRecordSets " + describe(zone, zoneId);
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
                    (call, failure, attempts) -> batchFailure(call, failure, attempts, inBatch))
                .changeInfo();
      } catch (ProviderException failure) {
        ProviderException reported =
            isInvalidChangeBatch(failure) ? explained(zone, zoneId, failure, inBatch) : failure;
        forget(zoneId, applied);
        throw applied.isEmpty() ? reported : partial(reported, applied, changes.size());
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
    forget(zoneId, applied);
    return new ApplyResult(applied, requests.get());
  }

  /**
   * What Route 53 holds now at the keys of {@code changes}, where that is not what the changes were
   * planned from ({@code before}, or nothing for a create): one line per such key.
   */
  private List<String> moved(Zone zone, String zoneId, List<Change> changes, AtomicInteger requests)
      throws ProviderException {
    Set<RecordKey> keys = changes.stream().map(Change::key).collect(Collectors.toSet());
    Map<RecordKey, Listed> now = list(zone, zoneId, keys, requests);
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
                + answer(held)
                + ", the change was planned from "
                + answer(expected));
      }
    }
    return moved;
  }

  /**
   * "192.0.2.10,192.0.2.20 ttl 20", weights in parentheses, each location's values, or "nothing".
   */
  private static String answer(Optional<RecordSet> recordSet) {
    if (recordSet.isEmpty()) {
      return "nothing";
    }
    RecordSet set = recordSet.get();
    String values;
    if (set.isWeighted()) {
      values =
          set.weights().stream()
              .map(
                  member ->
                      member.id() + "=" + member.value() + " (weight " + member.weight() + ")")
              .collect(Collectors.joining(","));
    } else if (set.isGeo()) {
      values =
          set.locations().entrySet().stream()
              .map(located -> located.getKey() + "=" + String.join(",", located.getValue()))
              .collect(Collectors.joining("; "));
    } else {
      values = String.join(",", set.values());
    }
    return values + " ttl " + set.ttl();
  }

  private static boolean isInvalidChangeBatch(ProviderException failure) {
    return failure.kind() == Kind.INVALID
        && failure.getCause() instanceof SdkException sdk
        && Route53Errors.invalidChangeBatchMessages(sdk).isPresent();
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

  /** The sets to DELETE for {@code before}: as listed when it is what the last read returned. */
  private static List<ResourceRecordSet> asListed(RecordSet before, Map<RecordKey, Listed> listed) {
    Listed last = listed.get(before.key());
    if (last != null && last.recordSet().equals(before)) {
      return last.sets();
    }
    return RecordSetCodec.toRoute53(before);
  }

  private void forget(String zoneId, List<Change> applied) {
    if (applied.isEmpty()) {
      return;
    }
    Set<RecordKey> changed = applied.stream().map(Change::key).collect(Collectors.toSet());
    listings.computeIfPresent(
        zoneId,
        (id, listing) -> {
          Map<RecordKey, Listed> kept = new LinkedHashMap<>(listing);
          kept.keySet().removeAll(changed);
          return Map.copyOf(kept);
        });
  }

  private void validate(Zone zone, List<Change> changes) throws ProviderException {
    Set<RecordKey> seen = new HashSet<>();
    for (Change change : changes) {
      RecordKey key = change.key();
      if (!seen.add(key)) {
        throw new ProviderException(Kind.INVALID, "more than one change to " + key);
      }
      if (!key.name().isIn(zone.name())) {
        throw new ProviderException(Kind.INVALID, key + " is not in zone " + zone.name());
      }
      Optional<RecordSet> after =
          switch (change) {
            case Change.Create create -> Optional.of(create.after());
            case Change.Update update -> Optional.of(update.after());
            case Change.Delete unused -> Optional.empty();
          };
      if (after.isPresent()) {
        checkPublishable(after.get());
      }
    }
  }

  private static void checkPublishable(RecordSet recordSet) throws ProviderException {
    RecordKey key = recordSet.key();
    if (recordSet.values().isEmpty()) {
      throw new ProviderException(Kind.INVALID, key + ": Route 53 cannot hold an empty record set");
    }
    for (Location location : recordSet.locations().keySet()) {
      if (!LOCATION_KINDS.contains(location.kind())) {
        throw new ProviderException(
            Kind.INVALID,
            key
                + ": Route 53 cannot answer by "
                + location
                + " (it answers by "
                + Location.describe(LOCATION_KINDS)
                + ")");
      }
    }
    for (WeightedValue member : recordSet.weights()) {
      if (member.id().isEmpty() || member.id().length() > MAX_SET_IDENTIFIER_LENGTH) {
        throw new ProviderException(
            Kind.INVALID,
            key
                + ": endpoint id '"
                + member.id()
                + "' cannot be a Route 53 SetIdentifier (1 to "
                + MAX_SET_IDENTIFIER_LENGTH
                + " characters)");
      }
    }
    for (String value : recordSet.values()) {
      String encoded = RecordSetCodec.encodeValue(recordSet.type(), value);
      if (encoded.length() > MAX_VALUE_LENGTH) {
        throw new ProviderException(
            Kind.INVALID,
            key
                + ": a value of "
                + encoded.length()
                + " characters as Route 53 writes it is longer than its limit of "
                + MAX_VALUE_LENGTH);
      }
    }
  }

  /** InvalidChangeBatch: Route 53's messages verbatim, each with the record it concerns. */
  private static ProviderException batchFailure(
      String what, SdkException failure, int attempts, List<Change> batch) {
    Optional<List<String>> invalid = Route53Errors.invalidChangeBatchMessages(failure);
    if (invalid.isEmpty()) {
      return Route53Errors.toProviderException(what, failure, attempts);
    }
    List<String> lines = new ArrayList<>();
    for (String message : invalid.get()) {
      lines.add(concerning(message, batch) + message);
    }
    String text =
        what
            + ": Route 53 rejected the change batch (InvalidChangeBatch), nothing was applied: "
            + String.join("; ", lines);
    return new ProviderException(Kind.INVALID, Route53Errors.redact(text), failure);
  }

  /** "app.example.com. A (primary down): " for the change a message names, or the whole batch. */
  private static String concerning(String message, List<Change> batch) {
    Matcher mentioned = MENTIONED_RECORD.matcher(message);
    if (mentioned.find()) {
      DnsName name = RecordSetCodec.name(mentioned.group(1));
      String type = mentioned.group(2);
      for (Change change : batch) {
        if (change.key().name().equals(name) && change.key().type().name().equals(type)) {
          return describe(change) + ": ";
        }
      }
    }
    for (Change change : batch) {
      if (message.contains(change.key().name().value())) {
        return describe(change) + ": ";
      }
    }
    if (batch.size() == 1) {
      return describe(batch.getFirst()) + ": ";
    }
    return "batch of "
        + batch.stream().map(change -> change.key().toString()).collect(Collectors.joining(", "))
        + ": ";
  }

  private static String describe(Change change) {
    String verb =
        switch (change) {
          case Change.Create unused -> "create";
          case Change.Update unused -> "update";
          case Change.Delete unused -> "delete";
        };
    return verb + " " + change.key() + " (" + change.reason() + ")";
  }

  private static ProviderException partial(
      ProviderException failure, List<Change> applied, int total) {
    String done = applied.stream().map(Route53Provider::describe).collect(Collectors.joining(", "));
    return new ProviderException(
        failure.kind(),
        failure.getMessage()
            + " [the changes did not fit one Route 53 request; "
            + applied.size()
            + " of "
            + total
            + " were applied in earlier requests: "
            + done
            + "]",
        failure,
        applied);
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

  /** The bare id of the hosted zone that holds {@code zone}, looked up once by name if need be. */
  String zoneId(Zone zone) throws ProviderException {
    if (settings.hostedZoneId().isPresent()) {
      return settings.hostedZoneId().get();
    }
    String known = zoneIds.get(zone.name());
    if (known != null) {
      return known;
    }
    String found = lookUp(zone.name());
    zoneIds.put(zone.name(), found);
    return found;
  }

  private String lookUp(DnsName name) throws ProviderException {
    String what = "ListHostedZonesByName " + name;
    List<HostedZone> named = new ArrayList<>();
    AtomicInteger requests = new AtomicInteger();
    String startName = name.value();
    String startId = null;
    while (true) {
      String pageName = startName;
      String pageId = startId;
      ListHostedZonesByNameResponse response =
          calls.call(
              what,
              () ->
                  api.listHostedZonesByName(
                      ListHostedZonesByNameRequest.builder()
                          .dnsName(pageName)
                          .hostedZoneId(pageId)
                          .maxItems(String.valueOf(ZONES_PAGE_SIZE))
                          .build()),
              requests);
      boolean pastName = false;
      for (HostedZone zone : response.hostedZones()) {
        if (RecordSetCodec.name(zone.name()).equals(name)) {
          named.add(zone);
        } else {
          pastName = true;
        }
      }
      // Zones come sorted by name starting at ours: once another name shows, ours are all seen.
      if (pastName
          || !Boolean.TRUE.equals(response.isTruncated())
          || response.nextDNSName() == null
          || !RecordSetCodec.name(response.nextDNSName()).equals(name)) {
        break;
      }
      startName = response.nextDNSName();
      startId = response.nextHostedZoneId();
    }
    List<HostedZone> chosen =
        named.stream()
            .filter(
                zone ->
                    settings.privateZone().map(wanted -> wanted == isPrivate(zone)).orElse(true))
            .toList();
    if (chosen.size() == 1) {
      String id = RecordSetCodec.bareZoneId(chosen.getFirst().id());
      log.info("zone {}: hosted zone {} ({})", name, id, visibility(chosen.getFirst()));
      return id;
    }
    String listing =
        named.stream()
            .map(zone -> RecordSetCodec.bareZoneId(zone.id()) + " (" + visibility(zone) + ")")
            .collect(Collectors.joining(", "));
    if (chosen.isEmpty()) {
      String wanted = settings.privateZone().map(p -> p ? "private " : "public ").orElse("");
      throw new ProviderException(
          Kind.NOT_FOUND,
          "no "
              + wanted
              + "hosted zone named "
              + name
              + " is visible to these credentials"
              + (named.isEmpty()
                  ? ""
                  : "; there is " + listing + ": set private accordingly, or hostedZoneId")
              + (named.isEmpty() ? ": create it, or set hostedZoneId" : ""));
    }
    throw new ProviderException(
        Kind.INVALID,
        chosen.size()
            + " hosted zones are named "
            + name
            + ": "
            + listing
            + "; set private: true or false, or hostedZoneId, to choose one");
  }

  private static boolean isPrivate(HostedZone zone) {
    return zone.config() != null && Boolean.TRUE.equals(zone.config().privateZone());
  }

  private static String visibility(HostedZone zone) {
    return isPrivate(zone) ? "private" : "public";
  }

  private static String describe(Zone zone, String zoneId) {
    return zone.name() + " (hosted zone " + zoneId + ")";
  }

  @Override
  public void close() {
    api.close();
  }
}

package io.dnsfailover.provider.azure;

import io.dnsfailover.provider.azure.AzureRecordSets.PreconditionFailedException;
import io.dnsfailover.spi.ApplyResult;
import io.dnsfailover.spi.Capabilities;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.spi.ZoneContents;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Keeps records in Azure DNS, one record set per request.
 *
 * <p><b>Reads.</b> {@link #contents} lists the zone's record sets page by page ({@code nextLink})
 * and keeps the ones whose name and type were asked for. It remembers, per zone, name and type, the
 * record set and its ETag as listed, and that a key asked for was absent.
 *
 * <p><b>Writes.</b> Azure has no multi-record-set transaction: each change is its own PUT (the
 * whole record set, replaced atomically) or DELETE. Before the first write, {@link #apply} refuses
 * as INVALID a change Azure cannot hold (a CNAME record set has exactly one target), and checks
 * every change against what was listed (an update's or delete's {@code before} must equal it, a
 * create must find nothing) and reports CONFLICT without writing when one does not. It then writes
 * in the order given, with optimistic concurrency: {@code If-Match} with the ETag that was listed
 * for updates and deletes, {@code If-None-Match: *} for creates. A 412 means the record set moved:
 * it is read again; if it already holds what the change wanted, the change is done; if only its
 * ETag moved (same content as planned), the write is retried with the new ETag, at most {@value
 * #MAX_ATTEMPTS} times; otherwise CONFLICT (the engine then reads and plans the zone again). When a
 * write fails after others succeeded, the exception's message lists which changes were applied and
 * which were not, and {@link ProviderException#applied()} names the applied ones.
 *
 * <p>A TTL below {@link Capabilities#minTtl()} (1) is refused as INVALID before the first write too
 * (the planner raises a lower one, so only a direct call meets this).
 *
 * <p>Why remember the listed ETag rather than read each record set again just before writing: the
 * normal reconcile (list, plan, apply) then costs no extra read, and the ETag stands for exactly
 * the state the plan was computed from. A key {@code apply} is given without a preceding listing is
 * read with one GET and checked the same way.
 *
 * <p>Throttling and server errors are retried inside the SDK pipeline ({@link SdkRecordSets}). No
 * native weights: a weighted record set is published as one multi-value record set.
 */
final class AzureDnsProvider implements DnsProvider {

  /** Writes of one change, counting the first; a 412 with only the ETag moved allows another. */
  static final int MAX_ATTEMPTS = 3;

  private static final Capabilities CAPABILITIES = new Capabilities(false, 1, 1);

  private final AzureRecordSets api;
  private final Map<HeldKey, Optional<Listed>> held = new ConcurrentHashMap<>();

  AzureDnsProvider(AzureRecordSets api) {
    this.api = Objects.requireNonNull(api, "api");
  }

  @Override
  public String type() {
    return AzureDnsProviderFactory.TYPE;
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
    DnsName zoneName = zone.name();
    Map<RecordKey, Listed> found = new HashMap<>();
    AzureRecordSets.Listing listing = api.list(RecordSetMapping.azureZoneName(zoneName));
    for (AzureRecordSet azure : listing.recordSets()) {
      RecordKey key = new RecordKey(DnsName.resolve(azure.name(), zoneName), azure.type());
      if (keys.contains(key)) {
        found.put(key, new Listed(RecordSetMapping.toRecordSet(zoneName, azure), azure));
      }
    }
    for (RecordKey key : keys) {
      held.put(new HeldKey(zoneName, key), Optional.ofNullable(found.get(key)));
    }
    Set<DnsName> names = keys.stream().map(RecordKey::name).collect(Collectors.toSet());
    Map<DnsName, Set<String>> otherTypes = new HashMap<>();
    listing
        .otherTypes()
        .forEach(
            (relative, types) -> {
              DnsName name = DnsName.resolve(relative, zoneName);
              if (names.contains(name)) {
                otherTypes.put(name, types);
              }
            });
    List<RecordSet> recordSets =
        found.values().stream()
            .map(Listed::recordSet)
            .sorted(Comparator.comparing(RecordSet::key))
            .toList();
    return new ZoneContents(recordSets, otherTypes);
  }

  @Override
  public ApplyResult apply(Zone zone, List<Change> changes) throws ProviderException {
    if (changes.isEmpty()) {
      return new ApplyResult(List.of(), 0);
    }
    Set<RecordKey> seen = new HashSet<>();
    for (Change change : changes) {
      if (!change.key().name().isIn(zone.name())) {
        throw new ProviderException(
            ProviderException.Kind.INVALID, change.key() + " is not in zone " + zone.name());
      }
      if (!seen.add(change.key())) {
        throw new ProviderException(
            ProviderException.Kind.INVALID, "more than one change to " + change.key());
      }
      Optional<RecordSet> after = desiredAfter(change);
      if (after.isPresent()
          && after.get().type() == RecordType.CNAME
          && after.get().values().size() != 1) {
        throw new ProviderException(
            ProviderException.Kind.INVALID,
            change.key()
                + ": an Azure DNS CNAME record set holds exactly one target, not "
                + after.get().values()
                + "; nothing was applied");
      }
      if (after.isPresent() && after.get().ttl() < CAPABILITIES.minTtl()) {
        throw new ProviderException(
            ProviderException.Kind.INVALID,
            change.key()
                + ": ttl "
                + after.get().ttl()
                + " is below "
                + CAPABILITIES.minTtl()
                + ", the smallest this provider writes; nothing was applied");
      }
    }
    Map<RecordKey, Optional<Listed>> current = new HashMap<>();
    List<String> stale = new ArrayList<>();
    for (Change change : changes) {
      Optional<Listed> listed = heldOrRead(zone.name(), change.key());
      current.put(change.key(), listed);
      Optional<RecordSet> expected = expectedBefore(change);
      Optional<RecordSet> actual = listed.map(Listed::recordSet);
      if (!expected.equals(actual)) {
        stale.add(
            change.key()
                + " holds "
                + actual.map(RecordSet::toString).orElse("nothing")
                + ", the change expected "
                + expected.map(RecordSet::toString).orElse("nothing"));
      }
    }
    if (!stale.isEmpty()) {
      throw new ProviderException(
          ProviderException.Kind.CONFLICT,
          "zone "
              + zone.name()
              + " changed since it was read, nothing applied: "
              + String.join("; ", stale));
    }
    Writes writes = new Writes(zone.name());
    List<Change> applied = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      Change change = changes.get(i);
      try {
        writes.apply(change, current.get(change.key()));
      } catch (ProviderException e) {
        throw partialFailure(zone.name(), e, applied, changes.subList(i, changes.size()));
      }
      applied.add(change);
    }
    return new ApplyResult(applied, writes.calls);
  }

  /** The writes of one {@link #apply} call, counted. */
  private final class Writes {
    private final DnsName zone;
    private final String azureZone;
    int calls;

    Writes(DnsName zone) {
      this.zone = zone;
      this.azureZone = RecordSetMapping.azureZoneName(zone);
    }

    void apply(Change change, Optional<Listed> listed) throws ProviderException {
      RecordKey key = change.key();
      Optional<RecordSet> before = expectedBefore(change);
      Optional<RecordSet> after = desiredAfter(change);
      Optional<Listed> current = listed;
      for (int attempt = 1; ; attempt++) {
        try {
          write(key, after, current);
          return;
        } catch (PreconditionFailedException e) {
          Optional<Listed> now = read(zone, key);
          Optional<RecordSet> nowSet = now.map(Listed::recordSet);
          if (nowSet.equals(after)) {
            return; // someone else already made this change
          }
          if (nowSet.equals(before) && attempt < MAX_ATTEMPTS) {
            current = now; // only the ETag moved: the plan for this record still holds
            continue;
          }
          throw new ProviderException(
              ProviderException.Kind.CONFLICT,
              key
                  + " changed since it was read (Azure answered 412 Precondition Failed"
                  + (attempt > 1 ? " " + attempt + " times" : "")
                  + "): it now holds "
                  + nowSet.map(RecordSet::toString).orElse("nothing")
                  + ", the change expected "
                  + before.map(RecordSet::toString).orElse("nothing"));
        }
      }
    }

    private void write(RecordKey key, Optional<RecordSet> after, Optional<Listed> current)
        throws ProviderException, PreconditionFailedException {
      Optional<String> ifMatch = current.map(listed -> listed.azure().etag().orElse("*"));
      if (after.isPresent()) {
        Map<String, String> metadata =
            current.map(listed -> listed.azure().metadata()).orElse(Map.of());
        AzureRecordSet body = RecordSetMapping.toAzure(zone, after.get(), metadata);
        calls++;
        AzureRecordSet written = api.put(azureZone, body, ifMatch);
        remember(
            zone,
            key,
            Optional.of(new Listed(RecordSetMapping.toRecordSet(zone, written), written)));
      } else {
        calls++;
        api.delete(azureZone, key.name().relativeTo(zone), key.type(), ifMatch.orElse("*"));
        remember(zone, key, Optional.empty());
      }
    }
  }

  private Optional<Listed> heldOrRead(DnsName zone, RecordKey key) throws ProviderException {
    Optional<Listed> listed = held.get(new HeldKey(zone, key));
    return listed != null ? listed : read(zone, key);
  }

  private Optional<Listed> read(DnsName zone, RecordKey key) throws ProviderException {
    Optional<AzureRecordSet> azure =
        api.get(RecordSetMapping.azureZoneName(zone), key.name().relativeTo(zone), key.type());
    Optional<Listed> listed = Optional.empty();
    if (azure.isPresent()) {
      listed =
          Optional.of(new Listed(RecordSetMapping.toRecordSet(zone, azure.get()), azure.get()));
    }
    remember(zone, key, listed);
    return listed;
  }

  private void remember(DnsName zone, RecordKey key, Optional<Listed> listed) {
    held.put(new HeldKey(zone, key), listed);
  }

  private static Optional<RecordSet> expectedBefore(Change change) {
    return switch (change) {
      case Change.Create create -> Optional.empty();
      case Change.Update update -> Optional.of(update.before());
      case Change.Delete delete -> Optional.of(delete.before());
    };
  }

  private static Optional<RecordSet> desiredAfter(Change change) {
    return switch (change) {
      case Change.Create create -> Optional.of(create.after().withoutWeights());
      case Change.Update update -> Optional.of(update.after().withoutWeights());
      case Change.Delete delete -> Optional.empty();
    };
  }

  private static ProviderException partialFailure(
      DnsName zone, ProviderException cause, List<Change> applied, List<Change> notApplied) {
    String message =
        "zone "
            + zone
            + ": "
            + cause.getMessage()
            + ". Applied "
            + applied.size()
            + " of "
            + (applied.size() + notApplied.size())
            + " changes"
            + (applied.isEmpty() ? "" : " (" + describe(applied) + ")")
            + "; not applied: "
            + describe(notApplied)
            + ". Azure DNS writes each record set separately; the next reconcile reads the zone"
            + " again and plans what is left.";
    return new ProviderException(cause.kind(), message, cause, applied);
  }

  static String describe(List<Change> changes) {
    return changes.stream().map(AzureDnsProvider::describe).collect(Collectors.joining(", "));
  }

  private static String describe(Change change) {
    return switch (change) {
      case Change.Create create -> "create " + create.after();
      case Change.Update update ->
          "update "
              + update.key()
              + " "
              + update.before().ttl()
              + " "
              + String.join(",", update.before().values())
              + " -> "
              + update.after().withoutWeights();
      case Change.Delete delete -> "delete " + delete.before();
    };
  }

  /** A record set as listed: the tool's view and Azure's (for the ETag and metadata). */
  private record Listed(RecordSet recordSet, AzureRecordSet azure) {}

  private record HeldKey(DnsName zone, RecordKey key) {}
}

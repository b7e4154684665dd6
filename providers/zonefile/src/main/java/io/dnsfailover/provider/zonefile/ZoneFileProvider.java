package io.dnsfailover.provider.zonefile;

import io.dnsfailover.spi.ApplyResult;
import io.dnsfailover.spi.Capabilities;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.spi.ZoneContents;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps a zone's records in an RFC 1035 master file that CoreDNS ({@code file}/{@code auto}), BIND,
 * Knot or NSD serve.
 *
 * <p>Reads parse the file with dnsjava ({@code $ORIGIN}, {@code $TTL}, relative names, blank
 * owners, parentheses, comments, {@code $GENERATE}; {@code $INCLUDE} is refused). Names without an
 * {@code $ORIGIN} are relative to the zone. A missing file holds no records. Records made by a
 * {@code $GENERATE} line are read like any other, so they are foreign records the planner leaves
 * alone; the line itself is never rewritten, and a change to one of its records is refused. {@link
 * #contents} reports every other type at the names asked for (MX, NS, SOA, ...).
 *
 * <p>{@link #apply} holds {@link ZoneFileLock} (in-process plus {@code <file>.lock}), re-reads the
 * file, checks every update's and delete's {@code before} against it (CONFLICT otherwise, nothing
 * written), edits it with {@link ZoneFileEditor} so every line it does not change stays byte for
 * byte, bumps the SOA serial ({@link SerialNumbers}), reads the result back and checks it ({@link
 * ZoneRecords#checkEdit}: only the intended records changed, and a server would load it: no CNAME
 * beside other data, one SOA, NS at the apex, ...; INVALID otherwise, nothing written) and replaces
 * the file atomically ({@link AtomicFiles}). A missing file is created from {@link NewZoneFile}.
 *
 * <p>{@link #reload} runs the {@code reloadCommand} ({@link ReloadCommand}) that tells the server
 * serving the file to load it; the engine calls it after each write and again while it fails.
 *
 * <p>No native weights: a weighted record set is published as a plain multi-value answer.
 *
 * <p>Errors: a file that does not parse is INVALID with {@code path:line: message}; a file whose
 * SOA is another zone's is NOT_FOUND; a file that cannot be read for lack of permission is INVALID;
 * other I/O failures are TRANSIENT.
 */
public final class ZoneFileProvider implements DnsProvider {

  private static final Capabilities CAPABILITIES = new Capabilities(false, 0, 0);

  private final Path path;
  private final Clock clock;
  private final Optional<ReloadCommand> reloadCommand;

  /**
   * A provider whose file a server reads by itself (CoreDNS {@code file} with its {@code reload}
   * interval), so {@link #reload} has nothing to do.
   *
   * @param path the zone file; it and its directory are created on the first apply
   * @param clock gives today's date for date-style SOA serials
   */
  public ZoneFileProvider(Path path, Clock clock) {
    this(path, clock, Optional.empty());
  }

  ZoneFileProvider(Path path, Clock clock, Optional<ReloadCommand> reloadCommand) {
    this.path = Objects.requireNonNull(path, "path");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.reloadCommand = Objects.requireNonNull(reloadCommand, "reloadCommand");
  }

  public Path path() {
    return path;
  }

  @Override
  public String type() {
    return ZoneFileProviderFactory.TYPE;
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public List<RecordSet> records(Zone zone, Set<RecordKey> keys) throws ProviderException {
    return contents(zone, keys).recordSets();
  }

  @Override
  public ZoneContents contents(Zone zone, Set<RecordKey> keys) throws ProviderException {
    Optional<ZoneRecords> current = read(zone);
    if (current.isEmpty()) {
      return ZoneContents.of(List.of());
    }
    List<RecordSet> recordSets =
        current.get().recordSets().values().stream()
            .filter(recordSet -> keys.contains(recordSet.key()))
            .toList();
    Set<DnsName> names = keys.stream().map(RecordKey::name).collect(Collectors.toSet());
    return new ZoneContents(recordSets, current.get().otherTypes(names));
  }

  @Override
  public ApplyResult apply(Zone zone, List<Change> changes) throws ProviderException {
    if (changes.isEmpty()) {
      return new ApplyResult(List.of(), 0);
    }
    try {
      return ZoneFileLock.withLock(path, () -> applyLocked(zone, changes));
    } catch (IOException e) {
      throw ioFailure("cannot write", e);
    }
  }

  private ApplyResult applyLocked(Zone zone, List<Change> changes)
      throws ProviderException, IOException {
    LocalDate today = LocalDate.now(clock);
    Optional<ZoneRecords> existing = read(zone);
    ZoneRecords current =
        existing.isPresent()
            ? existing.get()
            : ZoneRecords.parse(NewZoneFile.text(zone.name(), today), zone, path.toString());
    Map<RecordKey, RecordSet> held = current.recordSets();
    Set<RecordKey> removed = new HashSet<>();
    List<RecordSet> added = new ArrayList<>();
    for (Change change : changes) {
      if (!removed.add(change.key())) {
        throw new ProviderException(
            ProviderException.Kind.INVALID, "more than one change to " + change.key());
      }
      if (!change.key().name().isIn(zone.name())) {
        throw new ProviderException(
            ProviderException.Kind.INVALID, change.key() + " is not in zone " + zone.name());
      }
      checkNotGenerated(change, current);
      checkBefore(change, held.get(change.key()));
      switch (change) {
        case Change.Create create -> added.add(published(create.after()));
        case Change.Update update -> added.add(published(update.after()));
        case Change.Delete unused -> {}
      }
    }
    long serial = SerialNumbers.next(current.soa().getSerial(), today);
    String edited = ZoneFileEditor.edit(current.text(), removed, added, serial);
    current.checkEdit(edited, removed, added, serial);
    AtomicFiles.replace(path, ZoneFileText.encode(edited));
    return new ApplyResult(changes, 1);
  }

  /** Runs {@code reloadCommand}, when there is one, so the server loads the file as written. */
  @Override
  public void reload(Zone zone) throws ProviderException {
    if (reloadCommand.isPresent()) {
      String name = zone.name().value();
      reloadCommand.get().run(name.substring(0, name.length() - 1), path);
    }
  }

  /**
   * Records of a {@code $GENERATE} line cannot change one by one without rewriting the line, which
   * the provider never does.
   */
  private void checkNotGenerated(Change change, ZoneRecords current) throws ProviderException {
    Optional<Integer> line = current.generatedBy(change.key());
    if (line.isPresent()) {
      throw new ProviderException(
          ProviderException.Kind.INVALID,
          path
              + ":"
              + line.get()
              + ": "
              + change.key()
              + " is made by this $GENERATE line, which dnsfailover does not rewrite; take the"
              + " name out of its range to let dnsfailover manage it (nothing was written)");
    }
  }

  /** An update or delete must carry what the file holds; a create must find nothing there. */
  private void checkBefore(Change change, RecordSet held) throws ProviderException {
    RecordSet expected =
        switch (change) {
          case Change.Create unused -> null;
          case Change.Update update -> update.before();
          case Change.Delete delete -> delete.before();
        };
    if (!Objects.equals(expected, held)) {
      throw new ProviderException(
          ProviderException.Kind.CONFLICT,
          path
              + ": "
              + change.key()
              + " changed since it was read: the file holds "
              + (held == null ? "nothing" : held.toString())
              + ", the change expected "
              + (expected == null ? "nothing" : expected.toString()));
    }
  }

  /** The record set as this provider writes it: without weights, as the file will read back. */
  private static RecordSet published(RecordSet recordSet) throws ProviderException {
    return ZoneRecords.asPublished(recordSet.withoutWeights());
  }

  private Optional<ZoneRecords> read(Zone zone) throws ProviderException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw ioFailure("cannot read", e);
    }
    return Optional.of(ZoneRecords.parse(ZoneFileText.decode(bytes), zone, path.toString()));
  }

  private ProviderException ioFailure(String what, IOException e) {
    if (e instanceof AccessDeniedException) {
      return new ProviderException(
          ProviderException.Kind.INVALID,
          path + ": " + what + " the zone file: permission denied (" + e.getMessage() + ")",
          e);
    }
    return new ProviderException(
        ProviderException.Kind.TRANSIENT, path + ": " + what + " the zone file: " + e, e);
  }
}

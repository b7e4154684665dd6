package io.dnsfailover.provider.rfc2136;

import io.dnsfailover.provider.rfc2136.Failures.Request;
import io.dnsfailover.spi.ApplyResult;
import io.dnsfailover.spi.Capabilities;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.ProviderException.Kind;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.spi.ZoneContents;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;
import org.xbill.DNS.ZoneTransferException;

/**
 * Records on a primary DNS server that takes RFC 2136 dynamic updates signed with TSIG: BIND 9,
 * Knot DNS, PowerDNS. See the package documentation for what it does and why.
 *
 * <p>Holds no state between calls, so one instance serves any number of zones at once.
 */
final class Rfc2136Provider implements DnsProvider {

  /** An UPDATE travels over TCP: at most 65535 bytes, with room kept for the TSIG record. */
  static final int MAX_MESSAGE_BYTES = 65535 - 512;

  private static final Capabilities CAPABILITIES = Capabilities.plain();

  /** Types a server keeps beside a CNAME (DNSSEC's own records). */
  private static final Set<String> BESIDE_CNAME = Set.of("CNAME", "RRSIG", "NSEC", "NSEC3");

  private final DnsWire wire;
  private final Retrier retrier;
  private final Failures failures;
  private final boolean signed;

  Rfc2136Provider(DnsWire wire, Retrier retrier, Optional<TsigCredentials> tsig, Duration timeout) {
    this.wire = wire;
    this.retrier = retrier;
    this.failures = new Failures(wire.server(), tsig, timeout);
    this.signed = tsig.isPresent();
  }

  static Rfc2136Provider create(Rfc2136Settings settings) {
    return new Rfc2136Provider(
        new DnsJavaWire(settings.server(), settings.tsig(), settings.timeout(), Clock.systemUTC()),
        Retrier.standard(),
        settings.tsig(),
        settings.timeout());
  }

  @Override
  public String type() {
    return Rfc2136ProviderFactory.TYPE;
  }

  /**
   * No native weights: a weighted set is published as a plain multi-value answer. TTLs from 1
   * second ({@link #apply} refuses a lower one).
   */
  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  /** One zone transfer (AXFR), filtered to {@code keys}. No keys, no transfer. */
  @Override
  public List<RecordSet> records(Zone zone, Set<RecordKey> keys) throws ProviderException {
    return contents(zone, keys).recordSets();
  }

  /**
   * The same one transfer, plus every other type held at the names of {@code keys} (MX, SRV, NS,
   * ...), so the planner never puts a CNAME beside them.
   */
  @Override
  public ZoneContents contents(Zone zone, Set<RecordKey> keys) throws ProviderException {
    if (keys.isEmpty()) {
      return ZoneContents.of(List.of());
    }
    ZoneSnapshot snapshot = read(zone.name());
    List<RecordSet> recordSets =
        new TreeSet<>(keys).stream().map(snapshot::recordSet).flatMap(Optional::stream).toList();
    Map<DnsName, Set<String>> others = new TreeMap<>();
    for (RecordKey key : keys) {
      Set<String> types = new TreeSet<>(snapshot.typesAt(key.name()));
      for (RecordType managed : RecordType.values()) {
        types.remove(managed.name());
      }
      others.put(key.name(), types);
    }
    return new ZoneContents(recordSets, others);
  }

  /**
   * Reads the zone again, fails with CONFLICT (sending nothing) when a record set to replace or
   * delete no longer holds what {@code before} says, TTL included, or one to create exists; then
   * sends every change in one UPDATE whose prerequisites state the values just read, so a change
   * made by someone else in between makes the server apply nothing (NXRRSET / YXRRSET: CONFLICT).
   */
  @Override
  public ApplyResult apply(Zone zone, List<Change> changes) throws ProviderException {
    if (changes.isEmpty()) {
      return new ApplyResult(List.of(), 0);
    }
    checkChanges(zone.name(), changes);
    ZoneSnapshot current = read(zone.name());
    List<String> stale = stale(current, changes);
    if (!stale.isEmpty()) {
      throw new ProviderException(
          Kind.CONFLICT,
          "a concurrent change happened: zone "
              + zone.name()
              + " on "
              + wire.server()
              + " no longer holds what was read ("
              + String.join("; ", stale)
              + "); nothing was sent, and the zone will be read and planned again");
    }
    List<String> clashes = cnameClashes(current, changes);
    if (!clashes.isEmpty()) {
      throw new ProviderException(
          Kind.INVALID,
          "zone "
              + zone.name()
              + ": "
              + String.join("; ", clashes)
              + " (a server silently ignores such an update, RFC 2136 3.4.2.2); nothing was sent");
    }
    Update update;
    try {
      update = UpdateMessage.build(RecordData.name(zone.name()), changes, current);
    } catch (IllegalArgumentException e) {
      throw new ProviderException(Kind.INVALID, "zone " + zone.name() + ": " + e.getMessage(), e);
    }
    int size = update.toWire().length;
    if (size > MAX_MESSAGE_BYTES) {
      throw new ProviderException(
          Kind.INVALID,
          "the "
              + changes.size()
              + " changes to zone "
              + zone.name()
              + " make an UPDATE of "
              + size
              + " bytes, more than one DNS message holds ("
              + MAX_MESSAGE_BYTES
              + "); nothing was sent");
    }
    retrier.call(() -> send(zone.name(), update));
    return new ApplyResult(changes, 1);
  }

  private ZoneSnapshot read(DnsName zone) throws ProviderException {
    Name name = RecordData.name(zone);
    return retrier.call(
        () -> {
          try {
            return new ZoneSnapshot(wire.transfer(name));
          } catch (IOException e) {
            throw failures.network(Request.TRANSFER, zone, e);
          } catch (ZoneTransferException e) {
            String detail = String.valueOf(e.getMessage());
            int rcode = Rcode.value(detail);
            if (rcode < 0) {
              throw failures.brokenTransfer(zone, detail);
            }
            if (rcode == Rcode.REFUSED || rcode == Rcode.NOTAUTH) {
              throw diagnose(Request.TRANSFER, zone, rcode);
            }
            throw failures.rcode(Request.TRANSFER, zone, rcode);
          } catch (RuntimeException e) {
            // dnsjava fails this way on some malformed answers, such as an empty NOERROR one
            throw failures.brokenTransfer(zone, e.toString());
          }
        });
  }

  private Void send(DnsName zone, Update update) throws ProviderException {
    DnsWire.Answer answer;
    try {
      answer = wire.send(update);
    } catch (IOException e) {
      throw failures.network(Request.UPDATE, zone, e);
    }
    Message response = answer.message();
    TSIGRecord tsig = response.getTSIG();
    if (tsig != null && tsig.getError() != Rcode.NOERROR) {
      throw failures.tsig(Request.UPDATE, zone, tsig.getError());
    }
    int rcode = response.getRcode();
    if (rcode == Rcode.NOERROR) {
      if (signed && !answer.verified()) {
        throw failures.unverified(Request.UPDATE, zone);
      }
      return null;
    }
    if (rcode == Rcode.NOTAUTH) {
      throw diagnose(Request.UPDATE, zone, rcode);
    }
    throw failures.rcode(Request.UPDATE, zone, rcode);
  }

  /**
   * REFUSED and NOTAUTH mean "not for you": a key the server does not accept (its TSIG error says
   * so, but dnsjava's zone transfer drops it), a key the zone does not grant, or a zone the server
   * does not serve. One signed SOA query tells which.
   */
  private ProviderException diagnose(Request request, DnsName zone, int rcode) {
    Name name = RecordData.name(zone);
    DnsWire.Answer answer;
    try {
      answer = wire.send(Message.newQuery(Record.newRecord(name, Type.SOA, DClass.IN)));
    } catch (IOException e) {
      return failures.rcode(request, zone, rcode);
    }
    Message response = answer.message();
    TSIGRecord tsig = response.getTSIG();
    if (tsig != null && tsig.getError() != Rcode.NOERROR) {
      return failures.tsig(request, zone, tsig.getError());
    }
    boolean served =
        response.getRcode() == Rcode.NOERROR
            && response.getHeader().getFlag(Flags.AA)
            && response.getSection(Section.ANSWER).stream()
                .anyMatch(record -> record.getType() == Type.SOA && record.getName().equals(name));
    if (!served) {
      return failures.notServed(zone, response.getRcode());
    }
    return failures.rcode(request, zone, rcode);
  }

  private static void checkChanges(DnsName zone, List<Change> changes) throws ProviderException {
    Set<RecordKey> seen = new HashSet<>();
    for (Change change : changes) {
      RecordKey key = change.key();
      if (!key.name().isIn(zone)) {
        throw new ProviderException(
            Kind.INVALID, key.name() + " is not in zone " + zone + "; nothing was sent");
      }
      if (!seen.add(key)) {
        throw new ProviderException(
            Kind.INVALID, "two changes to " + key + " in one apply; nothing was sent");
      }
      Optional<RecordSet> after =
          switch (change) {
            case Change.Create create -> Optional.of(create.after());
            case Change.Update update -> Optional.of(update.after());
            case Change.Delete delete -> Optional.empty();
          };
      if (after.isPresent() && after.get().ttl() < CAPABILITIES.minTtl()) {
        throw new ProviderException(
            Kind.INVALID,
            key
                + ": ttl "
                + after.get().ttl()
                + " is below "
                + CAPABILITIES.minTtl()
                + ", the smallest this provider writes; nothing was sent");
      }
    }
  }

  /** What no longer matches the changes' view of the zone, one line each; empty when all does. */
  private static List<String> stale(ZoneSnapshot current, List<Change> changes) {
    List<String> stale = new ArrayList<>();
    for (Change change : changes) {
      Optional<RecordSet> now = current.recordSet(change.key());
      switch (change) {
        case Change.Create create ->
            now.ifPresent(found -> stale.add(change.key() + " exists already: " + found));
        case Change.Update update -> expect(update.before(), now, stale);
        case Change.Delete delete -> expect(delete.before(), now, stale);
      }
    }
    return stale;
  }

  private static void expect(RecordSet before, Optional<RecordSet> now, List<String> stale) {
    RecordSet expected = before.withoutWeights();
    if (now.isEmpty()) {
      stale.add(expected.key() + " is gone (expected " + expected + ")");
    } else if (!now.get().equals(expected)) {
      stale.add(expected.key() + " is now " + now.get() + " (expected " + expected + ")");
    }
  }

  /**
   * Names the changes that would leave a CNAME beside other data, or hold two CNAME targets, one
   * line each.
   */
  private static List<String> cnameClashes(ZoneSnapshot current, List<Change> changes) {
    Map<DnsName, Set<String>> after = new LinkedHashMap<>();
    for (Change change : changes) {
      DnsName name = change.key().name();
      Set<String> types = after.computeIfAbsent(name, n -> new TreeSet<>(current.typesAt(n)));
      String type = change.key().type().name();
      switch (change) {
        case Change.Create create -> types.add(type);
        case Change.Update update -> types.add(type);
        case Change.Delete delete -> types.remove(type);
      }
    }
    List<String> clashes = new ArrayList<>();
    for (Change change : changes) {
      if (change instanceof Change.Delete) {
        continue;
      }
      RecordSet written =
          switch (change) {
            case Change.Create create -> create.after();
            case Change.Update update -> update.after();
            case Change.Delete delete -> throw new AssertionError(delete);
          };
      // A server given two CNAMEs keeps the last one (RFC 2136 3.4.2.2): refuse, as APIs do.
      if (written.type() == RecordType.CNAME && written.values().size() > 1) {
        clashes.add(written.key() + " holds exactly one target, not " + written.values());
      }
      DnsName name = change.key().name();
      Set<String> types = after.get(name);
      Set<String> others = new TreeSet<>(types);
      others.removeAll(BESIDE_CNAME);
      if (types.contains("CNAME") && !others.isEmpty()) {
        String clash =
            change.key().type() == RecordType.CNAME
                ? name
                    + " holds "
                    + String.join(", ", others)
                    + " records, so a CNAME cannot be"
                    + " added there"
                : name
                    + " holds a CNAME, so "
                    + change.key().type()
                    + " records cannot be added"
                    + " there";
        if (!clashes.contains(clash)) {
          clashes.add(clash);
        }
      }
    }
    return clashes;
  }
}

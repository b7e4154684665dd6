package io.dnsfailover.provider.zonefile;

import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A parsed zone file checked to be the zone's: its text, its SOA, and its record sets of the types
 * the tool manages. Records of {@code $GENERATE} lines count like any other (they are served), but
 * are never edited.
 */
final class ZoneRecords {

  private final ZoneFileText text;
  private final Zone zone;
  private final String source;
  private final SOARecord soa;
  // Computed on first use and kept: an apply asks for every change, and must not scan per change.
  private Map<RecordKey, RecordSet> recordSets;
  private Map<RecordKey, Integer> generatedLines;

  private ZoneRecords(ZoneFileText text, Zone zone, String source, SOARecord soa) {
    this.text = text;
    this.zone = zone;
    this.source = source;
    this.soa = soa;
  }

  /**
   * Parses {@code content} as the master file of {@code zone}.
   *
   * @throws ProviderException INVALID when it does not parse or has no SOA, NOT_FOUND when its SOA
   *     belongs to another zone
   */
  static ZoneRecords parse(String content, Zone zone, String source) throws ProviderException {
    ZoneFileText text = ZoneFileText.parse(content, origin(zone.name()), source);
    SOARecord soa =
        text.records().stream()
            .filter(SOARecord.class::isInstance)
            .map(SOARecord.class::cast)
            .findFirst()
            .orElseThrow(
                () ->
                    new ProviderException(
                        ProviderException.Kind.INVALID,
                        source + ": has no SOA record; a zone file starts with its zone's SOA"));
    DnsName soaName = DnsName.of(soa.getName().toString());
    if (!soaName.equals(zone.name())) {
      throw new ProviderException(
          ProviderException.Kind.NOT_FOUND,
          source
              + ": holds zone "
              + soaName
              + " (its SOA), not "
              + zone.name()
              + "; point the provider's path at the file for "
              + zone.name());
    }
    return new ZoneRecords(text, zone, source, soa);
  }

  ZoneFileText text() {
    return text;
  }

  SOARecord soa() {
    return soa;
  }

  /**
   * The record sets of managed types in the zone, by key. A set's TTL is the lowest TTL of its
   * records (RFC 2181 wants them equal; a server would serve the lowest).
   */
  Map<RecordKey, RecordSet> recordSets() {
    if (recordSets == null) {
      recordSets = Collections.unmodifiableMap(group(text.records(), zone.name()));
    }
    return recordSets;
  }

  /**
   * For each of {@code names} that holds records of types the SPI has no record type for (MX, NS,
   * SOA, SRV, ...; or records of a class other than IN), those types' mnemonics.
   */
  Map<DnsName, Set<String>> otherTypes(Set<DnsName> names) {
    Map<DnsName, Set<String>> types = new TreeMap<>();
    for (Record record : text.records()) {
      DnsName name = DnsName.of(record.getName().toString());
      if (names.contains(name) && RecordFormat.key(record).isEmpty()) {
        types.computeIfAbsent(name, unused -> new TreeSet<>()).add(Type.string(record.getType()));
      }
    }
    return types;
  }

  /** The line of the {@code $GENERATE} directive that makes records of {@code key}, if one does. */
  Optional<Integer> generatedBy(RecordKey key) {
    if (generatedLines == null) {
      Map<RecordKey, Integer> lines = new HashMap<>();
      for (ZoneFileText.Entry entry : text.entries()) {
        for (Record record : entry.generated()) {
          RecordFormat.key(record).ifPresent(made -> lines.putIfAbsent(made, entry.lineNumber()));
        }
      }
      generatedLines = lines;
    }
    return Optional.ofNullable(generatedLines.get(key));
  }

  /**
   * Checks that {@code edited} holds what the edit meant: every record outside the changed keys
   * exactly as before (for instance, no TTL that a record inherited from a removed line changed),
   * the changed keys exactly as {@code added}, and the new serial; and that a server would load it
   * ({@link ZoneChecks}). A problem the file had before the edit is still a reason not to write,
   * and the message says it was there already.
   */
  void checkEdit(String edited, Set<RecordKey> removed, List<RecordSet> added, long serial)
      throws ProviderException {
    ZoneRecords result = parse(edited, zone, source);
    Map<RecordKey, RecordSet> expectedChanged = new TreeMap<>();
    added.forEach(recordSet -> expectedChanged.put(recordSet.key(), recordSet));
    Map<RecordKey, RecordSet> actualChanged = new TreeMap<>(result.recordSets());
    actualChanged.keySet().retainAll(removed);
    boolean same =
        untouched(text.records(), removed).equals(untouched(result.text.records(), removed))
            && actualChanged.equals(expectedChanged)
            && result.soa.getSerial() == serial;
    if (!same) {
      throw new ProviderException(
          ProviderException.Kind.INVALID,
          source
              + ": editing the file would change records dnsfailover does not manage (a record"
              + " without a TTL inheriting one from a changed line?); give those records explicit"
              + " TTLs or add a $TTL line");
    }
    List<String> problems = ZoneChecks.problems(result.text.records(), zone.name());
    if (!problems.isEmpty()) {
      List<String> already = ZoneChecks.problems(text.records(), zone.name());
      List<String> described =
          problems.stream()
              .map(
                  problem -> already.contains(problem) ? problem + " (already so before)" : problem)
              .toList();
      throw new ProviderException(
          ProviderException.Kind.INVALID,
          source
              + ": not written, because a DNS server would refuse to load the zone: "
              + String.join("; ", described));
    }
  }

  /**
   * {@code recordSet} as the file will hold it once written and read back: canonical values.
   *
   * @throws ProviderException INVALID when a value is not valid for its type
   */
  static RecordSet asPublished(RecordSet recordSet) throws ProviderException {
    if (recordSet.values().isEmpty()) {
      throw invalid(recordSet, "a record set needs at least one value");
    }
    if (recordSet.type() == RecordType.CNAME && recordSet.values().size() > 1) {
      throw invalid(recordSet, "a CNAME holds exactly one target");
    }
    String lines = String.join("\n", RecordFormat.lines(recordSet)) + "\n";
    List<Record> records;
    try {
      records = ZoneFileText.parse(lines, Name.root, "value").records();
    } catch (ProviderException e) {
      throw invalid(recordSet, e.getMessage());
    }
    RecordSet published = group(records, recordSet.name()).get(recordSet.key());
    if (published == null || records.size() != recordSet.values().size()) {
      throw invalid(recordSet, "values do not read back as " + recordSet.type() + " records");
    }
    return published;
  }

  private static ProviderException invalid(RecordSet recordSet, String reason) {
    return new ProviderException(
        ProviderException.Kind.INVALID, "cannot write " + recordSet + ": " + reason);
  }

  private static List<String> untouched(List<Record> records, Set<RecordKey> changed) {
    List<String> kept = new ArrayList<>();
    for (Record record : records) {
      Optional<RecordKey> key = RecordFormat.key(record);
      if (!(record instanceof SOARecord) && !(key.isPresent() && changed.contains(key.get()))) {
        kept.add(record.toString());
      }
    }
    kept.sort(null);
    return kept;
  }

  private static Map<RecordKey, RecordSet> group(List<Record> records, DnsName zone) {
    Map<RecordKey, Integer> ttls = new LinkedHashMap<>();
    Map<RecordKey, List<String>> values = new LinkedHashMap<>();
    for (Record record : records) {
      Optional<RecordKey> key = RecordFormat.key(record);
      if (key.isEmpty() || !key.get().name().isIn(zone)) {
        continue;
      }
      int ttl = (int) Math.min(Integer.MAX_VALUE, record.getTTL());
      ttls.merge(key.get(), ttl, Math::min);
      values
          .computeIfAbsent(key.get(), unused -> new ArrayList<>())
          .add(RecordFormat.value(record));
    }
    Map<RecordKey, RecordSet> sets = new TreeMap<>();
    values.forEach(
        (key, list) ->
            sets.put(
                key,
                RecordSet.of(key.name(), key.type(), Objects.requireNonNull(ttls.get(key)), list)));
    return sets;
  }

  private static Name origin(DnsName zone) throws ProviderException {
    try {
      return Name.fromString(zone.value());
    } catch (TextParseException e) {
      throw new ProviderException(
          ProviderException.Kind.INVALID, "zone name " + zone + " is not valid: " + e.getMessage());
    }
  }
}

package io.dnsfailover.spi;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@link DnsProvider#contents} read: the record sets of the keys asked for, and per name the
 * types of the other data held there, the types {@link RecordType} cannot express (MX, SRV, NS,
 * SOA, ...).
 *
 * <p>The second part exists because a CNAME must be the only data at its name (RFC 1034 3.6.2, RFC
 * 2181 10.1): BIND refuses a whole zone with a CNAME beside an MX, so the planner must know the MX
 * is there before it publishes a CNAME, and record sets of the SPI's types cannot say so.
 *
 * @param recordSets the record sets whose keys were asked for, as {@link DnsProvider#records}
 *     returns them
 * @param otherTypes for each name of the keys asked for that holds data of other types, those types
 *     as upper-case mnemonics ({@code "MX"}, {@code "SRV"}, {@code "TYPE65534"}); a name with none
 *     is absent, and the map is empty when the provider does not report other data
 */
public record ZoneContents(List<RecordSet> recordSets, Map<DnsName, Set<String>> otherTypes) {

  public ZoneContents {
    recordSets = List.copyOf(recordSets);
    Map<DnsName, Set<String>> copy = new TreeMap<>();
    otherTypes.forEach(
        (name, types) -> {
          if (!types.isEmpty()) {
            copy.put(
                Objects.requireNonNull(name, "name"),
                Collections.unmodifiableSortedSet(new TreeSet<>(types)));
          }
        });
    otherTypes = Collections.unmodifiableMap(copy);
  }

  /** Record sets only: what a provider that does not report other data returns. */
  public static ZoneContents of(List<RecordSet> recordSets) {
    return new ZoneContents(recordSets, Map.of());
  }

  /** The types of other data at {@code name}, sorted; empty when there is none (or unknown). */
  public Set<String> otherTypesAt(DnsName name) {
    return otherTypes.getOrDefault(name, Set.of());
  }
}

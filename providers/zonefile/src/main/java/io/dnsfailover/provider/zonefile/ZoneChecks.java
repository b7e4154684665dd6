package io.dnsfailover.provider.zonefile;

import io.dnsfailover.spi.DnsName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * What would make an authoritative server refuse to load a zone, as far as it can be checked
 * cheaply from the records alone. These are the errors {@code named-checkzone} (BIND 9.18) stops
 * on, not its warnings:
 *
 * <ul>
 *   <li>one SOA, at the apex; at least one NS at the apex;
 *   <li>a CNAME is the only data at its name ("CNAME and other data"), except for the DNSSEC
 *       records RFC 4035 puts beside it;
 *   <li>one CNAME and one DNAME per name at most ("multiple RRs of singleton type");
 *   <li>an apex NS whose name server lies in the zone (and not under a delegation) has an address
 *       record there, and is not a CNAME.
 * </ul>
 *
 * <p>The SOA need not be the first record: BIND, Knot and NSD load it anywhere, and an edit never
 * moves it.
 */
final class ZoneChecks {

  /**
   * Types a CNAME may have beside it: its DNSSEC records (RFC 4035 2.5; KEY/SIG/NXT of RFC 2535).
   */
  private static final Set<Integer> BESIDE_CNAME =
      Set.of(Type.CNAME, Type.RRSIG, Type.NSEC, Type.KEY, Type.SIG, Type.NXT);

  private static final List<Integer> SINGLETONS = List.of(Type.SOA, Type.CNAME, Type.DNAME);

  private ZoneChecks() {}

  /** Every problem of {@code records} as zone {@code zone}, one sentence each, by name. */
  static List<String> problems(List<Record> records, DnsName zone) {
    Map<DnsName, Map<Integer, Set<String>>> byName = new TreeMap<>();
    for (Record record : records) {
      DnsName name = DnsName.of(record.getName().toString());
      if (name.isIn(zone)) {
        byName
            .computeIfAbsent(name, unused -> new TreeMap<>())
            .computeIfAbsent(record.getType(), unused -> new TreeSet<>())
            .add(record.rdataToString());
      }
    }
    List<String> problems = new ArrayList<>();
    Map<Integer, Set<String>> apex = byName.getOrDefault(zone, Map.of());
    if (!apex.containsKey(Type.NS)) {
      problems.add(zone + " (the apex) has no NS record: a zone needs at least one");
    }
    byName.forEach(
        (name, types) -> {
          if (types.containsKey(Type.SOA) && !name.equals(zone)) {
            problems.add(name + " has an SOA record, which belongs only at the apex " + zone);
          }
          for (int singleton : SINGLETONS) {
            int count = types.getOrDefault(singleton, Set.of()).size();
            if (count > 1) {
              problems.add(
                  name + " has " + count + " " + Type.string(singleton) + " records; one at most");
            }
          }
          if (types.containsKey(Type.CNAME)) {
            Set<String> others = new TreeSet<>();
            types.keySet().stream()
                .filter(type -> !BESIDE_CNAME.contains(type))
                .forEach(type -> others.add(Type.string(type)));
            if (!others.isEmpty()) {
              problems.add(
                  name
                      + " has a CNAME beside "
                      + String.join(", ", others)
                      + ": a CNAME must be the only record at its name");
            }
          }
        });
    problems.addAll(nameServerProblems(byName, zone, apex));
    return problems;
  }

  private static List<String> nameServerProblems(
      Map<DnsName, Map<Integer, Set<String>>> byName,
      DnsName zone,
      Map<Integer, Set<String>> apex) {
    List<DnsName> delegations =
        byName.entrySet().stream()
            .filter(entry -> !entry.getKey().equals(zone) && entry.getValue().containsKey(Type.NS))
            .map(Map.Entry::getKey)
            .toList();
    List<String> problems = new ArrayList<>();
    // An NS record's data is its name server's absolute name.
    for (String target : apex.getOrDefault(Type.NS, Set.of())) {
      DnsName server = DnsName.of(target);
      if (!server.isIn(zone) || delegations.stream().anyMatch(server::isIn)) {
        continue;
      }
      Map<Integer, Set<String>> held = byName.getOrDefault(server, Map.of());
      if (held.containsKey(Type.CNAME)) {
        problems.add(
            "name server " + server + " (NS of " + zone + ") is a CNAME, which NS must not name");
      } else if (!held.containsKey(Type.A) && !held.containsKey(Type.AAAA)) {
        problems.add(
            "name server " + server + " (NS of " + zone + ") has no address record (A or AAAA)");
      }
    }
    return problems;
  }
}

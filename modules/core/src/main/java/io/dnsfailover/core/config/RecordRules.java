package io.dnsfailover.core.config;

import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.RecordType;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules across all records of the config: one record per name and type, and a CNAME alone at its
 * name (RFC 1034 3.6.2). Zones may overlap, so this looks across zones too.
 */
final class RecordRules {

  private record Seen(DnsName name, RecordType type, String path, Node at) {}

  private final Problems problems;
  private final List<Seen> seen = new ArrayList<>();

  RecordRules(Problems problems) {
    this.problems = problems;
  }

  /** Registers a record; reports it at its name when it clashes with one registered before. */
  void add(DnsName name, RecordType type, String recordPath, Node nameNode) {
    String namePath = KeyPaths.key(recordPath, "name");
    for (Seen earlier : seen) {
      if (!earlier.name().equals(name)) {
        continue;
      }
      String where = earlier.path() + " (line " + earlier.at().line() + ")";
      if (earlier.type() == type) {
        problems.error(
            nameNode,
            namePath,
            "record "
                + name
                + " "
                + type
                + " is already defined at "
                + where
                + ": give each name and type one record");
        break;
      }
      if (earlier.type() == RecordType.CNAME || type == RecordType.CNAME) {
        problems.error(
            nameNode,
            namePath,
            name
                + " has a "
                + type
                + " record here and a "
                + earlier.type()
                + " record at "
                + where
                + ": a CNAME must be the only record at its name");
        break;
      }
    }
    seen.add(new Seen(name, type, recordPath, nameNode));
  }
}

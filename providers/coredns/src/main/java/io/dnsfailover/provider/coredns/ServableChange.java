package io.dnsfailover.provider.coredns;

import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.ProviderException.Kind;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import java.util.Optional;

/**
 * A change as the provider writes it, and the rule that it is one CoreDNS can serve: checked for
 * every change of an apply before anything is read or written.
 */
final class ServableChange {

  private ServableChange() {}

  /** Throws INVALID unless CoreDNS's etcd plugin can serve {@code change}'s record set. */
  static void check(Zone zone, Change change) throws ProviderException {
    RecordKey key = change.key();
    if (!key.name().isIn(zone.name())) {
      throw invalid(key + " is not in zone " + zone.name());
    }
    if (key.name().isMarker()) {
      if (key.type() != RecordType.TXT) {
        throw invalid(
            key + ": only TXT ownership markers live at " + DnsName.MARKER_LABEL + " names");
      }
      if (SkyDnsLayout.baseName(key.name()).isMarker()) {
        throw invalid(key + ": a marker of a marker is not supported");
      }
    }
    Optional<RecordSet> after = after(change);
    if (after.isEmpty()) {
      return;
    }
    RecordSet recordSet = after.get();
    if (recordSet.ttl() < 1) {
      throw invalid(key + ": ttl must be at least 1 (CoreDNS serves ttl 0 as 300)");
    }
    if (recordSet.values().isEmpty()) {
      throw invalid(key + ": a record set needs at least one value");
    }
    if (key.name().equals(zone.name()) && key.type() == RecordType.CNAME) {
      throw invalid(key + ": CoreDNS cannot serve a CNAME at the zone apex");
    }
    for (String value : recordSet.values()) {
      boolean ok =
          switch (key.type()) {
            case A -> EtcdValues.isIpv4(value);
            case AAAA -> EtcdValues.isIpv6(value);
            case CNAME -> EtcdValues.ipLiteral(value).isEmpty() && value.length() > 1;
            case TXT -> !value.isEmpty();
          };
      if (!ok) {
        throw invalid(
            key
                + ": '"
                + value
                + "' is not a value CoreDNS serves as "
                + key.type()
                + (key.type() == RecordType.AAAA
                    ? " (IPv4-mapped addresses are served as A)"
                    : ""));
      }
    }
    if (key.type() == RecordType.CNAME && recordSet.values().size() != 1) {
      throw invalid(key + ": a CNAME has exactly one target, not " + recordSet.values());
    }
  }

  /** What an update or delete expects etcd to hold; null for a create. */
  static RecordSet before(Change change) {
    return switch (change) {
      case Change.Create unused -> null;
      case Change.Update update -> update.before();
      case Change.Delete delete -> delete.before();
    };
  }

  /** What etcd is to hold afterwards, without weights (CoreDNS has none); empty for a delete. */
  static Optional<RecordSet> after(Change change) {
    return switch (change) {
      case Change.Create create -> Optional.of(create.after().withoutWeights());
      case Change.Update update -> Optional.of(update.after().withoutWeights());
      case Change.Delete unused -> Optional.empty();
    };
  }

  private static ProviderException invalid(String message) {
    return new ProviderException(Kind.INVALID, "coredns: " + message);
  }
}

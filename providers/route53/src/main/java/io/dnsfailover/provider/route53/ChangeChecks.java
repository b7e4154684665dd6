package io.dnsfailover.provider.route53;

import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.Location;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.ProviderException.Kind;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.WeightedValue;
import io.dnsfailover.spi.Zone;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What Route 53 would refuse, refused before any request: two changes to one key, a record outside
 * the zone, an empty record set, a location Route 53 cannot answer by, an endpoint id that cannot
 * be a SetIdentifier, a value longer than Route 53 takes.
 */
final class ChangeChecks {

  private ChangeChecks() {}

  /**
   * Throws {@link Kind#INVALID} for the first change in {@code changes} that Route 53 cannot take.
   */
  static void validate(Zone zone, List<Change> changes) throws ProviderException {
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
      if (!Route53Provider.LOCATION_KINDS.contains(location.kind())) {
        throw new ProviderException(
            Kind.INVALID,
            key
                + ": Route 53 cannot answer by "
                + location
                + " (it answers by "
                + Location.describe(Route53Provider.LOCATION_KINDS)
                + ")");
      }
    }
    for (WeightedValue member : recordSet.weights()) {
      if (member.id().isEmpty()
          || member.id().length() > Route53Provider.MAX_SET_IDENTIFIER_LENGTH) {
        throw new ProviderException(
            Kind.INVALID,
            key
                + ": endpoint id '"
                + member.id()
                + "' cannot be a Route 53 SetIdentifier (1 to "
                + Route53Provider.MAX_SET_IDENTIFIER_LENGTH
                + " characters)");
      }
    }
    for (String value : recordSet.values()) {
      String encoded = RecordSetCodec.encodeValue(recordSet.type(), value);
      if (encoded.length() > Route53Provider.MAX_VALUE_LENGTH) {
        throw new ProviderException(
            Kind.INVALID,
            key
                + ": a value of "
                + encoded.length()
                + " characters as Route 53 writes it is longer than its limit of "
                + Route53Provider.MAX_VALUE_LENGTH);
      }
    }
  }
}

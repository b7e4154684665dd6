package io.dnsfailover.core.plan;

import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import java.util.List;
import java.util.Optional;

/**
 * The TXT record {@code _dnsfailover.<name>} that says which config owns {@code <name>}. Its text
 * is {@code heritage=dnsfailover,owner=<ownerId>}; more {@code ,key=value} pairs may follow and are
 * ignored when reading.
 */
public final class OwnershipMarker {

  static final String HERITAGE = "heritage=dnsfailover";

  private OwnershipMarker() {}

  public static String text(String ownerId) {
    return HERITAGE + ",owner=" + ownerId;
  }

  public static RecordSet recordFor(DnsName name, String ownerId, int ttl) {
    return RecordSet.of(name.markerName(), RecordType.TXT, ttl, List.of(text(ownerId)));
  }

  /**
   * The owner a marker record names, or empty when no value of it is one of our markers (a TXT
   * record someone else put at that name).
   */
  public static Optional<String> ownerOf(RecordSet marker) {
    for (String value : marker.values()) {
      List<String> pairs = List.of(value.split(","));
      if (pairs.isEmpty() || !pairs.get(0).trim().equals(HERITAGE)) {
        continue;
      }
      for (String pair : pairs) {
        String trimmed = pair.trim();
        if (trimmed.startsWith("owner=")) {
          return Optional.of(trimmed.substring("owner=".length()));
        }
      }
    }
    return Optional.empty();
  }
}

package io.dnsfailover.spi;

import java.util.Comparator;
import java.util.Objects;

/** A record set's identity within a zone: its name and type. */
public record RecordKey(DnsName name, RecordType type) implements Comparable<RecordKey> {

  private static final Comparator<RecordKey> ORDER =
      Comparator.comparing(RecordKey::name).thenComparing(RecordKey::type);

  public RecordKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  /** The key of the TXT record that marks {@code name} as owned. */
  public static RecordKey markerFor(DnsName name) {
    return new RecordKey(name.markerName(), RecordType.TXT);
  }

  @Override
  public int compareTo(RecordKey other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return name + " " + type;
  }
}

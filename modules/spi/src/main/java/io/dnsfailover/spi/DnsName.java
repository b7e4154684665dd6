package io.dnsfailover.spi;

import java.util.Locale;
import java.util.Objects;

/**
 * A fully qualified DNS name in canonical form: lower case, with a trailing dot. Equality is by
 * that canonical form, so {@code App.Example.TEST} and {@code app.example.test.} are the same name.
 */
public record DnsName(String value) implements Comparable<DnsName> {

  /** The label every ownership marker name starts with. */
  public static final String MARKER_LABEL = "_dnsfailover";

  public DnsName {
    Objects.requireNonNull(value, "value");
    String trimmed = value.trim();
    if (trimmed.isEmpty() || trimmed.equals(".")) {
      throw new IllegalArgumentException("a DNS name must not be empty");
    }
    String canonical = trimmed.toLowerCase(Locale.ROOT);
    value = canonical.endsWith(".") ? canonical : canonical + ".";
  }

  public static DnsName of(String value) {
    return new DnsName(value);
  }

  /** Resolves {@code name} against {@code zone}: "@" is the apex, a trailing dot is absolute. */
  public static DnsName resolve(String name, DnsName zone) {
    String trimmed = name.trim();
    if (trimmed.equals("@")) {
      return zone;
    }
    if (trimmed.endsWith(".")) {
      return new DnsName(trimmed);
    }
    return new DnsName(trimmed + "." + zone.value);
  }

  /** True when this name is {@code zone} itself or lies below it. */
  public boolean isIn(DnsName zone) {
    return value.equals(zone.value) || value.endsWith("." + zone.value);
  }

  /** The name relative to {@code zone}: "@" for the apex, otherwise the labels above it. */
  public String relativeTo(DnsName zone) {
    if (value.equals(zone.value)) {
      return "@";
    }
    if (!isIn(zone)) {
      throw new IllegalArgumentException(value + " is not in zone " + zone.value);
    }
    return value.substring(0, value.length() - zone.value.length() - 1);
  }

  /** The name of the TXT record that marks this name as owned: {@code _dnsfailover.<name>}. */
  public DnsName markerName() {
    return new DnsName(MARKER_LABEL + "." + value);
  }

  public boolean isMarker() {
    return value.startsWith(MARKER_LABEL + ".");
  }

  @Override
  public int compareTo(DnsName other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}

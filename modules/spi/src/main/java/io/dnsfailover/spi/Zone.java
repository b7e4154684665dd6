package io.dnsfailover.spi;

import java.util.Objects;

/** A DNS zone as the config names it, and the name of the provider that serves it. */
public record Zone(DnsName name, String provider) {
  public Zone {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(provider, "provider");
  }
}

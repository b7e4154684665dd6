package io.dnsfailover.core.config;

import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.Zone;
import java.util.List;
import java.util.Objects;

/** One entry of {@code zones:}: a zone, the provider that serves it, and the records it manages. */
public record ZoneConfig(DnsName name, String provider, List<RecordConfig> records) {

  public ZoneConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(provider, "provider");
    records = List.copyOf(records);
  }

  public Zone zone() {
    return new Zone(name, provider);
  }
}

package io.dnsfailover.core.config;

import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.Zone;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code zones:}: a zone, the provider that serves it, the records it manages, and the
 * servers that must answer a change before it counts as done ({@code verify:}).
 */
public record ZoneConfig(
    DnsName name, String provider, List<RecordConfig> records, Optional<VerifyConfig> verify) {

  public ZoneConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(provider, "provider");
    records = List.copyOf(records);
    Objects.requireNonNull(verify, "verify");
  }

  /** A zone without {@code verify:}. */
  public ZoneConfig(DnsName name, String provider, List<RecordConfig> records) {
    this(name, provider, records, Optional.empty());
  }

  public Zone zone() {
    return new Zone(name, provider);
  }
}

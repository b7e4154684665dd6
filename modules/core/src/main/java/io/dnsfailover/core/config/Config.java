package io.dnsfailover.core.config;

import io.dnsfailover.spi.ProviderConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A loaded, validated config: immutable, with defaults merged down to every record and endpoint.
 *
 * @param source the file it was read from
 * @param ownerId written into every ownership marker; two configs with different owners never touch
 *     each other's records
 * @param providers by name, as the {@code providers:} block lists them
 * @param zones in file order
 * @param journal where the daemon keeps its event journal ({@code journal:})
 * @param notifications where the daemon sends notifications ({@code notifications:})
 * @param cluster the {@code cluster:} block, when several daemons share the work
 */
public record Config(
    Path source,
    int version,
    String ownerId,
    Map<String, ProviderConfig> providers,
    List<ZoneConfig> zones,
    JournalConfig journal,
    NotificationsConfig notifications,
    Optional<ClusterConfig> cluster) {

  public Config {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(ownerId, "ownerId");
    providers = Map.copyOf(providers);
    zones = List.copyOf(zones);
    Objects.requireNonNull(journal, "journal");
    Objects.requireNonNull(notifications, "notifications");
    Objects.requireNonNull(cluster, "cluster");
  }

  /** A config with the default journal, no notifications and no cluster: one daemon alone. */
  public Config(
      Path source,
      int version,
      String ownerId,
      Map<String, ProviderConfig> providers,
      List<ZoneConfig> zones) {
    this(
        source,
        version,
        ownerId,
        providers,
        zones,
        JournalConfig.DEFAULT,
        NotificationsConfig.NONE,
        Optional.empty());
  }

  /** Every endpoint of every record, in file order. */
  public List<EndpointConfig> endpoints() {
    return zones.stream()
        .flatMap(zone -> zone.records().stream())
        .flatMap(record -> record.endpoints().stream())
        .toList();
  }
}

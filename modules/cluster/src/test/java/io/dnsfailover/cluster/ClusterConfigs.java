package io.dnsfailover.cluster;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.config.ConfigLoader;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.DnsProviderFactory;
import io.dnsfailover.spi.ProviderConfig;
import io.dnsfailover.testkit.InMemoryDnsProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** One failover record "app" (primary 192.0.2.10, backup 192.0.2.20), fast checks, rise=fall=1. */
final class ClusterConfigs {

  private ClusterConfigs() {}

  static Config load(Path dir, String ownerId) throws Exception {
    Path file = dir.resolve(ownerId + ".yaml");
    Files.writeString(
        file,
        """
        version: 1
        ownerId: %s
        defaults:
          check: { type: tcp, port: 80, interval: 200ms, timeout: 100ms, rise: 1, fall: 1 }
        providers:
          mem: { type: memory }
        zones:
          - name: example.test.
            provider: mem
            records:
              - name: app
                type: A
                ttl: 20
                endpoints:
                  - { id: primary, address: 192.0.2.10, priority: 1 }
                  - { id: backup, address: 192.0.2.20, priority: 2 }
        """
            .formatted(ownerId));
    DnsProviderFactory memory =
        new DnsProviderFactory() {
          @Override
          public String type() {
            return "memory";
          }

          @Override
          public Set<String> keys() {
            return Set.of();
          }

          @Override
          public Set<String> requiredKeys() {
            return Set.of();
          }

          @Override
          public DnsProvider create(ProviderConfig config) {
            return new InMemoryDnsProvider();
          }
        };
    return new ConfigLoader(Map.of("memory", memory), Map.of())
        .load(file, ConfigLoader.Mode.STRICT)
        .requireConfig();
  }
}

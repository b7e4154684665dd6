package io.dnsfailover.engine.metrics;

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

/**
 * Loads test configs through the real loader, with provider type "memory", for the metrics and
 * server tests.
 */
public final class MemoryConfigs {

  /** One zone, record "app" (A) with primary 192.0.2.10 and backup 192.0.2.20; 50 ms checks. */
  public static final String FAILOVER =
      """
      version: 1
      ownerId: test
      defaults:
        check: { type: tcp, port: 80, interval: 50ms, timeout: 25ms, rise: 2, fall: 2 }
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
      """;

  private MemoryConfigs() {}

  public static Config load(Path dir, String yaml) throws Exception {
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, yaml);
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

package io.dnsfailover.engine;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.testkit.TestConfigLoader;
import java.nio.file.Path;

/** Loads test configs through the real loader, with an in-memory provider type "memory". */
final class TestConfigs {

  private TestConfigs() {}

  static Config load(Path dir, String yaml) throws Exception {
    return TestConfigLoader.load(dir.resolve("config.yaml"), yaml);
  }

  /** One zone, one failover record "app" with endpoints primary (192.0.2.10) and backup. */
  static String failover(String interval, int rise, int fall) {
    return """
        version: 1
        ownerId: test
        defaults:
          check: { type: tcp, port: 80, interval: %s, timeout: %s, rise: %d, fall: %d }
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
        .formatted(interval, halfOf(interval), rise, fall);
  }

  private static String halfOf(String interval) {
    long millis = io.dnsfailover.spi.Durations.parse(interval).toMillis();
    return Math.max(1, millis / 2) + "ms";
  }
}

package io.dnsfailover.engine;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.spi.Durations;
import io.dnsfailover.testkit.OneZoneYaml;
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
    return OneZoneYaml.failover()
        .defaultCheck(
            "{ type: tcp, port: 80, interval: %s, timeout: %s, rise: %d, fall: %d }"
                .formatted(interval, halfOf(interval), rise, fall))
        .text();
  }

  private static String halfOf(String interval) {
    long millis = Durations.parse(interval).toMillis();
    return Math.max(1, millis / 2) + "ms";
  }
}

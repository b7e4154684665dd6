package io.dnsfailover.engine.metrics;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.testkit.OneZoneYaml;
import io.dnsfailover.testkit.TestConfigLoader;
import java.nio.file.Path;

/**
 * Loads test configs through the real loader, with provider type "memory", for the metrics and
 * server tests.
 */
public final class MemoryConfigs {

  /** One zone, record "app" (A) with primary 192.0.2.10 and backup 192.0.2.20; 50 ms checks. */
  public static final String FAILOVER =
      OneZoneYaml.failover()
          .defaultCheck("{ type: tcp, port: 80, interval: 50ms, timeout: 25ms, rise: 2, fall: 2 }")
          .text();

  private MemoryConfigs() {}

  public static Config load(Path dir, String yaml) throws Exception {
    return TestConfigLoader.load(dir.resolve("config.yaml"), yaml);
  }
}

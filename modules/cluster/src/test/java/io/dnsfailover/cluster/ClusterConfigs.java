package io.dnsfailover.cluster;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.testkit.OneZoneYaml;
import io.dnsfailover.testkit.TestConfigLoader;
import java.nio.file.Path;

/** One failover record "app" (primary 192.0.2.10, backup 192.0.2.20), fast checks, rise=fall=1. */
final class ClusterConfigs {

  private ClusterConfigs() {}

  static Config load(Path dir, String ownerId) throws Exception {
    return load(dir.resolve(ownerId + ".yaml"), ownerId, "");
  }

  /** The same config in {@code file}, followed by {@code more} (top-level YAML, e.g. cluster:). */
  static Config load(Path file, String ownerId, String more) throws Exception {
    String yaml =
        OneZoneYaml.failover()
            .ownerId(ownerId)
            .defaultCheck(
                "{ type: tcp, port: 80, interval: 200ms, timeout: 100ms, rise: 1, fall: 1 }")
            .more(more)
            .text();
    return TestConfigLoader.load(file, yaml);
  }
}

package io.dnsfailover.testkit;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.config.ConfigLoader;
import io.dnsfailover.spi.Capabilities;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.DnsProviderFactory;
import io.dnsfailover.spi.Location;
import io.dnsfailover.spi.ProviderConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Loads a test config through the real {@link ConfigLoader}, with two extra provider types, {@code
 * memory} and {@code geomemory} (which answers by location as Route 53 does: {@link #GEO}), whose
 * providers are fresh {@link InMemoryDnsProvider}s (tests usually replace them with their own
 * instance through {@code new Providers(Map.of(name, provider))}).
 */
public final class TestConfigLoader {

  /** The {@code memory} provider type: no settings, an empty in-memory zone. */
  public static final DnsProviderFactory MEMORY =
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

  /** What a {@code geomemory} provider can do: native weights, locations as Route 53 has them. */
  public static final Capabilities GEO =
      new Capabilities(
          true,
          0,
          0,
          Set.of(
              Location.Kind.CONTINENT,
              Location.Kind.COUNTRY,
              Location.Kind.SUBDIVISION,
              Location.Kind.DEFAULT));

  /**
   * The {@code geomemory} provider type: no settings, an empty in-memory zone with {@link #GEO}.
   */
  public static final DnsProviderFactory GEO_MEMORY =
      new DnsProviderFactory() {
        @Override
        public String type() {
          return "geomemory";
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
        public Set<Location.Kind> locationKinds() {
          return GEO.locationKinds();
        }

        @Override
        public DnsProvider create(ProviderConfig config) {
          return new InMemoryDnsProvider(type(), GEO);
        }
      };

  private TestConfigLoader() {}

  /** Writes {@code yaml} to {@code file} and loads it strictly; a problem fails the test. */
  public static Config load(Path file, String yaml) throws Exception {
    Files.writeString(file, yaml);
    return new ConfigLoader(Map.of(MEMORY.type(), MEMORY, GEO_MEMORY.type(), GEO_MEMORY), Map.of())
        .load(file, ConfigLoader.Mode.STRICT)
        .requireConfig();
  }
}

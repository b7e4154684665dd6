package io.dnsfailover.testkit;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.config.ConfigLoader;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.DnsProviderFactory;
import io.dnsfailover.spi.ProviderConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Loads a test config through the real {@link ConfigLoader}, with one extra provider type, {@code
 * memory}, whose providers are fresh {@link InMemoryDnsProvider}s (tests usually replace them with
 * their own instance through {@code new Providers(Map.of(name, provider))}).
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

  private TestConfigLoader() {}

  /** Writes {@code yaml} to {@code file} and loads it strictly; a problem fails the test. */
  public static Config load(Path file, String yaml) throws Exception {
    Files.writeString(file, yaml);
    return new ConfigLoader(Map.of(MEMORY.type(), MEMORY), Map.of())
        .load(file, ConfigLoader.Mode.STRICT)
        .requireConfig();
  }
}

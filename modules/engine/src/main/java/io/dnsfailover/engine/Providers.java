package io.dnsfailover.engine;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.DnsProviderFactory;
import io.dnsfailover.spi.ProviderConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/** The providers a config names, created once and closed together. */
public final class Providers implements AutoCloseable {

  private final Map<String, DnsProvider> byName;

  public Providers(Map<String, DnsProvider> byName) {
    this.byName = Map.copyOf(byName);
  }

  /**
   * Creates every provider of {@code config} with the factories found at run time. The config
   * loader has already checked each type and its keys.
   */
  public static Providers create(Config config, Map<String, DnsProviderFactory> factories) {
    Map<String, DnsProvider> created = new LinkedHashMap<>();
    for (ProviderConfig provider : config.providers().values()) {
      DnsProviderFactory factory = factories.get(provider.type());
      if (factory == null) {
        throw new IllegalArgumentException(
            "provider " + provider.name() + ": no provider module for type " + provider.type());
      }
      created.put(provider.name(), factory.create(provider));
    }
    return new Providers(created);
  }

  /**
   * The same providers, each wrapped by {@code decorator} (given its config name), such as the
   * metrics decorator. Closing the result closes what the decorators close.
   */
  public Providers decorated(BiFunction<String, DnsProvider, DnsProvider> decorator) {
    Map<String, DnsProvider> wrapped = new LinkedHashMap<>();
    byName.forEach((name, provider) -> wrapped.put(name, decorator.apply(name, provider)));
    return new Providers(wrapped);
  }

  public DnsProvider get(String name) {
    DnsProvider provider = byName.get(name);
    if (provider == null) {
      throw new IllegalArgumentException("no provider named " + name);
    }
    return provider;
  }

  @Override
  public void close() {
    byName.values().forEach(DnsProvider::close);
  }
}

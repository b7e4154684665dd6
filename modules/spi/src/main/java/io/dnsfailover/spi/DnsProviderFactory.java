package io.dnsfailover.spi;

import java.util.Set;

/**
 * Creates providers of one type. Factories are found at run time through {@link
 * java.util.ServiceLoader}: a provider module lists its factory in {@code
 * META-INF/services/io.dnsfailover.spi.DnsProviderFactory}.
 */
public interface DnsProviderFactory {

  /** The type name users write in the config: "zonefile", "route53", ... */
  String type();

  /** Every settings key this type accepts besides {@code type}; any other key is a config error. */
  Set<String> keys();

  /** The keys that must be present. */
  Set<String> requiredKeys();

  /**
   * Creates a provider. Throws {@link IllegalArgumentException} naming the key when a setting is
   * invalid; makes no network call (credentials are resolved on first use).
   */
  DnsProvider create(ProviderConfig config);
}

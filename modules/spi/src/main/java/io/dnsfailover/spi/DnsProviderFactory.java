package io.dnsfailover.spi;

import java.util.List;
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
   * Keys whose values are secrets (passwords, TSIG keys). Messages never quote their values, and
   * the config loader never quotes a value read from the environment either.
   */
  default Set<String> secretKeys() {
    return Set.of();
  }

  /**
   * The kinds of {@link Location} a {@code policy: geo} record on a provider of this type may use:
   * empty (the default) when the type cannot answer by location, and then {@code validate} refuses
   * a geo record on it. A type whose kinds include {@link Location.Kind#DEFAULT} needs every geo
   * record to have a {@code default} location. Known without a client, like {@link #keys}, and the
   * same as {@link Capabilities#locationKinds()} of the providers it creates.
   */
  default Set<Location.Kind> locationKinds() {
    return Set.of();
  }

  /**
   * Every problem with the values of {@code config}, each naming its key ({@link SettingProblem}):
   * what {@code dnsfailover validate} reports, located in the file. Runs no network call, resolves
   * no credential and creates no client, so it works in a CI step without access to the provider.
   * The config loader has already checked the keys ({@link #keys}, {@link #requiredKeys}).
   *
   * <p>A value that needs an environment variable that is not set (validation in CI without
   * secrets) holds the text as written, {@code ${VAR}}; the loader drops problems reported at such
   * a key. The default finds no problem.
   */
  default List<SettingProblem> validate(ProviderConfig config) {
    return List.of();
  }

  /**
   * Creates a provider. Throws {@link InvalidSettingsException} (an {@link
   * IllegalArgumentException}) with the problems {@link #validate} reports when a setting is
   * invalid; makes no network call (credentials are resolved on first use).
   */
  DnsProvider create(ProviderConfig config);
}

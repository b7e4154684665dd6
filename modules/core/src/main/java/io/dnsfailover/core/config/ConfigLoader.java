package io.dnsfailover.core.config;

import io.dnsfailover.spi.DnsProviderFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Loads and validates a config file into a {@link Config}, reporting every problem in one pass.
 *
 * <p>The steps, each in its own class: {@link YamlTreeReader} parses the YAML into a tree where
 * every node knows its line and column; {@link ConfigBinder} and the binders it calls check each
 * section and build the model, typing every value through {@link ValueReader} (which substitutes
 * {@code ${VAR}} first); {@link CheckMerger} and {@link CheckBuilder} turn the check layers into
 * each endpoint's check. Problems are collected, never thrown one by one.
 *
 * <p>Thread-safe: a loader keeps no state between loads.
 */
public final class ConfigLoader {

  /** How strictly to treat values that need an unset environment variable. */
  public enum Mode {
    /** Every command that uses the values: an unset {@code ${VAR}} is an error. */
    STRICT,
    /**
     * {@code dnsfailover validate}: an unset {@code ${VAR}} is a warning, so CI can validate a
     * config without production secrets; checks of the value it is in are skipped.
     */
    VALIDATE_ONLY
  }

  private final Map<String, DnsProviderFactory> factoriesByType;
  private final Map<String, String> environment;

  /**
   * @param factoriesByType the installed provider types, to check each provider's keys
   * @param environment the variables {@code ${VAR}} reads, usually {@link System#getenv()}
   */
  public ConfigLoader(
      Map<String, DnsProviderFactory> factoriesByType, Map<String, String> environment) {
    this.factoriesByType = Map.copyOf(factoriesByType);
    this.environment = Map.copyOf(environment);
  }

  /** Every provider factory on the class path, by type. */
  public static Map<String, DnsProviderFactory> discoverFactories() {
    Map<String, DnsProviderFactory> factories = new TreeMap<>();
    for (DnsProviderFactory factory : ServiceLoader.load(DnsProviderFactory.class)) {
      factories.putIfAbsent(factory.type(), factory);
    }
    return factories;
  }

  /**
   * Loads {@code file}.
   *
   * @throws ConfigException holding every problem (errors and warnings) when there is an error
   */
  private static String readFailure(IOException e) {
    return switch (e) {
      case java.nio.file.NoSuchFileException missing -> "no such file";
      case java.nio.file.AccessDeniedException denied -> "permission denied";
      case java.nio.charset.CharacterCodingException coding -> "it is not UTF-8 text";
      default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    };
  }

  public LoadResult load(Path file, Mode mode) throws ConfigException {
    Problems problems = new Problems(file, mode);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          List.of(
              new Problem(
                  Problem.Severity.ERROR,
                  file,
                  0,
                  0,
                  "",
                  "cannot read the file: " + readFailure(e))));
    }
    ValueReader values = new ValueReader(problems, new EnvSubstitution(environment));
    Optional<Config> config =
        new YamlTreeReader(problems)
            .read(text)
            .flatMap(root -> new ConfigBinder(factoriesByType, values).bind(root, file));
    if (problems.hasErrors()) {
      throw new ConfigException(problems.all());
    }
    if (config.isEmpty() && !problems.hasUnresolvedValues()) {
      // Every binder reports before it gives up, so this is a bug in the loader itself.
      throw new IllegalStateException("config did not bind, but no problem was reported");
    }
    return new LoadResult(
        problems.hasUnresolvedValues() ? Optional.empty() : config, problems.warnings());
  }
}

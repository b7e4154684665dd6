package io.dnsfailover.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the config's {@code providers:} block: its name, its type, and its settings with
 * {@code ${ENV}} already substituted. Values are strings, booleans, numbers, lists or maps as YAML
 * gave them. Typed getters throw {@link IllegalArgumentException} naming the key.
 */
public record ProviderConfig(String name, String type, Map<String, Object> settings) {

  public ProviderConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    settings = Map.copyOf(settings);
  }

  public Optional<String> string(String key) {
    Object value = settings.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Map || value instanceof List) {
      throw new IllegalArgumentException(key + " must be a single value");
    }
    return Optional.of(value.toString());
  }

  public String requiredString(String key) {
    return string(key)
        .orElseThrow(() -> new IllegalArgumentException(key + " is required for " + type));
  }

  public Optional<Boolean> bool(String key) {
    return string(key).map(value -> parseBoolean(key, value));
  }

  public Optional<Duration> duration(String key) {
    return string(key).map(Durations::parse);
  }

  @SuppressWarnings("unchecked")
  public List<String> strings(String key) {
    Object value = settings.get(key);
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return ((List<Object>) list).stream().map(String::valueOf).toList();
    }
    return List.of(value.toString());
  }

  /** Names and keys only: a setting's value may be a secret. */
  @Override
  public String toString() {
    return "ProviderConfig[name="
        + name
        + ", type="
        + type
        + ", keys="
        + new java.util.TreeSet<>(settings.keySet())
        + "]";
  }

  private static boolean parseBoolean(String key, String value) {
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(key + " must be true or false, was " + value);
    };
  }
}

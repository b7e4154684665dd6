package io.dnsfailover.core.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A config that loaded, with the warnings found on the way.
 *
 * @param config always present in {@link ConfigLoader.Mode#STRICT}; empty in {@link
 *     ConfigLoader.Mode#VALIDATE_ONLY} when an unset {@code ${VAR}} left a value unknown, so no
 *     complete model could be built (the warnings say which)
 * @param warnings in file order
 */
public record LoadResult(Optional<Config> config, List<Problem> warnings) {

  public LoadResult {
    Objects.requireNonNull(config, "config");
    warnings = List.copyOf(warnings);
  }

  /** The config; throws {@link IllegalStateException} when a validate-only load left it unknown. */
  public Config requireConfig() {
    return config.orElseThrow(
        () -> new IllegalStateException("the config has values from unset environment variables"));
  }
}

package io.dnsfailover.core.config;

import io.dnsfailover.core.config.CheckLayer.Located;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Merges the check layers of one endpoint. Its own layer is the endpoint's {@code check} when it
 * has one, else the record's (an endpoint's check replaces the record's entirely); {@code
 * defaults.check} then supplies each key the own layer does not set, but only keys that apply to
 * the resulting check type, because a default {@code port} for tcp checks must not break an http
 * check.
 */
final class CheckMerger {

  /** The merged keys and the check type they are for. */
  record Merged(String type, Map<String, Located> entries) {}

  private CheckMerger() {}

  /**
   * The merged check, or empty when there is no type to build (reported here when missing, and
   * already reported when invalid).
   *
   * @param own the endpoint's or the record's check; at least one of own and defaults is present
   */
  static Optional<Merged> merge(
      Optional<CheckLayer> own, Optional<CheckLayer> defaults, Problems problems) {
    boolean ownSetsType = own.map(CheckLayer::setsType).orElse(false);
    Optional<String> type =
        ownSetsType ? own.flatMap(CheckLayer::type) : defaults.flatMap(CheckLayer::type);
    boolean typeWritten = ownSetsType || defaults.map(CheckLayer::setsType).orElse(false);
    if (!typeWritten) {
      CheckLayer missing = own.or(() -> defaults).orElseThrow();
      problems.error(
          missing.mapping(),
          KeyPaths.key(missing.path(), "type"),
          "required key is missing: give the check a type, one of "
              + String.join(", ", CheckKeys.TYPES));
      return Optional.empty();
    }
    if (type.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Located> entries = new LinkedHashMap<>();
    own.ifPresent(layer -> entries.putAll(layer.entries()));
    defaults.ifPresent(
        layer ->
            layer
                .entries()
                .forEach(
                    (key, value) -> {
                      if (CheckKeys.appliesTo(key, type.get())) {
                        entries.putIfAbsent(key, value);
                      }
                    }));
    return Optional.of(new Merged(type.get(), entries));
  }
}

package io.dnsfailover.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The keys of one mapping in the config, read through a {@link ValueReader}: knows the mapping's
 * key path, reports unknown and missing keys, and types each value at its own location.
 */
final class Fields {

  private final Node.Mapping mapping;
  private final String path;
  private final ValueReader values;

  Fields(Node.Mapping mapping, String path, ValueReader values) {
    this.mapping = mapping;
    this.path = path;
    this.values = values;
  }

  /** The node as a mapping of keys, or empty after reporting what was found instead. */
  static Optional<Fields> of(Node node, String path, ValueReader values, String expected) {
    return values.mapping(node, path, expected).map(mapping -> new Fields(mapping, path, values));
  }

  Node.Mapping mapping() {
    return mapping;
  }

  String path() {
    return path;
  }

  String path(String key) {
    return KeyPaths.key(path, key);
  }

  ValueReader values() {
    return values;
  }

  /** Reports each key not in {@code allowed}, at the key, naming the allowed keys. */
  void allowOnly(List<String> allowed, String where) {
    for (Node.Entry entry : mapping.entries()) {
      String key = entry.key().text();
      if (!allowed.contains(key)) {
        values
            .problems()
            .error(
                entry.key(),
                path(key),
                "unknown key in " + where + ": allowed keys are " + String.join(", ", allowed));
      }
    }
  }

  Optional<Node> get(String key) {
    return mapping.get(key);
  }

  /** The key's value; when it is missing, reports that at this mapping. */
  Optional<Node> required(String key, String hint) {
    Optional<Node> node = mapping.get(key);
    if (node.isEmpty()) {
      values.problems().error(mapping, path(key), "required key is missing: " + hint);
    }
    return node;
  }

  Optional<String> text(String key, String expected) {
    return get(key).flatMap(node -> values.text(node, path(key), expected));
  }

  Optional<String> requiredText(String key, String expected) {
    return required(key, "write " + expected)
        .flatMap(node -> values.text(node, path(key), expected));
  }

  Optional<Integer> integer(String key, int min, int max) {
    return get(key).flatMap(node -> values.integer(node, path(key), min, max));
  }

  Optional<Boolean> bool(String key) {
    return get(key).flatMap(node -> values.bool(node, path(key)));
  }

  Optional<Duration> duration(String key) {
    return get(key).flatMap(node -> values.duration(node, path(key)));
  }

  Optional<String> choice(String key, List<String> allowed) {
    return get(key).flatMap(node -> values.choice(node, path(key), allowed));
  }
}

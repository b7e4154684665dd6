package io.dnsfailover.core.config;

import java.util.List;
import java.util.Optional;

/**
 * The config file as a tree of YAML nodes, each with the 1-based line and column where it starts,
 * so every problem can point at the text it is about. Scalars keep the text exactly as the file has
 * it; {@code ${VAR}} substitution and typing happen later, in {@link ValueReader}.
 */
sealed interface Node {

  int line();

  int column();

  /** How a message names what was found here: "'abc'", "a list", "a mapping", "nothing". */
  String describe();

  /**
   * A single value.
   *
   * @param text the value as the file wrote it (quotes and escapes already resolved by YAML)
   * @param isNull an empty value, {@code null} or {@code ~}
   * @param implicitType YAML's reading of a plain scalar: "bool", "int", "float" or "str"
   */
  record Scalar(String text, boolean isNull, String implicitType, int line, int column)
      implements Node {
    @Override
    public String describe() {
      return isNull ? "nothing" : "'" + text + "'";
    }
  }

  /** A mapping; a key appears at most once (the tree reader reports and drops duplicates). */
  record Mapping(List<Entry> entries, int line, int column) implements Node {
    public Mapping {
      entries = List.copyOf(entries);
    }

    Optional<Entry> entry(String key) {
      for (Entry entry : entries) {
        if (entry.key().text().equals(key)) {
          return Optional.of(entry);
        }
      }
      return Optional.empty();
    }

    Optional<Node> get(String key) {
      return entry(key).map(Entry::value);
    }

    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /** One key and its value. */
  record Entry(Scalar key, Node value) {}

  /** A list. */
  record Sequence(List<Node> items, int line, int column) implements Node {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }
}

package io.dnsfailover.core.config;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML text into a located {@link Node} tree. Uses snakeyaml's composer, which keeps the
 * position of every node, and never constructs Java objects from tags (so no YAML type can run
 * code). Duplicate keys are reported here, because the tree keeps only the first.
 */
final class YamlTreeReader {

  private final Problems problems;
  private final Set<org.yaml.snakeyaml.nodes.Node> inProgress =
      Collections.newSetFromMap(new IdentityHashMap<>());

  YamlTreeReader(Problems problems) {
    this.problems = problems;
  }

  /** The document's root, or empty after reporting a syntax error or an empty file. */
  Optional<Node> read(String text) {
    org.yaml.snakeyaml.nodes.Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String message = "YAML syntax error: " + e.getProblem();
      if (mark == null) {
        problems.error(1, 1, message);
      } else {
        problems.error(mark.getLine() + 1, mark.getColumn() + 1, message);
      }
      return Optional.empty();
    } catch (YAMLException e) {
      problems.error(1, 1, "YAML error: " + e.getMessage());
      return Optional.empty();
    }
    if (root == null) {
      problems.error(1, 1, "the file is empty: a config needs at least version, ownerId and zones");
      return Optional.empty();
    }
    return Optional.of(convert(root, ""));
  }

  private Node convert(org.yaml.snakeyaml.nodes.Node node, String path) {
    Mark start = node.getStartMark();
    int line = start.getLine() + 1;
    int column = start.getColumn() + 1;
    if (!inProgress.add(node)) {
      // An alias that refers to one of its own ancestors: the tree would be infinite.
      Node.Scalar empty = new Node.Scalar("", true, "null", line, column);
      problems.error(empty, path, "an alias refers to a mapping or list that contains it");
      return empty;
    }
    try {
      return switch (node) {
        case ScalarNode scalar -> scalar(scalar);
        case SequenceNode sequence -> {
          List<Node> items = new ArrayList<>();
          for (org.yaml.snakeyaml.nodes.Node item : sequence.getValue()) {
            items.add(convert(item, KeyPaths.index(path, items.size())));
          }
          yield new Node.Sequence(items, line, column);
        }
        case MappingNode mapping -> mapping(mapping, path, line, column);
        default -> throw new IllegalStateException("unknown YAML node " + node.getNodeId());
      };
    } finally {
      inProgress.remove(node);
    }
  }

  private Node.Mapping mapping(MappingNode mapping, String path, int line, int column) {
    List<Node.Entry> entries = new ArrayList<>();
    Map<String, Node.Scalar> seen = new HashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      org.yaml.snakeyaml.nodes.Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode scalarKey)) {
        Node key = convert(keyNode, path);
        problems.error(key, path, "a key must be plain text, not " + key.describe());
        continue;
      }
      Node.Scalar key = scalar(scalarKey);
      String keyPath = KeyPaths.key(path, key.text());
      Node.Scalar first = seen.putIfAbsent(key.text(), key);
      if (first != null) {
        problems.error(
            key,
            keyPath,
            "duplicate key: already set at line " + first.line() + "; give each key once");
        continue;
      }
      entries.add(new Node.Entry(key, convert(tuple.getValueNode(), keyPath)));
    }
    return new Node.Mapping(entries, line, column);
  }

  private static Node.Scalar scalar(ScalarNode scalar) {
    Mark start = scalar.getStartMark();
    Tag tag = scalar.getTag();
    boolean isNull = tag.equals(Tag.NULL);
    String implicitType;
    if (tag.equals(Tag.BOOL)) {
      implicitType = "bool";
    } else if (tag.equals(Tag.INT)) {
      implicitType = "int";
    } else if (tag.equals(Tag.FLOAT)) {
      implicitType = "float";
    } else {
      implicitType = isNull ? "null" : "str";
    }
    return new Node.Scalar(
        scalar.getValue(), isNull, implicitType, start.getLine() + 1, start.getColumn() + 1);
  }
}

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
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

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
      // What Yaml.compose does, with a quicker resolver.
      LoaderOptions options = new LoaderOptions();
      root =
          new Composer(
                  new ParserImpl(new StreamReader(new StringReader(text)), options),
                  new QuickResolver(),
                  options)
              .getSingleNode();
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
    return Optional.of(convert(root, Trail.ROOT));
  }

  /**
   * Where a node sits, as the parts of its key path: the path's text is only built for a message,
   * not for each of the tens of thousands of nodes of a large config.
   */
  private record Trail(Trail parent, String key, int index) {
    static final Trail ROOT = new Trail(null, "", -1);

    Trail key(String child) {
      return new Trail(this, child, -1);
    }

    Trail index(int child) {
      return new Trail(this, null, child);
    }

    String path() {
      if (parent == null) {
        return key;
      }
      return key == null ? KeyPaths.index(parent.path(), index) : KeyPaths.key(parent.path(), key);
    }
  }

  private Node convert(org.yaml.snakeyaml.nodes.Node node, Trail trail) {
    Mark start = node.getStartMark();
    int line = start.getLine() + 1;
    int column = start.getColumn() + 1;
    if (!inProgress.add(node)) {
      // An alias that refers to one of its own ancestors: the tree would be infinite.
      Node.Scalar empty = new Node.Scalar("", true, "null", line, column);
      problems.error(empty, trail.path(), "an alias refers to a mapping or list that contains it");
      return empty;
    }
    try {
      return switch (node) {
        case ScalarNode scalar -> scalar(scalar);
        case SequenceNode sequence -> {
          List<Node> items = new ArrayList<>();
          for (org.yaml.snakeyaml.nodes.Node item : sequence.getValue()) {
            items.add(convert(item, trail.index(items.size())));
          }
          yield new Node.Sequence(items, line, column);
        }
        case MappingNode mapping -> mapping(mapping, trail, line, column);
        default -> throw new IllegalStateException("unknown YAML node " + node.getNodeId());
      };
    } finally {
      inProgress.remove(node);
    }
  }

  private Node.Mapping mapping(MappingNode mapping, Trail trail, int line, int column) {
    List<Node.Entry> entries = new ArrayList<>();
    Map<String, Node.Scalar> seen = new HashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      org.yaml.snakeyaml.nodes.Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode scalarKey)) {
        Node key = convert(keyNode, trail);
        problems.error(key, trail.path(), "a key must be plain text, not " + key.describe());
        continue;
      }
      Node.Scalar key = scalar(scalarKey);
      Trail keyTrail = trail.key(key.text());
      Node.Scalar first = seen.putIfAbsent(key.text(), key);
      if (first != null) {
        problems.error(
            key,
            keyTrail.path(),
            "duplicate key: already set at line " + first.line() + "; give each key once");
        continue;
      }
      entries.add(new Node.Entry(key, convert(tuple.getValueNode(), keyTrail)));
    }
    return new Node.Mapping(entries, line, column);
  }

  /**
   * snakeyaml's resolver (which tells a plain {@code true}, {@code ~} or {@code 10} from text),
   * with shortcuts for the values its implicit types cannot match, and its other answers remembered
   * per value. Each answer otherwise costs one to three regular expressions, and names and
   * addresses (unique per record) made the resolver a tenth of the time a large config took to
   * load.
   *
   * <p>The shortcuts follow from snakeyaml's resolvers, which are chosen by a value's first
   * character: only bool ({@code yes|no|true|false|on|off} in three casings, at most 5 characters)
   * and null ({@code null} in three casings) start with a letter, and only with one of {@code
   * yYnNtTfFoO}; no int, float or timestamp has two dots. ResolverTest compares the two on many
   * values.
   */
  static final class QuickResolver extends Resolver {
    private static final String BOOL_OR_NULL_INITIALS = "yYnNtTfFoO";
    private static final int LONGEST_BOOL_OR_NULL = 5;
    private static final int MAX_REMEMBERED_LENGTH = 64;
    private static final int MAX_REMEMBERED = 4096;

    private final Map<String, Tag> remembered = new HashMap<>();

    @Override
    public Tag resolve(NodeId kind, String value, boolean implicit) {
      if (kind != NodeId.scalar || !implicit || value.isEmpty()) {
        return super.resolve(kind, value, implicit);
      }
      if (isText(value)) {
        return Tag.STR;
      }
      if (value.length() > MAX_REMEMBERED_LENGTH) {
        return super.resolve(kind, value, implicit);
      }
      Tag known = remembered.get(value);
      if (known == null) {
        known = super.resolve(kind, value, implicit);
        if (remembered.size() < MAX_REMEMBERED) {
          remembered.put(value, known);
        }
      }
      return known;
    }

    /** True when no implicit type but text can match {@code value} (not empty). */
    static boolean isText(String value) {
      char first = value.charAt(0);
      if ((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z')) {
        return BOOL_OR_NULL_INITIALS.indexOf(first) < 0 || value.length() > LONGEST_BOOL_OR_NULL;
      }
      int dot = value.indexOf('.');
      return dot >= 0 && value.indexOf('.', dot + 1) >= 0;
    }
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

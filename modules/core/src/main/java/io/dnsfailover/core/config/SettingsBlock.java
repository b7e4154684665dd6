package io.dnsfailover.core.config;

import io.dnsfailover.spi.SettingProblem;
import io.dnsfailover.spi.SettingsCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A block of the config whose values a {@link SettingsCheck}-based reader checks, outside core: a
 * provider's block ({@link io.dnsfailover.spi.DnsProviderFactory#validate}) and {@code
 * cluster.etcd} ({@link io.dnsfailover.etcd.EtcdConnectionReader}). Gives the reader the values as
 * plain Java values with {@code ${VAR}} substituted, and turns each {@link SettingProblem} it
 * reports back into a located problem: {@code FILE:LINE:COL: <block>.<key>: message}.
 */
final class SettingsBlock {

  private final Fields fields;
  private final Map<String, Object> settings;
  private final Set<String> unresolved;

  private SettingsBlock(Fields fields, Map<String, Object> settings, Set<String> unresolved) {
    this.fields = fields;
    this.settings = settings;
    this.unresolved = unresolved;
  }

  /** The keys of {@code fields} that {@code include} accepts; keys without a value are left out. */
  static SettingsBlock read(Fields fields, Predicate<String> include) {
    Map<String, Object> settings = new LinkedHashMap<>();
    Set<String> unresolved = new TreeSet<>();
    for (Node.Entry entry : fields.mapping().entries()) {
      String key = entry.key().text();
      if (!include.test(key) || isNull(entry.value())) {
        continue;
      }
      settings.put(key, plain(fields.values(), entry.value(), fields.path(key), key, unresolved));
    }
    return new SettingsBlock(fields, settings, unresolved);
  }

  /**
   * Plain values: strings, YAML booleans and integers, lists and maps; a value whose variables are
   * not set stays as written.
   */
  Map<String, Object> settings() {
    return settings;
  }

  /** True when some value needs an environment variable that is not set (already reported). */
  boolean hasUnresolved() {
    return !unresolved.isEmpty();
  }

  /**
   * Reports each problem at the node its key names, except a problem with a value whose variables
   * are not set (that value was not known; its unset variable is reported already). Returns whether
   * every problem was left out, or there was none.
   */
  boolean report(List<SettingProblem> problems) {
    boolean none = true;
    for (SettingProblem problem : problems) {
      if (unresolved.stream().noneMatch(key -> within(problem.key(), key))) {
        fields
            .values()
            .problems()
            .error(
                locate(fields.mapping(), problem.key()),
                fields.path(problem.key()),
                problem.message());
        none = false;
      }
    }
    return none;
  }

  /**
   * True when {@code key} is {@code parent} or lies inside it ({@code tsig.secret} in {@code
   * tsig}).
   */
  private static boolean within(String key, String parent) {
    return key.equals(parent) || key.startsWith(parent + ".") || key.startsWith(parent + "[");
  }

  /**
   * The node a setting's key path names ({@code tsig.secret}, {@code endpoints[1]}), or the deepest
   * node on the way to it when the file does not have it (a required key left out).
   */
  static Node locate(Node.Mapping block, String key) {
    Node at = block;
    for (String segment : key.split("\\.")) {
      int bracket = segment.indexOf('[');
      String name = bracket < 0 ? segment : segment.substring(0, bracket);
      if (!(at instanceof Node.Mapping mapping) || mapping.get(name).isEmpty()) {
        return at;
      }
      at = mapping.get(name).orElseThrow();
      for (int open = bracket; open >= 0; open = segment.indexOf('[', open + 1)) {
        int close = segment.indexOf(']', open);
        int index;
        try {
          index =
              Integer.parseInt(segment.substring(open + 1, close < 0 ? segment.length() : close));
        } catch (NumberFormatException e) {
          return at;
        }
        if (!(at instanceof Node.Sequence sequence)
            || index < 0
            || index >= sequence.items().size()) {
          return at;
        }
        at = sequence.items().get(index);
      }
    }
    return at;
  }

  private static boolean isNull(Node node) {
    return node instanceof Node.Scalar scalar && scalar.isNull();
  }

  /**
   * A setting as plain Java values, variables substituted; YAML booleans and integers kept. A value
   * whose variables cannot be substituted stays as written, and its key (relative to the block)
   * goes into {@code unresolved}: the substitution problem is already reported.
   */
  private static Object plain(
      ValueReader values, Node node, String path, String key, Set<String> unresolved) {
    return switch (node) {
      case Node.Scalar scalar -> {
        Optional<String> text = values.substitute(scalar, path);
        if (text.isEmpty()) {
          unresolved.add(key);
          yield scalar.text();
        }
        yield scalar.text().contains("${") ? text.get() : typed(scalar);
      }
      case Node.Sequence sequence -> {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < sequence.items().size(); i++) {
          items.add(
              plain(
                  values,
                  sequence.items().get(i),
                  KeyPaths.index(path, i),
                  KeyPaths.index(key, i),
                  unresolved));
        }
        yield List.copyOf(items);
      }
      case Node.Mapping mapping -> {
        Map<String, Object> entries = new LinkedHashMap<>();
        for (Node.Entry entry : mapping.entries()) {
          String child = entry.key().text();
          entries.put(
              child,
              plain(
                  values,
                  entry.value(),
                  KeyPaths.key(path, child),
                  KeyPaths.key(key, child),
                  unresolved));
        }
        yield entries;
      }
    };
  }

  private static Object typed(Node.Scalar scalar) {
    String text = scalar.text();
    return switch (scalar.implicitType()) {
      // YAML 1.1 also reads yes/no/on/off as booleans; only true and false become one here.
      case "bool" ->
          text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")
              ? Boolean.valueOf(text)
              : text;
      case "int" -> {
        try {
          yield Long.valueOf(text);
        } catch (NumberFormatException e) {
          yield text; // 0x1F, 1_000 and other YAML spellings stay text
        }
      }
      default -> text;
    };
  }
}

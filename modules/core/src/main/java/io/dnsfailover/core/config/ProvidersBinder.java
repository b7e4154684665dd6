package io.dnsfailover.core.config;

import io.dnsfailover.spi.DnsProviderFactory;
import io.dnsfailover.spi.ProviderConfig;
import io.dnsfailover.spi.SettingProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Binds the {@code providers:} block: each entry's {@code type} must name an installed factory, and
 * its other keys must be ones that factory declares.
 */
final class ProvidersBinder {

  /**
   * @param declared every provider name the file defines, valid or not, so a zone that names a
   *     broken provider is not reported a second time as naming an unknown one
   * @param valid the providers that bound without a problem
   * @param types the type of every declared provider whose type is installed, valid or not, so that
   *     records are judged against their provider's type even when its settings are wrong
   */
  record Providers(
      Set<String> declared, Map<String, ProviderConfig> valid, Map<String, String> types) {}

  private final Map<String, DnsProviderFactory> factories;
  private final ValueReader values;

  ProvidersBinder(Map<String, DnsProviderFactory> factories, ValueReader values) {
    this.factories = factories;
    this.values = values;
  }

  Providers bind(Fields top) {
    Set<String> declared = new TreeSet<>();
    Map<String, ProviderConfig> valid = new LinkedHashMap<>();
    Map<String, String> types = new LinkedHashMap<>();
    Optional<Fields> providers =
        top.required("providers", "define at least one provider, like local: {type: zonefile}")
            .flatMap(
                node ->
                    Fields.of(
                        node, "providers", values, "a mapping of provider names to settings"));
    if (providers.isEmpty()) {
      return new Providers(declared, valid, types);
    }
    for (Node.Entry entry : providers.get().mapping().entries()) {
      String name = entry.key().text();
      declared.add(name);
      bind(name, entry.value(), types).ifPresent(config -> valid.put(name, config));
    }
    if (providers.get().mapping().entries().isEmpty()) {
      values
          .problems()
          .error(
              providers.get().mapping(),
              "providers",
              "is empty: define at least one provider, like local: {type: zonefile}");
    }
    return new Providers(declared, valid, types);
  }

  private Optional<ProviderConfig> bind(String name, Node node, Map<String, String> types) {
    String path = Paths.key("providers", name);
    Optional<Fields> maybeFields =
        Fields.of(node, path, values, "a mapping with the provider's type and settings");
    if (maybeFields.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = maybeFields.get();
    String known =
        factories.isEmpty()
            ? "(none installed)"
            : String.join(", ", new TreeSet<>(factories.keySet()));
    Optional<String> type = fields.requiredText("type", "a provider type, one of " + known);
    Optional<DnsProviderFactory> factory = type.map(factories::get);
    if (type.isPresent() && factory.isEmpty()) {
      values
          .problems()
          .error(
              fields.get("type").orElseThrow(),
              fields.path("type"),
              fields.get("type").orElseThrow().describe()
                  + " is not a known provider type: known types are "
                  + known);
    }
    if (factory.isEmpty()) {
      return Optional.empty();
    }
    types.put(name, type.get());
    List<String> allowed = new ArrayList<>();
    allowed.add("type");
    allowed.addAll(new TreeSet<>(factory.get().keys()));
    int before = values.problems().count();
    fields.allowOnly(allowed, "a " + type.get() + " provider");
    for (String required : new TreeSet<>(factory.get().requiredKeys())) {
      if (fields.get(required).filter(value -> !isNull(value)).isEmpty()) {
        values
            .problems()
            .error(
                fields.mapping(),
                fields.path(required),
                "required key is missing: " + type.get() + " providers need " + required);
      }
    }
    if (values.problems().count() > before) {
      return Optional.empty(); // unknown or missing keys: the values are not checked on top
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    Set<String> unresolved = new TreeSet<>();
    for (Node.Entry entry : fields.mapping().entries()) {
      String key = entry.key().text();
      if (key.equals("type") || !allowed.contains(key) || isNull(entry.value())) {
        continue;
      }
      settings.put(key, plain(entry.value(), fields.path(key), key, unresolved));
    }
    ProviderConfig config = new ProviderConfig(name, type.get(), settings);
    boolean valid = unresolved.isEmpty();
    for (SettingProblem problem : factory.get().validate(config)) {
      if (unresolved.stream().noneMatch(key -> within(problem.key(), key))) {
        values
            .problems()
            .error(
                locate(fields.mapping(), problem.key()),
                fields.path(problem.key()),
                problem.message());
        valid = false;
      }
    }
    return valid ? Optional.of(config) : Optional.empty();
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
   * whose variables cannot be substituted stays as written, and its key (relative to the provider
   * block) goes into {@code unresolved}: the substitution problem is already reported.
   */
  private Object plain(Node node, String path, String key, Set<String> unresolved) {
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
                  sequence.items().get(i), Paths.index(path, i), Paths.index(key, i), unresolved));
        }
        yield List.copyOf(items);
      }
      case Node.Mapping mapping -> {
        Map<String, Object> entries = new LinkedHashMap<>();
        for (Node.Entry entry : mapping.entries()) {
          String child = entry.key().text();
          entries.put(
              child,
              plain(entry.value(), Paths.key(path, child), Paths.key(key, child), unresolved));
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

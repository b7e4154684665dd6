package io.dnsfailover.core.config;

import io.dnsfailover.spi.DnsProviderFactory;
import io.dnsfailover.spi.ProviderConfig;
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
    String path = KeyPaths.key("providers", name);
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
    SettingsBlock block =
        SettingsBlock.read(fields, key -> !key.equals("type") && allowed.contains(key));
    ProviderConfig config = new ProviderConfig(name, type.get(), block.settings());
    boolean valid = block.report(factory.get().validate(config)) && !block.hasUnresolved();
    return valid ? Optional.of(config) : Optional.empty();
  }

  private static boolean isNull(Node node) {
    return node instanceof Node.Scalar scalar && scalar.isNull();
  }
}

package io.dnsfailover.core.config;

import io.dnsfailover.spi.DnsName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Binds the {@code zones:} list: each zone's name, its provider, and its records. */
final class ZonesBinder {

  static final List<String> KEYS = List.of("name", "provider", "records", "verify");

  private final ValueReader values;
  private final RecordBinder records;
  private final VerifyBinder verify;

  ZonesBinder(ValueReader values, GeoRules geo) {
    this.values = values;
    this.records = new RecordBinder(values, new RecordRules(values.problems()), geo);
    this.verify = new VerifyBinder(values);
  }

  /** The zones, or empty when any of them did not bind (every problem reported). */
  Optional<List<ZoneConfig>> bind(
      Fields top, Set<String> providers, RecordBinder.Defaults defaults) {
    Optional<Node.Sequence> list =
        top.required("zones", "list the zones to manage, like - {name: example.test., ...}")
            .flatMap(node -> values.list(node, "zones", "a list of zones"));
    if (list.isEmpty()) {
      return Optional.empty();
    }
    if (list.get().items().isEmpty()) {
      values.problems().error(list.get(), "zones", "is empty: list at least one zone");
      return Optional.empty();
    }
    List<ZoneConfig> zones = new ArrayList<>();
    Map<DnsName, Node> seen = new HashMap<>();
    boolean complete = true;
    for (int i = 0; i < list.get().items().size(); i++) {
      Optional<ZoneConfig> zone =
          zone(list.get().items().get(i), KeyPaths.index("zones", i), providers, defaults, seen);
      zone.ifPresent(zones::add);
      complete &= zone.isPresent();
    }
    return complete ? Optional.of(zones) : Optional.empty();
  }

  private Optional<ZoneConfig> zone(
      Node node,
      String path,
      Set<String> providers,
      RecordBinder.Defaults defaults,
      Map<DnsName, Node> seen) {
    Optional<Fields> maybeFields =
        Fields.of(node, path, values, "a zone (a mapping with name, provider and records)");
    if (maybeFields.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = maybeFields.get();
    fields.allowOnly(KEYS, "a zone");
    Optional<DnsName> name = name(fields, seen);
    Optional<String> provider = provider(fields, providers);
    Optional<Node.Sequence> list =
        fields
            .required("records", "list the records to manage in this zone")
            .flatMap(at -> values.list(at, fields.path("records"), "a list of records"));
    List<RecordConfig> bound = new ArrayList<>();
    boolean complete = list.isPresent();
    if (list.isPresent() && list.get().items().isEmpty()) {
      values
          .problems()
          .error(list.get(), fields.path("records"), "is empty: list at least one record");
      complete = false;
    }
    for (int i = 0; list.isPresent() && i < list.get().items().size(); i++) {
      Optional<RecordConfig> record =
          records.bind(
              list.get().items().get(i),
              KeyPaths.index(fields.path("records"), i),
              name,
              defaults,
              provider);
      record.ifPresent(bound::add);
      complete &= record.isPresent();
    }
    Optional<Optional<VerifyConfig>> verifying = verify.bind(fields);
    if (!complete || name.isEmpty() || provider.isEmpty() || verifying.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ZoneConfig(name.get(), provider.get(), bound, verifying.get()));
  }

  private Optional<DnsName> name(Fields fields, Map<DnsName, Node> seen) {
    Optional<String> text =
        fields.requiredText("name", "the zone's DNS name, like example.test.").map(String::trim);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Node at = fields.get("name").orElseThrow();
    if (!Addresses.isOwnerName(text.get())) {
      values
          .problems()
          .error(
              at,
              fields.path("name"),
              at.describe()
                  + " is not a DNS name: write the zone's name, like example.test. (the trailing"
                  + " dot is optional)");
      return Optional.empty();
    }
    DnsName name = DnsName.of(text.get());
    Node first = seen.putIfAbsent(name, at);
    if (first != null) {
      values
          .problems()
          .error(
              at,
              fields.path("name"),
              "zone "
                  + name
                  + " is already listed at line "
                  + first.line()
                  + ": list each zone once, with all its records");
    }
    return Optional.of(name);
  }

  private Optional<String> provider(Fields fields, Set<String> providers) {
    String known = providers.isEmpty() ? "(none defined)" : String.join(", ", providers);
    Optional<String> provider =
        fields
            .requiredText("provider", "the name of an entry of providers: " + known)
            .map(String::trim);
    if (provider.isPresent() && !providers.contains(provider.get())) {
      Node at = fields.get("provider").orElseThrow();
      values
          .problems()
          .error(
              at,
              fields.path("provider"),
              at.describe() + " is not a provider defined in providers: defined are " + known);
      return Optional.empty();
    }
    return provider;
  }
}

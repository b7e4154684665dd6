package io.dnsfailover.core.config;

import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.RecordType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Binds one entry of a zone's {@code records:} list, with its endpoints. */
final class RecordBinder {

  static final List<String> KEYS =
      List.of("name", "type", "ttl", "policy", "whenAllDown", "adopt", "check", "endpoints");
  static final List<String> TYPES = List.of("A", "AAAA", "CNAME");
  static final List<String> POLICIES = List.of("failover", "weighted", "multivalue", "geo");
  static final List<String> WHEN_ALL_DOWN = List.of("keep", "all", "none");

  /** What records inherit from the {@code defaults:} block. */
  record Defaults(int ttl, Optional<CheckLayer> check) {}

  private final ValueReader values;
  private final EndpointBinder endpoints;
  private final RecordRules rules;
  private final GeoRules geo;

  RecordBinder(ValueReader values, RecordRules rules, GeoRules geo) {
    this.values = values;
    this.endpoints = new EndpointBinder(values);
    this.rules = rules;
    this.geo = geo;
  }

  /**
   * @param zone empty when the zone's own name is wrong; the record is still checked
   * @param provider the zone's provider, when it names one the file declares
   */
  Optional<RecordConfig> bind(
      Node node,
      String path,
      Optional<DnsName> zone,
      Defaults defaults,
      Optional<String> provider) {
    Optional<Fields> maybeFields =
        Fields.of(node, path, values, "a record (a mapping with name, type and endpoints)");
    if (maybeFields.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = maybeFields.get();
    fields.allowOnly(KEYS, "a record");
    Optional<DnsName> name = name(fields, zone);
    Optional<RecordType> type =
        fields
            .required("type", "the record type, one of " + String.join(", ", TYPES))
            .flatMap(at -> values.choice(at, fields.path("type"), TYPES))
            .map(RecordType::valueOf);
    if (name.isPresent() && type.isPresent()) {
      rules.add(name.get(), type.get(), path, fields.get("name").orElseThrow());
      if (type.get() == RecordType.CNAME && zone.filter(name.get()::equals).isPresent()) {
        refuseCnameAtApex(fields, name.get());
      }
    }
    Optional<Integer> ttl =
        fields.get("ttl").isPresent() ? Ttl.read(fields, "ttl") : Optional.of(defaults.ttl());
    Optional<Policy> policy =
        fields.get("policy").isPresent()
            ? fields.choice("policy", POLICIES).map(RecordBinder::constant).map(Policy::valueOf)
            : Optional.of(Policy.FAILOVER);
    Optional<WhenAllDown> whenAllDown =
        fields.get("whenAllDown").isPresent()
            ? fields
                .choice("whenAllDown", WHEN_ALL_DOWN)
                .map(RecordBinder::constant)
                .map(WhenAllDown::valueOf)
            : Optional.of(WhenAllDown.KEEP);
    Optional<Boolean> adopt =
        fields.get("adopt").isPresent() ? fields.bool("adopt") : Optional.of(false);
    Optional<CheckLayer> check =
        fields.get("check").flatMap(at -> CheckLayer.read(at, fields.path("check"), values));

    EndpointBinder.RecordContext context =
        new EndpointBinder.RecordContext(name, type, fields.get("check"), check, defaults.check());
    List<EndpointBinder.Bound> bound = endpoints(fields, context);
    if (type.filter(RecordType.CNAME::equals).isPresent()
        && bound.size() > 1
        && policy.filter(Policy.GEO::equals).isEmpty()) {
      checkSingleTarget(fields, policy, whenAllDown, bound);
    }
    geo.check(fields, type, policy, whenAllDown, bound, provider);

    List<EndpointConfig> configs =
        bound.stream().flatMap(endpoint -> endpoint.config().stream()).toList();
    if (name.isEmpty()
        || type.isEmpty()
        || ttl.isEmpty()
        || policy.isEmpty()
        || whenAllDown.isEmpty()
        || adopt.isEmpty()
        || bound.isEmpty()
        || configs.size() != bound.size()) {
      return Optional.empty();
    }
    return Optional.of(
        new RecordConfig(
            name.get(),
            type.get(),
            ttl.get(),
            policy.get(),
            whenAllDown.get(),
            adopt.get(),
            configs));
  }

  private Optional<DnsName> name(Fields fields, Optional<DnsName> zone) {
    String expected = "a name relative to the zone, @ for the apex, or a full name ending in a dot";
    Optional<String> text = fields.requiredText("name", expected).map(String::trim);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Node at = fields.get("name").orElseThrow();
    if (!text.get().equals("@") && !Addresses.isOwnerName(text.get())) {
      values
          .problems()
          .error(
              at,
              fields.path("name"),
              at.describe()
                  + " is not a DNS name: use labels of letters, digits, '-' and '_' separated by"
                  + " dots; "
                  + expected);
      return Optional.empty();
    }
    if (zone.isEmpty()) {
      return Optional.empty();
    }
    DnsName name = DnsName.resolve(text.get(), zone.get());
    if (!name.isIn(zone.get())) {
      values
          .problems()
          .error(
              at,
              fields.path("name"),
              at.describe()
                  + " is not in zone "
                  + zone.get()
                  + ": write a name relative to the zone, @ for the apex, or a full name ending in"
                  + " ."
                  + zone.get());
      return Optional.empty();
    }
    if (name.isMarker()) {
      values
          .problems()
          .error(
              at,
              fields.path("name"),
              at.describe()
                  + " is the name of an ownership marker: names starting with "
                  + DnsName.MARKER_LABEL
                  + ". hold dnsfailover's TXT markers; choose another name");
      return Optional.empty();
    }
    return Optional.of(name);
  }

  /**
   * The apex holds the zone's SOA and NS records, and a CNAME must be the only record at its name
   * (RFC 1034 3.6.2): BIND refuses the whole zone ("CNAME and other data").
   */
  private void refuseCnameAtApex(Fields fields, DnsName apex) {
    Node at = fields.get("type").orElseThrow();
    values
        .problems()
        .error(
            at,
            fields.path("type"),
            "a CNAME cannot be at the zone apex "
                + apex
                + ": the apex holds the zone's SOA and NS records and a CNAME must be the only"
                + " record at its name, so servers would refuse the zone; publish A or AAAA"
                + " records at the apex, or put the CNAME at a name below it");
  }

  private List<EndpointBinder.Bound> endpoints(
      Fields fields, EndpointBinder.RecordContext context) {
    Optional<Node.Sequence> list =
        fields
            .required("endpoints", "list at least one endpoint, like - {id: primary, address: ...}")
            .flatMap(at -> values.list(at, fields.path("endpoints"), "a list of endpoints"));
    if (list.isEmpty()) {
      return List.of();
    }
    if (list.get().items().isEmpty()) {
      values
          .problems()
          .error(
              list.get(),
              fields.path("endpoints"),
              "is empty: a record needs at least one endpoint");
      return List.of();
    }
    List<EndpointBinder.Bound> bound = new ArrayList<>();
    Map<String, EndpointBinder.Bound> byId = new HashMap<>();
    for (Node item : list.get().items()) {
      String path = KeyPaths.index(fields.path("endpoints"), bound.size());
      EndpointBinder.Bound endpoint = endpoints.bind(item, path, context);
      bound.add(endpoint);
      if (endpoint.id().isEmpty()) {
        continue;
      }
      EndpointBinder.Bound first = byId.putIfAbsent(endpoint.id().get(), endpoint);
      if (first != null) {
        Node idNode = ((Node.Mapping) endpoint.at()).get("id").orElseThrow();
        values
            .problems()
            .error(
                idNode,
                KeyPaths.key(path, "id"),
                idNode.describe()
                    + " is already the id of the endpoint at line "
                    + first.at().line()
                    + ": ids must be unique within a record");
      }
    }
    return bound;
  }

  /** A CNAME holds exactly one target, so nothing may make it publish two endpoints at once. */
  private void checkSingleTarget(
      Fields fields,
      Optional<Policy> policy,
      Optional<WhenAllDown> whenAllDown,
      List<EndpointBinder.Bound> bound) {
    int count = bound.size();
    if (policy.isPresent() && policy.get() != Policy.FAILOVER) {
      Node at = fields.get("policy").orElseThrow();
      values
          .problems()
          .error(
              at,
              fields.path("policy"),
              "policy "
                  + at.describe()
                  + " can publish all "
                  + count
                  + " endpoints, but a CNAME has exactly one target: use policy failover with a"
                  + " different priority per endpoint");
    }
    if (whenAllDown.filter(WhenAllDown.ALL::equals).isPresent()) {
      Node at = fields.get("whenAllDown").orElseThrow();
      values
          .problems()
          .error(
              at,
              fields.path("whenAllDown"),
              "whenAllDown 'all' publishes all "
                  + count
                  + " endpoints, but a CNAME has exactly one target: use keep or none");
    }
    if (policy.filter(Policy.FAILOVER::equals).isEmpty()) {
      return;
    }
    Map<Integer, EndpointBinder.Bound> byPriority = new HashMap<>();
    for (int i = 0; i < count; i++) {
      EndpointBinder.Bound endpoint = bound.get(i);
      if (endpoint.priority().isEmpty()) {
        continue;
      }
      EndpointBinder.Bound first = byPriority.putIfAbsent(endpoint.priority().get(), endpoint);
      if (first != null) {
        Node at = endpoint.priorityNode().orElse(endpoint.at());
        String endpointPath = KeyPaths.index(fields.path("endpoints"), i);
        values
            .problems()
            .error(
                at,
                KeyPaths.key(endpointPath, "priority"),
                "priority "
                    + endpoint.priority().get()
                    + (endpoint.priorityNode().isEmpty() ? " (the default)" : "")
                    + " is shared with the endpoint at line "
                    + first.at().line()
                    + ": a CNAME has exactly one target, so its failover endpoints need different"
                    + " priorities");
      }
    }
  }

  private static String constant(String choice) {
    return choice.toUpperCase(Locale.ROOT);
  }
}

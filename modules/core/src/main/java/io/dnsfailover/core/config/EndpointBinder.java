package io.dnsfailover.core.config;

import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.Location;
import io.dnsfailover.spi.RecordType;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Binds one entry of a record's {@code endpoints:} list, its check merged. */
final class EndpointBinder {

  static final List<String> KEYS =
      List.of("id", "address", "priority", "weight", "location", "check");
  static final int DEFAULT_PRIORITY = 1;
  static final int DEFAULT_WEIGHT = 1;

  // The id becomes part of the endpoint key <name>/<type>/<id>, metric labels and the state file.
  /** Stands in for an invalid address while the check is validated; never ends in a model. */
  private static final String UNKNOWN_ADDRESS = "address.invalid";

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]+");

  /**
   * What the record needs to know about one endpoint, even when it did not bind completely.
   *
   * @param at the endpoint's mapping (or whatever was written instead)
   * @param priority as written or defaulted; empty when written wrong
   * @param location as written, when it is a location; empty when left out or written wrong
   * @param locationNode where {@code location:} is written, when it is
   */
  record Bound(
      Node at,
      Optional<String> id,
      Optional<Integer> priority,
      Optional<Node> priorityNode,
      Optional<Location> location,
      Optional<Node> locationNode,
      Optional<EndpointConfig> config) {}

  /** What the endpoint's record contributes. */
  record RecordContext(
      Optional<DnsName> name,
      Optional<RecordType> type,
      Optional<Node> recordCheck,
      Optional<CheckLayer> recordLayer,
      Optional<CheckLayer> defaultsLayer) {}

  private final ValueReader values;
  private final CheckBuilder checks;

  EndpointBinder(ValueReader values) {
    this.values = values;
    this.checks = new CheckBuilder(values);
  }

  Bound bind(Node node, String path, RecordContext record) {
    Optional<Fields> maybeFields =
        Fields.of(node, path, values, "an endpoint (a mapping with id and address)");
    if (maybeFields.isEmpty()) {
      return new Bound(
          node,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
    }
    Fields fields = maybeFields.get();
    fields.allowOnly(KEYS, "an endpoint");
    Optional<String> id =
        fields
            .requiredText("id", "a name unique within the record, like primary")
            .filter(
                text ->
                    valid(
                        fields,
                        "id",
                        ID.matcher(text).matches(),
                        "is not a valid id: use letters, digits, '.', '-' and '_'"));
    Optional<String> address =
        fields
            .requiredText("address", "the endpoint's address")
            .flatMap(text -> address(fields, text, record.type()));
    Optional<Integer> priority =
        fields.get("priority").isPresent()
            ? fields.integer("priority", 1, 1000)
            : Optional.of(DEFAULT_PRIORITY);
    Optional<Integer> weight =
        fields.get("weight").isPresent()
            ? fields.integer("weight", 0, 255)
            : Optional.of(DEFAULT_WEIGHT);
    Optional<Node> locationNode = fields.get("location");
    Optional<Location> location =
        locationNode.isPresent()
            ? fields
                .text("location", "a location like continent:EU, country:DE or default")
                .flatMap(text -> location(fields, text))
            : Optional.empty();
    // The check is validated even when the address is not known, so its mistakes show up too.
    Optional<CheckSpec> check = check(fields, record, address.orElse(UNKNOWN_ADDRESS));
    Optional<EndpointConfig> config = Optional.empty();
    if (id.isPresent()
        && address.isPresent()
        && priority.isPresent()
        && weight.isPresent()
        && (locationNode.isEmpty() || location.isPresent())
        && check.isPresent()
        && record.name().isPresent()
        && record.type().isPresent()) {
      String key = record.name().get().value() + "/" + record.type().get() + "/" + id.get();
      config =
          Optional.of(
              new EndpointConfig(
                  key,
                  id.get(),
                  address.get(),
                  priority.get(),
                  weight.get(),
                  check.get(),
                  location));
    }
    return new Bound(
        fields.mapping(), id, priority, fields.get("priority"), location, locationNode, config);
  }

  /** The location written, or empty after reporting why it is not one. */
  private Optional<Location> location(Fields fields, String text) {
    try {
      return Optional.of(Location.parse(text));
    } catch (IllegalArgumentException e) {
      Node at = fields.get("location").orElseThrow();
      values.problems().error(at, fields.path("location"), e.getMessage());
      return Optional.empty();
    }
  }

  private boolean valid(Fields fields, String key, boolean valid, String reason) {
    if (!valid) {
      Node at = fields.get(key).orElseThrow();
      values.problems().error(at, fields.path(key), at.describe() + " " + reason);
    }
    return valid;
  }

  /** The address in canonical form, when it fits the record type; unchecked if that is unknown. */
  private Optional<String> address(Fields fields, String text, Optional<RecordType> type) {
    String trimmed = text.trim();
    if (type.isEmpty()) {
      return Optional.empty();
    }
    return switch (type.get()) {
      case A ->
          valid(
                  fields,
                  "address",
                  Addresses.isIpv4(trimmed),
                  "is not an IPv4 address: an A record's endpoints need an IPv4 literal like"
                      + " 192.0.2.10")
              ? Optional.of(trimmed)
              : Optional.empty();
      case AAAA ->
          valid(
                  fields,
                  "address",
                  Addresses.isIpv6(trimmed),
                  "is not an IPv6 address: an AAAA record's endpoints need an IPv6 literal like"
                      + " 2001:db8::10")
              ? Optional.of(Addresses.canonicalIpv6(trimmed))
              : Optional.empty();
      case CNAME ->
          valid(
                  fields,
                  "address",
                  Addresses.isHostName(trimmed),
                  "is not a host name: a CNAME record's endpoints need a host name like"
                      + " backup.example.net")
              ? Optional.of(DnsName.of(trimmed).value())
              : Optional.empty();
      case TXT -> throw new IllegalStateException("TXT records are never configured");
    };
  }

  /**
   * The merged check. The endpoint's own check, when it writes one, replaces the record's, even
   * when it is broken (then nothing is built: the mistake is already reported).
   */
  private Optional<CheckSpec> check(Fields fields, RecordContext record, String address) {
    Optional<Node> endpointCheck = fields.get("check");
    Optional<Node> ownNode = endpointCheck.or(record::recordCheck);
    Optional<CheckLayer> own =
        endpointCheck.isPresent()
            ? CheckLayer.read(endpointCheck.get(), fields.path("check"), values)
            : record.recordLayer();
    if (ownNode.isPresent() && own.isEmpty()) {
      return Optional.empty();
    }
    if (own.isEmpty() && record.defaultsLayer().isEmpty()) {
      values
          .problems()
          .error(
              fields.mapping(),
              fields.path("check"),
              "this endpoint has no check: give it, its record or defaults a check, like"
                  + " check: {type: tcp, port: 443}");
      return Optional.empty();
    }
    return CheckMerger.merge(own, record.defaultsLayer(), values.problems())
        .flatMap(
            merged -> checks.build(merged, own.or(record::defaultsLayer).orElseThrow(), address));
  }
}

package io.dnsfailover.provider.coredns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.RecordType;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The JSON in etcd: SkyDNS service values as CoreDNS's {@code msg.Service} reads them, and this
 * provider's own marker and ledger values.
 */
final class EtcdValues {

  /** CoreDNS's TTL for a value without one. */
  static final int DEFAULT_TTL = 300;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

  private EtcdValues() {}

  /** What CoreDNS makes of one stored value for A, AAAA, CNAME and TXT queries. */
  sealed interface Served {
    /** Answered as {@code type} with {@code value} and {@code ttl}. */
    record Answer(RecordType type, String value, int ttl) implements Served {}

    /** Valid, but never answers A, AAAA, CNAME or TXT (no host and no text). */
    record Unanswered() implements Served {}

    /** Not a service: CoreDNS fails every query whose lookup reads it (SERVFAIL). */
    record Broken(String error) implements Served {}
  }

  /**
   * Decodes a value the way CoreDNS does ({@code msg.Service} and {@code HostType}): a host that is
   * an IPv4 address is A (an IPv4-mapped IPv6 address too), another IP is AAAA, a name is CNAME
   * unless {@code text} is set, then TXT; no host with text is TXT. A {@code ttl} of 0 or none is
   * 300. Unknown fields are ignored, wrongly typed known fields break the value.
   */
  static Served decode(String json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return new Served.Broken("not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      return new Served.Broken("not a JSON object");
    }
    Optional<String> error =
        firstError(
            typed(node, "host", JsonNode::isTextual),
            typed(node, "text", JsonNode::isTextual),
            typed(node, "group", JsonNode::isTextual),
            typed(node, "mail", JsonNode::isBoolean),
            typed(node, "port", JsonNode::canConvertToInt),
            typed(node, "priority", JsonNode::canConvertToInt),
            typed(node, "weight", JsonNode::canConvertToInt),
            typed(node, "targetstrip", JsonNode::canConvertToInt),
            typed(
                node,
                "ttl",
                ttl -> ttl.isIntegralNumber() && ttl.asLong() >= 0 && ttl.asLong() <= 0xFFFFFFFFL));
    if (error.isPresent()) {
      return new Served.Broken(error.get());
    }
    String host = text(node, "host");
    String text = text(node, "text");
    long ttlField = node.hasNonNull("ttl") ? node.get("ttl").asLong() : 0;
    int ttl = ttlField == 0 ? DEFAULT_TTL : (int) Math.min(ttlField, Integer.MAX_VALUE);
    if (host.isEmpty()) {
      return text.isEmpty()
          ? new Served.Unanswered()
          : new Served.Answer(RecordType.TXT, text, ttl);
    }
    Optional<InetAddress> address = ipLiteral(host);
    if (address.isPresent() && address.get() instanceof Inet4Address v4) {
      return new Served.Answer(RecordType.A, v4.getHostAddress(), ttl);
    }
    if (address.isPresent()) {
      return new Served.Answer(RecordType.AAAA, host, ttl);
    }
    return text.isEmpty()
        ? new Served.Answer(RecordType.CNAME, host, ttl)
        : new Served.Answer(RecordType.TXT, text, ttl);
  }

  /**
   * The value this provider writes: {@code host} (A, AAAA, CNAME) or {@code text} (TXT), {@code
   * ttl}, and {@code targetstrip: 1} on per-value keys so ExternalDNS maps the key back to the
   * name. Never owner data: it lives outside the served prefix.
   */
  static String encode(RecordType type, String value, int ttl) {
    ObjectNode node = JSON.createObjectNode();
    node.put(type == RecordType.TXT ? "text" : "host", value);
    node.put("ttl", ttl);
    if (type != RecordType.CNAME) {
      node.put("targetstrip", 1);
    }
    return node.toString();
  }

  /** An ownership marker record set: {@code {"name":..., "ttl":..., "text":[...]}}. */
  static String encodeMarker(DnsName name, int ttl, List<String> texts) {
    ObjectNode node = JSON.createObjectNode();
    node.put("name", name.value());
    node.put("ttl", ttl);
    ArrayNode array = node.putArray("text");
    texts.forEach(array::add);
    return node.toString();
  }

  /** A marker's TTL and texts, or empty when the value is not one of ours. */
  static Optional<Marker> decodeMarker(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      if (node == null
          || !node.isObject()
          || !node.path("ttl").canConvertToInt()
          || !node.path("text").isArray()) {
        return Optional.empty();
      }
      List<String> texts = new ArrayList<>();
      for (JsonNode text : node.get("text")) {
        if (!text.isTextual()) {
          return Optional.empty();
        }
        texts.add(text.asText());
      }
      return Optional.of(new Marker(node.get("ttl").asInt(), texts));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  record Marker(int ttl, List<String> texts) {}

  /** The ledger of one name: {@code {"keys":[...]}}, sorted. */
  static String encodeLedger(Collection<String> keys) {
    ObjectNode node = JSON.createObjectNode();
    ArrayNode array = node.putArray("keys");
    new TreeSet<>(keys).forEach(array::add);
    return node.toString();
  }

  /** The keys a ledger lists; an unreadable ledger lists none (so nothing counts as ours). */
  static Set<String> decodeLedger(String json) {
    Set<String> keys = new TreeSet<>();
    try {
      JsonNode node = JSON.readTree(json);
      if (node != null && node.path("keys").isArray()) {
        for (JsonNode key : node.get("keys")) {
          if (key.isTextual()) {
            keys.add(key.asText());
          }
        }
      }
    } catch (JsonProcessingException e) {
      return Set.of();
    }
    return keys;
  }

  /** An IPv4 literal as Go's {@code net.ParseIP} accepts it (no leading zeros). */
  static boolean isIpv4(String value) {
    return IPV4.matcher(value).matches();
  }

  /** An IPv6 literal that CoreDNS serves as AAAA (not IPv4-mapped). */
  static boolean isIpv6(String value) {
    return ipLiteral(value).filter(Inet6Address.class::isInstance).isPresent();
  }

  /** Parses an IP literal without ever making a DNS lookup. */
  static Optional<InetAddress> ipLiteral(String value) {
    if (isIpv4(value)) {
      try {
        return Optional.of(InetAddress.getByName(value));
      } catch (UnknownHostException e) {
        return Optional.empty();
      }
    }
    if (!value.contains(":") || value.contains("%") || value.contains("[")) {
      return Optional.empty();
    }
    for (char c : value.toCharArray()) {
      if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(InetAddress.getByName(value)); // a literal with ':' is never looked up
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? "" : value.asText();
  }

  private static Optional<String> typed(
      JsonNode node, String field, java.util.function.Predicate<JsonNode> accepts) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || accepts.test(value)) {
      return Optional.empty();
    }
    return Optional.of("field " + field + " has the wrong type: " + value);
  }

  @SafeVarargs
  private static Optional<String> firstError(Optional<String>... errors) {
    for (Optional<String> error : errors) {
      if (error.isPresent()) {
        return error;
      }
    }
    return Optional.empty();
  }
}

package io.dnsfailover.provider.route53;

import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.WeightedValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Translates between the tool's {@link RecordSet}s and Route 53's resource record sets.
 *
 * <ul>
 *   <li>Names: Route 53 lists names in lower case with a trailing dot and writes characters outside
 *       {@code a-z0-9-_.} as three-digit octal escapes ({@code *} as {@code \052}); they are
 *       unescaped before {@link DnsName} canonicalises them. Requests carry the canonical name.
 *   <li>TXT: a value is the raw text; Route 53 holds it as one or more quoted strings of at most
 *       255 bytes, with {@code "} and {@code \} backslash-escaped and bytes outside printable ASCII
 *       as octal escapes. Reading joins the strings back.
 *   <li>A plain record set is one simple resource record set. A weighted one is one resource record
 *       set per member id (SetIdentifier, Weight, the set's TTL), holding that member's values.
 *   <li>Reading folds every resource record set at one name and type into one {@link RecordSet}:
 *       weighted when every one of them carries a weight, plain otherwise (their values merged). An
 *       alias target, which has no values, reads as the value {@code ALIAS <target>} with TTL 0, so
 *       the plan shows it; such sets are only ever deleted exactly as listed.
 * </ul>
 */
final class RecordSetCodec {

  /** The longest string inside a TXT value (one length octet on the wire). */
  static final int TXT_STRING_BYTES = 255;

  static final String ALIAS_PREFIX = "ALIAS ";

  private static final String HOSTED_ZONE_PREFIX = "/hostedzone/";
  private static final String CHANGE_PREFIX = "/change/";

  private RecordSetCodec() {}

  // ---- ids ----

  /** A hosted zone id without the {@code /hostedzone/} prefix some responses keep. */
  static String bareZoneId(String id) {
    String trimmed = id.trim();
    return trimmed.startsWith(HOSTED_ZONE_PREFIX)
        ? trimmed.substring(HOSTED_ZONE_PREFIX.length())
        : trimmed;
  }

  /** A change id without the {@code /change/} prefix. */
  static String bareChangeId(String id) {
    String trimmed = id.trim();
    return trimmed.startsWith(CHANGE_PREFIX) ? trimmed.substring(CHANGE_PREFIX.length()) : trimmed;
  }

  // ---- names ----

  /** A name as Route 53 lists it, made canonical: octal escapes undone, lower case, final dot. */
  static DnsName name(String listed) {
    return DnsName.of(new String(unescape(listed), StandardCharsets.UTF_8));
  }

  static Optional<RecordType> type(RRType type) {
    return switch (type) {
      case A -> Optional.of(RecordType.A);
      case AAAA -> Optional.of(RecordType.AAAA);
      case CNAME -> Optional.of(RecordType.CNAME);
      case TXT -> Optional.of(RecordType.TXT);
      default -> Optional.empty();
    };
  }

  static RRType rrType(RecordType type) {
    return switch (type) {
      case A -> RRType.A;
      case AAAA -> RRType.AAAA;
      case CNAME -> RRType.CNAME;
      case TXT -> RRType.TXT;
    };
  }

  // ---- values ----

  static String encodeValue(RecordType type, String value) {
    return type == RecordType.TXT ? encodeTxt(value) : value;
  }

  static String decodeValue(RecordType type, String value) {
    return type == RecordType.TXT ? decodeTxt(value) : value;
  }

  /** Raw text as Route 53's TXT value: quoted strings of at most 255 bytes, escaped. */
  static String encodeTxt(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    StringBuilder value = new StringBuilder();
    int start = 0;
    do {
      int end = Math.min(bytes.length, start + TXT_STRING_BYTES);
      if (start > 0) {
        value.append(' ');
      }
      value.append('"');
      for (int i = start; i < end; i++) {
        int b = bytes[i] & 0xff;
        if (b == '"' || b == '\\') {
          value.append('\\').append((char) b);
        } else if (b < 0x20 || b >= 0x7f) {
          value.append('\\').append(octal(b));
        } else {
          value.append((char) b);
        }
      }
      value.append('"');
      start = end;
    } while (start < bytes.length);
    return value.toString();
  }

  /**
   * Route 53's TXT value as raw text: its character strings joined without separators, the way DNS
   * joins a TXT record's strings. A string is quoted, or (as other tools may have written it) an
   * unquoted word.
   */
  static String decodeTxt(String value) {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    int i = 0;
    int n = value.length();
    while (i < n) {
      char c = value.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"') {
        int end = closingQuote(value, i + 1);
        text.writeBytes(unescape(value.substring(i + 1, end)));
        i = end + 1;
      } else {
        int end = i;
        while (end < n && !Character.isWhitespace(value.charAt(end)) && value.charAt(end) != '"') {
          end = value.charAt(end) == '\\' && end + 1 < n ? end + 2 : end + 1;
        }
        text.writeBytes(unescape(value.substring(i, end)));
        i = end;
      }
    }
    return text.toString(StandardCharsets.UTF_8);
  }

  private static int closingQuote(String value, int from) {
    int i = from;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == '"') {
        return i;
      } else {
        i++;
      }
    }
    return value.length();
  }

  /** Undoes {@code \ddd} (octal) and {@code \c} escapes; returns the UTF-8 bytes. */
  private static byte[] unescape(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\' && isOctal(text, i + 1)) {
        bytes.write(Integer.parseInt(text.substring(i + 1, i + 4), 8) & 0xff);
        i += 4;
      } else if (c == '\\' && i + 1 < text.length()) {
        bytes.writeBytes(String.valueOf(text.charAt(i + 1)).getBytes(StandardCharsets.UTF_8));
        i += 2;
      } else {
        int codePoint = text.codePointAt(i);
        bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(codePoint);
      }
    }
    return bytes.toByteArray();
  }

  private static boolean isOctal(String text, int from) {
    if (from + 3 > text.length()) {
      return false;
    }
    for (int i = from; i < from + 3; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '7') {
        return false;
      }
    }
    return true;
  }

  private static String octal(int b) {
    String digits = Integer.toOctalString(b);
    return "0".repeat(3 - digits.length()) + digits;
  }

  // ---- record sets ----

  /** How {@code recordSet} is published: one simple set, or one weighted set per member id. */
  static List<ResourceRecordSet> toRoute53(RecordSet recordSet) {
    String name = recordSet.name().value();
    RRType type = rrType(recordSet.type());
    long ttl = recordSet.ttl();
    if (!recordSet.isWeighted()) {
      return List.of(
          ResourceRecordSet.builder()
              .name(name)
              .type(type)
              .ttl(ttl)
              .resourceRecords(records(recordSet.type(), recordSet.values()))
              .build());
    }
    Map<String, List<WeightedValue>> byId = new LinkedHashMap<>();
    for (WeightedValue member : recordSet.weights()) {
      byId.computeIfAbsent(member.id(), unused -> new ArrayList<>()).add(member);
    }
    List<ResourceRecordSet> sets = new ArrayList<>();
    for (Map.Entry<String, List<WeightedValue>> member : byId.entrySet()) {
      List<String> values = member.getValue().stream().map(WeightedValue::value).toList();
      sets.add(
          ResourceRecordSet.builder()
              .name(name)
              .type(type)
              .setIdentifier(member.getKey())
              .weight((long) member.getValue().getFirst().weight())
              .ttl(ttl)
              .resourceRecords(records(recordSet.type(), values))
              .build());
    }
    return List.copyOf(sets);
  }

  private static List<ResourceRecord> records(RecordType type, List<String> values) {
    return values.stream()
        .map(value -> ResourceRecord.builder().value(encodeValue(type, value)).build())
        .toList();
  }

  /** Which set of a name and type this is: its SetIdentifier, or "" for the one simple set. */
  static String identity(ResourceRecordSet set) {
    return set.setIdentifier() == null ? "" : set.setIdentifier();
  }

  /**
   * True when {@code desired} would leave {@code listed} as it is: the same SetIdentifier, values
   * (in any order, TXT compared as text however Route 53 split it), weight and TTL, and {@code
   * listed} is no alias. Fields this tool never writes, such as a health check someone attached, do
   * not count: an unchanged member is left alone, with them.
   */
  static boolean sameMember(RecordType type, ResourceRecordSet listed, ResourceRecordSet desired) {
    return listed.aliasTarget() == null
        && identity(listed).equals(identity(desired))
        && Objects.equals(listed.ttl(), desired.ttl())
        && Objects.equals(listed.weight(), desired.weight())
        && sortedValues(type, listed).equals(sortedValues(type, desired));
  }

  /**
   * True when an UPSERT can turn {@code listed} into one of this tool's sets: Route 53 cannot
   * change an alias, failover, geolocation, geoproximity, latency, CIDR or multivalue set into a
   * simple or weighted one in place; those are deleted as listed and created anew.
   */
  static boolean changesInPlace(ResourceRecordSet listed) {
    return listed.aliasTarget() == null
        && listed.failover() == null
        && listed.geoLocation() == null
        && listed.geoProximityLocation() == null
        && listed.region() == null
        && listed.cidrRoutingConfig() == null
        && listed.multiValueAnswer() == null
        && listed.trafficPolicyInstanceId() == null;
  }

  private static List<String> sortedValues(RecordType type, ResourceRecordSet set) {
    return set.resourceRecords().stream()
        .map(record -> decodeValue(type, record.value()))
        .sorted()
        .toList();
  }

  /** Folds the resource record sets listed at {@code key} into one record set. */
  static RecordSet fromRoute53(RecordKey key, List<ResourceRecordSet> listed) {
    if (listed.isEmpty()) {
      throw new IllegalArgumentException("nothing listed at " + key);
    }
    boolean weighted =
        listed.stream().allMatch(set -> set.setIdentifier() != null && set.weight() != null);
    int ttl = listed.stream().mapToInt(RecordSetCodec::ttl).min().orElse(0);
    if (weighted) {
      List<WeightedValue> members = new ArrayList<>();
      for (ResourceRecordSet set : listed) {
        int weight = (int) Math.clamp(set.weight(), 0L, 255L);
        for (String value : values(key.type(), set)) {
          members.add(new WeightedValue(set.setIdentifier(), value, weight));
        }
      }
      return RecordSet.weighted(key.name(), key.type(), ttl, members);
    }
    List<String> values = new ArrayList<>();
    for (ResourceRecordSet set : listed) {
      values.addAll(values(key.type(), set));
    }
    return RecordSet.of(key.name(), key.type(), ttl, values);
  }

  private static int ttl(ResourceRecordSet set) {
    return set.ttl() == null ? 0 : (int) Math.clamp(set.ttl(), 0L, Integer.MAX_VALUE);
  }

  private static List<String> values(RecordType type, ResourceRecordSet set) {
    if (set.aliasTarget() != null) {
      return List.of(ALIAS_PREFIX + name(set.aliasTarget().dnsName()).value());
    }
    return set.resourceRecords().stream().map(record -> decodeValue(type, record.value())).toList();
  }
}

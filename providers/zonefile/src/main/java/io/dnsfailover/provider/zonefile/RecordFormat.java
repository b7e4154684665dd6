package io.dnsfailover.provider.zonefile;

import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.RecordValues;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Translates between dnsjava records and the SPI's record-set values, in both directions.
 *
 * <p>Values read back in canonical form: IPv4 dotted quad, IPv6 as RFC 5952 (lower case, longest
 * zero run as {@code ::}), CNAME targets absolute and lower case, TXT as the raw text of its
 * character-strings joined (UTF-8). TXT values are written as one or more quoted strings of at most
 * 255 bytes each, with {@code "} and {@code \} escaped and bytes outside printable ASCII written as
 * {@code \DDD}.
 */
final class RecordFormat {

  private static final int MAX_CHARACTER_STRING = 255;

  private RecordFormat() {}

  /** The key of {@code record} when it is a type the tool manages, in class IN. */
  static Optional<RecordKey> key(Record record) {
    if (record.getDClass() != DClass.IN) {
      return Optional.empty();
    }
    RecordType type =
        switch (record.getType()) {
          case Type.A -> RecordType.A;
          case Type.AAAA -> RecordType.AAAA;
          case Type.CNAME -> RecordType.CNAME;
          case Type.TXT -> RecordType.TXT;
          default -> null;
        };
    if (type == null) {
      return Optional.empty();
    }
    return Optional.of(new RecordKey(DnsName.of(record.getName().toString()), type));
  }

  /** The value of a record of a managed type, in the canonical form described above. */
  static String value(Record record) {
    return switch (record) {
      case ARecord a -> a.getAddress().getHostAddress();
      case AAAARecord aaaa -> RecordValues.ipv6(aaaa.getAddress().getAddress());
      case CNAMERecord cname -> cname.getTarget().toString().toLowerCase(Locale.ROOT);
      case TXTRecord txt -> txtText(txt);
      default -> throw new IllegalArgumentException("not a managed type: " + record);
    };
  }

  /** One master-file line per value: absolute name, TTL, class IN, type, data. */
  static List<String> lines(RecordSet recordSet) {
    List<String> lines = new ArrayList<>();
    for (String value : recordSet.values()) {
      lines.add(
          recordSet.name().value()
              + "\t"
              + recordSet.ttl()
              + "\tIN\t"
              + recordSet.type()
              + "\t"
              + data(recordSet.type(), value));
    }
    return lines;
  }

  private static String data(RecordType type, String value) {
    return switch (type) {
      case A, AAAA -> value.trim();
      case CNAME -> value.trim().endsWith(".") ? value.trim() : value.trim() + ".";
      case TXT -> txtData(value);
    };
  }

  static String txtData(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length == 0) {
      return "\"\"";
    }
    StringBuilder data = new StringBuilder();
    for (int start = 0; start < bytes.length; start += MAX_CHARACTER_STRING) {
      int end = Math.min(bytes.length, start + MAX_CHARACTER_STRING);
      data.append(start == 0 ? "\"" : " \"");
      for (int i = start; i < end; i++) {
        int b = bytes[i] & 0xff;
        if (b == '"' || b == '\\') {
          data.append('\\').append((char) b);
        } else if (b >= 0x20 && b < 0x7f) {
          data.append((char) b);
        } else {
          data.append(String.format(Locale.ROOT, "\\%03d", b));
        }
      }
      data.append('"');
    }
    return data.toString();
  }

  private static String txtText(TXTRecord txt) {
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (byte[] part : txt.getStringsAsByteArrays()) {
      joined.writeBytes(part);
    }
    return joined.toString(StandardCharsets.UTF_8);
  }
}

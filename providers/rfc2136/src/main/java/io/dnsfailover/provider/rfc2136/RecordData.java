package io.dnsfailover.provider.rfc2136;

import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.RecordValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSInput;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Translates between dnsjava records and the SPI's record sets, both ways.
 *
 * <p>Values read back in the SPI's canonical form: IPv4 dotted quad, IPv6 as RFC 5952, CNAME
 * targets absolute and lower case, TXT as the raw bytes of its character-strings joined (UTF-8),
 * whatever the quoting and splitting the record was written with. TXT values are written as
 * character-strings of at most 255 bytes each, split in order, so they read back unchanged.
 */
final class RecordData {

  private static final int MAX_CHARACTER_STRING = 255;

  private RecordData() {}

  /** The key of {@code record} when it is a type the tool manages, in class IN. */
  static Optional<RecordKey> key(Record record) {
    if (record.getDClass() != DClass.IN) {
      return Optional.empty();
    }
    return type(record.getType())
        .map(type -> new RecordKey(DnsName.of(record.getName().toString()), type));
  }

  static Optional<RecordType> type(int type) {
    return switch (type) {
      case Type.A -> Optional.of(RecordType.A);
      case Type.AAAA -> Optional.of(RecordType.AAAA);
      case Type.CNAME -> Optional.of(RecordType.CNAME);
      case Type.TXT -> Optional.of(RecordType.TXT);
      default -> Optional.empty();
    };
  }

  static int type(RecordType type) {
    return switch (type) {
      case A -> Type.A;
      case AAAA -> Type.AAAA;
      case CNAME -> Type.CNAME;
      case TXT -> Type.TXT;
    };
  }

  /** The value of a record of a managed type, in the canonical form described above. */
  static String value(Record record) {
    return switch (record) {
      case ARecord a -> a.getAddress().getHostAddress();
      case AAAARecord aaaa -> RecordValues.ipv6(aaaa.getAddress().getAddress());
      case CNAMERecord cname -> cname.getTarget().toString().toLowerCase(Locale.ROOT);
      case TXTRecord txt -> text(txt);
      default -> throw new IllegalArgumentException("not a managed type: " + record);
    };
  }

  /** The dnsjava name of {@code name}. */
  static Name name(DnsName name) {
    try {
      return Name.fromString(name.value());
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a DNS name: " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * The records that publish {@code recordSet} (weights dropped), in class IN with its TTL; throws
   * {@link IllegalArgumentException} for a value the type cannot hold.
   */
  static List<Record> records(RecordSet recordSet) {
    Name owner = name(recordSet.name());
    List<Record> records = new ArrayList<>();
    for (String value : recordSet.values()) {
      records.add(record(owner, recordSet.type(), recordSet.ttl(), value));
    }
    return records;
  }

  private static Record record(Name owner, RecordType type, long ttl, String value) {
    return switch (type) {
      case A -> Record.newRecord(owner, Type.A, DClass.IN, ttl, address(value, Address.IPv4));
      case AAAA -> Record.newRecord(owner, Type.AAAA, DClass.IN, ttl, address(value, Address.IPv6));
      case CNAME -> new CNAMERecord(owner, DClass.IN, ttl, name(DnsName.of(value)));
      case TXT -> Record.newRecord(owner, Type.TXT, DClass.IN, ttl, txtData(value));
    };
  }

  private static byte[] address(String value, int family) {
    byte[] bytes = Address.toByteArray(value.strip(), family);
    if (bytes == null) {
      throw new IllegalArgumentException(
          "'" + value + "' is not an " + (family == Address.IPv4 ? "IPv4" : "IPv6") + " address");
    }
    return bytes;
  }

  /** TXT RDATA: the UTF-8 bytes of {@code text} as length-prefixed strings of at most 255 bytes. */
  static byte[] txtData(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    if (bytes.length == 0) {
      data.write(0);
    }
    for (int start = 0; start < bytes.length; start += MAX_CHARACTER_STRING) {
      int length = Math.min(MAX_CHARACTER_STRING, bytes.length - start);
      data.write(length);
      data.write(bytes, start, length);
    }
    return data.toByteArray();
  }

  /**
   * {@code record} with class IN and TTL 0, its RDATA copied byte for byte: an "RRset exists (value
   * dependent)" prerequisite that matches exactly what the server holds (RFC 2136 2.4.2).
   */
  static Record prerequisite(Record record) {
    return Record.newRecord(record.getName(), record.getType(), DClass.IN, 0, rdata(record));
  }

  /** The RDATA of {@code record} as it travels, names uncompressed and in their original case. */
  static byte[] rdata(Record record) {
    try {
      DNSInput in = new DNSInput(record.toWire(Section.ANSWER));
      new Name(in); // owner
      in.readU16(); // type
      in.readU16(); // class
      in.readU32(); // TTL
      return in.readByteArray(in.readU16());
    } catch (IOException e) {
      throw new IllegalStateException("dnsjava wrote a record it cannot read: " + record, e);
    }
  }

  private static String text(TXTRecord txt) {
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (byte[] part : txt.getStringsAsByteArrays()) {
      joined.writeBytes(part);
    }
    return joined.toString(StandardCharsets.UTF_8);
  }
}

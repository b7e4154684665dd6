package io.dnsfailover.provider.azure;

import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Translates between the tool's {@link RecordSet} and Azure's record set shape.
 *
 * <p>TXT: a {@code RecordSet} value is the raw text; Azure holds each TXT record as an array of
 * character-strings, and REST callers must split long text themselves. Text is split into strings
 * of at most 255 UTF-8 bytes (never inside a character) and joined again on read. CNAME targets are
 * written without the trailing dot, as the portal, the CLI and ExternalDNS write them (Azure treats
 * every target as absolute), and read back in canonical absolute form.
 */
final class RecordSetMapping {

  /** RFC 1035: a character-string holds at most 255 bytes. */
  static final int TXT_STRING_BYTES = 255;

  private RecordSetMapping() {}

  /** Azure's name for a DNS zone: the name without its trailing dot. */
  static String azureZoneName(DnsName zone) {
    String value = zone.value();
    return value.substring(0, value.length() - 1);
  }

  /**
   * The tool's view of a listed record set; INVALID for alias record sets, which it never edits.
   */
  static RecordSet toRecordSet(DnsName zone, AzureRecordSet azure) throws ProviderException {
    DnsName name = DnsName.resolve(azure.name(), zone);
    if (azure.aliasTarget().isPresent()) {
      throw new ProviderException(
          ProviderException.Kind.INVALID,
          name
              + " "
              + azure.type()
              + " is an Azure alias record set (target "
              + azure.aliasTarget().get()
              + "); dnsfailover does not manage alias record sets: turn it into a plain record"
              + " set or take the name out of the config");
    }
    List<String> values = new ArrayList<>();
    for (List<String> record : azure.records()) {
      values.add(azure.type() == RecordType.TXT ? String.join("", record) : single(record));
    }
    if (azure.ttl() > Integer.MAX_VALUE || azure.ttl() < 0) {
      throw new ProviderException(
          ProviderException.Kind.INVALID, name + " " + azure.type() + ": TTL " + azure.ttl());
    }
    return RecordSet.of(name, azure.type(), (int) azure.ttl(), values);
  }

  /**
   * The PUT body for {@code recordSet}, published without weights.
   *
   * @param metadata what the record set carries now (kept), or an empty map for a new one
   */
  static AzureRecordSet toAzure(DnsName zone, RecordSet recordSet, Map<String, String> metadata) {
    List<List<String>> records = new ArrayList<>();
    for (String value : recordSet.values()) {
      records.add(
          switch (recordSet.type()) {
            case A, AAAA -> List.of(value);
            case CNAME -> List.of(value.substring(0, value.length() - 1));
            case TXT -> splitText(value);
          });
    }
    return new AzureRecordSet(
        recordSet.name().relativeTo(zone),
        recordSet.type(),
        recordSet.ttl(),
        records,
        metadata,
        Optional.empty(),
        Optional.empty());
  }

  /** {@code text} as character-strings of at most 255 UTF-8 bytes; "" is one empty string. */
  static List<String> splitText(String text) {
    List<String> strings = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int currentBytes = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      String character = new String(Character.toChars(codePoint));
      int bytes = character.getBytes(StandardCharsets.UTF_8).length;
      if (currentBytes + bytes > TXT_STRING_BYTES) {
        strings.add(current.toString());
        current.setLength(0);
        currentBytes = 0;
      }
      current.append(character);
      currentBytes += bytes;
      i += Character.charCount(codePoint);
    }
    strings.add(current.toString());
    return List.copyOf(strings);
  }

  private static String single(List<String> record) {
    return record.isEmpty() ? "" : record.getFirst();
  }
}

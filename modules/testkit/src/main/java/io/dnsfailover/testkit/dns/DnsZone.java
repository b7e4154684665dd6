package io.dnsfailover.testkit.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A zone a test server loads: its name, the master-file text it starts from, and which TSIG keys
 * may update it (RFC 2136) and transfer it (AXFR). {@link NamedServer} and {@link KnotServer} turn
 * it into their own configuration.
 *
 * <pre>{@code
 * DnsZone.dynamic("example.test.", ddns, admin)  // allow-update and allow-transfer for both keys
 * DnsZone.file("example.test.")                  // served from its file; reloaded by rndc / knotc
 * DnsZone.file("example.test.").withTransfer(admin).withText(myZoneText)
 * }</pre>
 *
 * @param name the zone's name, absolute and lower case ({@code example.test.})
 * @param text the zone file it starts with: {@link #minimalText} unless told otherwise
 * @param updateKeys the keys that may send UPDATE messages; none makes a file-served zone that
 *     {@code rndc reload} / {@code knotc zone-reload} can reload
 * @param transferKeys the keys that may transfer the zone (AXFR); none: nobody may
 * @param namedExtra statements added to BIND's {@code zone} block as written, for instance {@code
 *     update-policy { grant ddns zonesub ANY; };} (then leave {@code updateKeys} empty)
 */
public record DnsZone(
    String name,
    String text,
    List<TsigKey> updateKeys,
    List<TsigKey> transferKeys,
    String namedExtra) {

  public DnsZone {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(namedExtra, "namedExtra");
    name = absolute(name);
    updateKeys = List.copyOf(updateKeys);
    transferKeys = List.copyOf(transferKeys);
  }

  /**
   * A zone every one of {@code keys} may update and transfer, starting from {@link #minimalText}.
   */
  public static DnsZone dynamic(String name, TsigKey... keys) {
    return new DnsZone(name, minimalText(name), List.of(keys), List.of(keys), "");
  }

  /** A zone served from its file and nothing else: no updates, no transfers. */
  public static DnsZone file(String name) {
    return new DnsZone(name, minimalText(name), List.of(), List.of(), "");
  }

  /** The same zone starting from {@code zoneFileText}. */
  public DnsZone withText(String zoneFileText) {
    return new DnsZone(name, zoneFileText, updateKeys, transferKeys, namedExtra);
  }

  /** The same zone, with only {@code keys} allowed to update it. */
  public DnsZone withUpdate(TsigKey... keys) {
    return new DnsZone(name, text, List.of(keys), transferKeys, namedExtra);
  }

  /** The same zone, with only {@code keys} allowed to transfer it. */
  public DnsZone withTransfer(TsigKey... keys) {
    return new DnsZone(name, text, updateKeys, List.of(keys), namedExtra);
  }

  /** The same zone with {@code statements} added to BIND's zone block. */
  public DnsZone withNamedExtra(String statements) {
    return new DnsZone(name, text, updateKeys, transferKeys, statements);
  }

  /** {@code name} lower case with a trailing dot: how zones are compared. */
  public static String absolute(String name) {
    String lower = name.strip().toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower : lower + ".";
  }

  /** Every key the zone names, once each, in order. */
  public List<TsigKey> keys() {
    List<TsigKey> keys = new ArrayList<>(updateKeys);
    transferKeys.stream().filter(key -> !keys.contains(key)).forEach(keys::add);
    return keys;
  }

  /** The name without its trailing dot, as BIND's {@code zone "..."} and Knot's domain write it. */
  public String bareName() {
    return name.substring(0, name.length() - 1);
  }

  /**
   * An SOA (serial 1, negative TTL 60), one NS {@code ns1.<zone>} and its glue {@code 127.0.0.1}:
   * the least a server loads.
   */
  public static String minimalText(String zone) {
    String origin = zone.endsWith(".") ? zone : zone + ".";
    return """
        $ORIGIN %s
        $TTL 300
        @    IN SOA ns1.%s hostmaster.%s 1 3600 600 604800 60
             IN NS  ns1.%s
        ns1  IN A   127.0.0.1
        """
        .formatted(origin, origin, origin, origin);
  }
}

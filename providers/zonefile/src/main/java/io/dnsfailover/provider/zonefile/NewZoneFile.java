package io.dnsfailover.provider.zonefile;

import io.dnsfailover.spi.DnsName;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The file written when the configured zone file does not exist yet.
 *
 * <p>The generated SOA names {@code ns1.<zone>} as primary and {@code hostmaster.<zone>} as
 * contact; the zone's NS is {@code ns1.<zone>} with glue {@code A 127.0.0.1}, because an in-zone
 * name server with an address is what {@code named-checkzone} accepts without looking anything up
 * (the file is the embedded default, served by a local CoreDNS, BIND, Knot or NSD). People edit the
 * SOA and NS to suit their servers; the provider keeps those edits and only bumps the serial.
 */
final class NewZoneFile {

  static final int DEFAULT_TTL = 300;
  static final String NAME_SERVER_LABEL = "ns1";
  static final String NAME_SERVER_ADDRESS = "127.0.0.1";

  private NewZoneFile() {}

  /** The text of a new zone file for {@code zone}, with serial {@code YYYYMMDD00} of today. */
  static String text(DnsName zone, LocalDate today) {
    String nameServer = NAME_SERVER_LABEL + "." + zone.value();
    String serial =
        String.format(
            Locale.ROOT,
            "%04d%02d%02d00",
            today.getYear(),
            today.getMonthValue(),
            today.getDayOfMonth());
    return String.join(
        "\n",
        "; Zone " + zone.value() + " created by dnsfailover.",
        "; Edit the SOA and NS to suit the servers that serve this file: dnsfailover keeps",
        "; every line it does not manage and only increments the SOA serial.",
        "$ORIGIN " + zone.value(),
        "$TTL " + DEFAULT_TTL,
        "@\tIN\tSOA\t" + nameServer + " hostmaster." + zone.value() + " (",
        "\t\t" + serial + "\t; serial",
        "\t\t3600\t\t; refresh",
        "\t\t600\t\t; retry",
        "\t\t1209600\t\t; expire",
        "\t\t30 )\t\t; negative-answer TTL",
        "@\tIN\tNS\t" + nameServer,
        nameServer + "\tIN\tA\t" + NAME_SERVER_ADDRESS,
        "");
  }
}

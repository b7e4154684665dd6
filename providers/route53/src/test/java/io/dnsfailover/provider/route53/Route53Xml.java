package io.dnsfailover.provider.route53;

import java.util.List;

/** Route 53 API responses (2013-04-01) as the service writes them, for WireMock stubs. */
final class Route53Xml {

  static final String NS = "https://route53.amazonaws.com/doc/2013-04-01/";

  private Route53Xml() {}

  static String simple(String name, String type, long ttl, String... values) {
    return "<ResourceRecordSet><Name>"
        + name
        + "</Name><Type>"
        + type
        + "</Type><TTL>"
        + ttl
        + "</TTL>"
        + records(values)
        + "</ResourceRecordSet>";
  }

  static String weighted(
      String name, String type, String id, long weight, long ttl, String... values) {
    return "<ResourceRecordSet><Name>"
        + name
        + "</Name><Type>"
        + type
        + "</Type><SetIdentifier>"
        + id
        + "</SetIdentifier><Weight>"
        + weight
        + "</Weight><TTL>"
        + ttl
        + "</TTL>"
        + records(values)
        + "</ResourceRecordSet>";
  }

  /**
   * A geolocation set; {@code geoLocation} is the inside of {@code <GeoLocation>}, such as {@code
   * <ContinentCode>EU</ContinentCode>} or {@code <CountryCode>*</CountryCode>}.
   */
  static String geo(
      String name, String type, String id, String geoLocation, long ttl, String... values) {
    return "<ResourceRecordSet><Name>"
        + name
        + "</Name><Type>"
        + type
        + "</Type><SetIdentifier>"
        + id
        + "</SetIdentifier><GeoLocation>"
        + geoLocation
        + "</GeoLocation><TTL>"
        + ttl
        + "</TTL>"
        + records(values)
        + "</ResourceRecordSet>";
  }

  private static String records(String... values) {
    StringBuilder xml = new StringBuilder("<ResourceRecords>");
    for (String value : values) {
      xml.append("<ResourceRecord><Value>")
          .append(escape(value))
          .append("</Value></ResourceRecord>");
    }
    return xml.append("</ResourceRecords>").toString();
  }

  /** A ListResourceRecordSets page; {@code next} is name, type and optionally identifier. */
  static String recordSetsPage(List<String> sets, String... next) {
    StringBuilder xml =
        new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .append("<ListResourceRecordSetsResponse xmlns=\"" + NS + "\">")
            .append("<ResourceRecordSets>");
    sets.forEach(xml::append);
    xml.append("</ResourceRecordSets><IsTruncated>")
        .append(next.length > 0)
        .append("</IsTruncated>");
    if (next.length > 0) {
      xml.append("<NextRecordName>").append(next[0]).append("</NextRecordName>");
      xml.append("<NextRecordType>").append(next[1]).append("</NextRecordType>");
      if (next.length > 2) {
        xml.append("<NextRecordIdentifier>").append(next[2]).append("</NextRecordIdentifier>");
      }
    }
    return xml.append("<MaxItems>300</MaxItems></ListResourceRecordSetsResponse>").toString();
  }

  static String zone(String id, String name, boolean isPrivate) {
    return "<HostedZone><Id>/hostedzone/"
        + id
        + "</Id><Name>"
        + name
        + "</Name><CallerReference>ref-"
        + id
        + "</CallerReference><Config><PrivateZone>"
        + isPrivate
        + "</PrivateZone></Config><ResourceRecordSetCount>4</ResourceRecordSetCount></HostedZone>";
  }

  static String zonesByName(String dnsName, String... zones) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListHostedZonesByNameResponse xmlns=\""
        + NS
        + "\"><HostedZones>"
        + String.join("", zones)
        + "</HostedZones><DNSName>"
        + dnsName
        + "</DNSName><IsTruncated>false</IsTruncated><MaxItems>100</MaxItems>"
        + "</ListHostedZonesByNameResponse>";
  }

  static String changeInfo(String root, String id, String status) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<"
        + root
        + " xmlns=\""
        + NS
        + "\"><ChangeInfo><Id>/change/"
        + id
        + "</Id><Status>"
        + status
        + "</Status><SubmittedAt>2026-11-23T10:00:00.000Z</SubmittedAt>"
        + "<Comment>dnsfailover</Comment></ChangeInfo></"
        + root
        + ">";
  }

  static String error(String type, String code, String message) {
    return "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\""
        + NS
        + "\"><Error><Type>"
        + type
        + "</Type><Code>"
        + code
        + "</Code><Message>"
        + escape(message)
        + "</Message></Error><RequestId>0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b</RequestId>"
        + "</ErrorResponse>";
  }

  static String invalidChangeBatch(String... messages) {
    StringBuilder xml =
        new StringBuilder("<?xml version=\"1.0\"?>\n<InvalidChangeBatch xmlns=\"" + NS + "\">")
            .append("<Messages>");
    for (String message : messages) {
      xml.append("<Message>").append(escape(message)).append("</Message>");
    }
    return xml.append("</Messages><RequestId>9a8b7c6d-5e4f-3a2b-1c0d-e9f8a7b6c5d4</RequestId>")
        .append("</InvalidChangeBatch>")
        .toString();
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}

package io.dnsfailover.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A WireMock response transformer that keeps one Route 53 hosted zone's resource record sets in
 * memory and answers the record-set calls in Route 53's REST/XML API (2013-04-01):
 * ListResourceRecordSets (one page: the tests hold far fewer than 300 sets) and
 * ChangeResourceRecordSets, validated whole and applied all or nothing. CREATE of a set that
 * exists, DELETE of a missing set or one whose TTL, values, weight or GeoLocation differ, two
 * geolocation sets naming one location, and geolocation sets beside sets of another routing at one
 * name and type fail with {@code InvalidChangeBatch}; UPSERT creates or replaces a set by name,
 * type and SetIdentifier. Every accepted change batch is kept, so a test can check exactly what was
 * sent.
 */
final class FakeRoute53 implements ResponseDefinitionTransformerV2 {

  static final String NAME = "fake-route53";
  static final String NS = "https://route53.amazonaws.com/doc/2013-04-01/";

  /**
   * One resource record set as Route 53 holds it.
   *
   * @param geoLocation the GeoLocation's elements ({@code ContinentCode}, {@code CountryCode},
   *     {@code SubdivisionCode}) in document order; empty for a set that is not a geolocation set
   */
  record Held(
      String name,
      String type,
      Optional<String> setIdentifier,
      Optional<Long> weight,
      Map<String, String> geoLocation,
      long ttl,
      List<String> values) {

    boolean sameIdentity(Held other) {
      return name.equals(other.name)
          && type.equals(other.type)
          && setIdentifier.equals(other.setIdentifier);
    }

    boolean sameContent(Held other) {
      return sameIdentity(other)
          && ttl == other.ttl
          && weight.equals(other.weight)
          && geoLocation.equals(other.geoLocation)
          && values.stream().sorted().toList().equals(other.values.stream().sorted().toList());
    }

    String routing() {
      if (!geoLocation.isEmpty()) {
        return "geolocation";
      }
      return weight.isPresent() ? "weighted" : "simple";
    }

    String describe() {
      return "[name='"
          + name
          + "', type='"
          + type
          + "'"
          + setIdentifier.map(id -> ", set-identifier='" + id + "'").orElse("")
          + "]";
    }
  }

  /** One change of an accepted batch: its action and the set it carried. */
  record Sent(String action, Held set) {}

  private final String zoneId;
  private final String zoneName;
  private final List<Held> sets = new ArrayList<>();
  private final List<List<Sent>> batches = new ArrayList<>();
  private int changes;

  FakeRoute53(String zoneId, String zoneName) {
    this.zoneId = zoneId;
    this.zoneName = zoneName;
    sets.add(
        new Held(
            zoneName,
            "SOA",
            Optional.empty(),
            Optional.empty(),
            Map.of(),
            900,
            List.of("ns-1.awsdns-01.org. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400")));
    sets.add(
        new Held(
            zoneName,
            "NS",
            Optional.empty(),
            Optional.empty(),
            Map.of(),
            172800,
            List.of("ns-1.awsdns-01.org.")));
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  /** Every set the zone holds now, in Route 53's listing order. */
  synchronized List<Held> all() {
    return sorted(sets);
  }

  /** Every accepted batch, in order. */
  synchronized List<List<Sent>> batches() {
    return List.copyOf(batches);
  }

  @Override
  public synchronized ResponseDefinition transform(ServeEvent serveEvent) {
    Request request = serveEvent.getRequest();
    String path = request.getUrl().split("\\?", 2)[0];
    String rrset = "/2013-04-01/hostedzone/" + zoneId + "/rrset";
    if (path.equals(rrset) && request.getMethod().getName().equals("GET")) {
      return xml(200, listing());
    }
    if (path.equals(rrset + "/") && request.getMethod().getName().equals("POST")) {
      return change(request.getBodyAsString());
    }
    return xml(
        404,
        "<ErrorResponse xmlns=\""
            + NS
            + "\"><Error><Type>Sender</Type><Code>NoSuchHostedZone</Code><Message>No hosted zone"
            + " found with ID: "
            + path
            + "</Message></Error><RequestId>0</RequestId></ErrorResponse>");
  }

  private String listing() {
    StringBuilder xml =
        new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .append("<ListResourceRecordSetsResponse xmlns=\"" + NS + "\"><ResourceRecordSets>");
    for (Held set : sorted(sets)) {
      xml.append("<ResourceRecordSet><Name>").append(escape(set.name())).append("</Name>");
      xml.append("<Type>").append(set.type()).append("</Type>");
      set.setIdentifier()
          .ifPresent(
              id -> xml.append("<SetIdentifier>").append(escape(id)).append("</SetIdentifier>"));
      set.weight().ifPresent(weight -> xml.append("<Weight>").append(weight).append("</Weight>"));
      if (!set.geoLocation().isEmpty()) {
        xml.append("<GeoLocation>");
        set.geoLocation()
            .forEach(
                (element, code) ->
                    xml.append('<')
                        .append(element)
                        .append('>')
                        .append(code)
                        .append("</")
                        .append(element)
                        .append('>'));
        xml.append("</GeoLocation>");
      }
      xml.append("<TTL>").append(set.ttl()).append("</TTL><ResourceRecords>");
      for (String value : set.values()) {
        xml.append("<ResourceRecord><Value>").append(escape(value)).append("</Value>");
        xml.append("</ResourceRecord>");
      }
      xml.append("</ResourceRecords></ResourceRecordSet>");
    }
    return xml.append("</ResourceRecordSets><IsTruncated>false</IsTruncated>")
        .append("<MaxItems>300</MaxItems></ListResourceRecordSetsResponse>")
        .toString();
  }

  private ResponseDefinition change(String body) {
    List<Sent> batch = parse(body);
    List<Held> copy = new ArrayList<>(sets);
    List<String> messages = new ArrayList<>();
    for (Sent sent : batch) {
      Held set = sent.set();
      Optional<Held> current = copy.stream().filter(set::sameIdentity).findFirst();
      switch (sent.action()) {
        case "CREATE" -> {
          if (current.isPresent()) {
            messages.add(
                "Tried to create resource record set " + set.describe() + " but it already exists");
          } else if (valid(set, copy, messages)) {
            copy.add(set);
          }
        }
        case "DELETE" -> {
          if (current.isEmpty()) {
            messages.add(
                "Tried to delete resource record set " + set.describe() + " but it was not found");
          } else if (!current.get().sameContent(set)) {
            messages.add(
                "Tried to delete resource record set "
                    + set.describe()
                    + " but the values provided do not match the current values");
          } else {
            copy.remove(current.get());
          }
        }
        case "UPSERT" -> {
          current.ifPresent(copy::remove);
          if (valid(set, copy, messages)) {
            copy.add(set);
          }
        }
        default -> messages.add("Unknown action " + sent.action());
      }
    }
    if (!messages.isEmpty()) {
      StringBuilder xml =
          new StringBuilder("<?xml version=\"1.0\"?>\n<InvalidChangeBatch xmlns=\"" + NS + "\">")
              .append("<Messages>");
      messages.forEach(
          message -> xml.append("<Message>").append(escape(message)).append("</Message>"));
      return xml(
          400, xml.append("</Messages><RequestId>1</RequestId></InvalidChangeBatch>").toString());
    }
    sets.clear();
    sets.addAll(copy);
    batches.add(List.copyOf(batch));
    return xml(
        200,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ChangeResourceRecordSetsResponse xmlns=\""
            + NS
            + "\"><ChangeInfo><Id>/change/C"
            + ++changes
            + "</Id><Status>PENDING</Status><SubmittedAt>2026-11-23T10:00:00.000Z</SubmittedAt>"
            + "</ChangeInfo></ChangeResourceRecordSetsResponse>");
  }

  private boolean valid(Held set, List<Held> held, List<String> messages) {
    int before = messages.size();
    if (!set.name().equals(zoneName) && !set.name().endsWith("." + zoneName)) {
      messages.add("RRSet with DNS name " + set.name() + " is not permitted in zone " + zoneName);
    }
    if (!set.geoLocation().isEmpty() && set.setIdentifier().isEmpty()) {
      messages.add("Invalid request: a geolocation set needs a SetIdentifier " + set.describe());
    }
    for (Held other : held) {
      if (!other.name().equals(set.name()) || !other.type().equals(set.type())) {
        continue;
      }
      if (!other.routing().equals(set.routing())) {
        messages.add(
            "RRSet "
                + set.describe()
                + " cannot be created because a "
                + other.routing()
                + " set exists with the same name and type.");
      } else if (!set.geoLocation().isEmpty() && set.geoLocation().equals(other.geoLocation())) {
        messages.add(
            "RRSet "
                + set.describe()
                + " cannot be created because "
                + other.describe()
                + " has the same geolocation.");
      }
    }
    return messages.size() == before;
  }

  private static List<Sent> parse(String body) {
    Document document;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      document =
          factory
              .newDocumentBuilder()
              .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalArgumentException("not a ChangeResourceRecordSetsRequest: " + body, e);
    }
    List<Sent> batch = new ArrayList<>();
    NodeList changes = document.getElementsByTagName("Change");
    for (int i = 0; i < changes.getLength(); i++) {
      Element change = (Element) changes.item(i);
      Element set = child(change, "ResourceRecordSet").orElseThrow();
      Map<String, String> geo = new LinkedHashMap<>();
      child(set, "GeoLocation")
          .ifPresent(
              location -> {
                for (Node node = location.getFirstChild();
                    node != null;
                    node = node.getNextSibling()) {
                  if (node instanceof Element element) {
                    geo.put(element.getTagName(), element.getTextContent());
                  }
                }
              });
      List<String> values = new ArrayList<>();
      NodeList valueNodes = set.getElementsByTagName("Value");
      for (int j = 0; j < valueNodes.getLength(); j++) {
        values.add(valueNodes.item(j).getTextContent());
      }
      String name = text(set, "Name").orElseThrow().toLowerCase(Locale.ROOT);
      batch.add(
          new Sent(
              text(change, "Action").orElseThrow(),
              new Held(
                  name.endsWith(".") ? name : name + ".",
                  text(set, "Type").orElseThrow(),
                  text(set, "SetIdentifier"),
                  text(set, "Weight").map(Long::valueOf),
                  Map.copyOf(geo),
                  text(set, "TTL").map(Long::parseLong).orElse(0L),
                  List.copyOf(values))));
    }
    return batch;
  }

  private static Optional<Element> child(Element parent, String name) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        return Optional.of(element);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> text(Element parent, String name) {
    return child(parent, name).map(Element::getTextContent);
  }

  private static List<Held> sorted(List<Held> sets) {
    return sets.stream()
        .sorted(
            Comparator.comparing((Held set) -> reversed(set.name()))
                .thenComparing(Held::type)
                .thenComparing(set -> set.setIdentifier().orElse("")))
        .toList();
  }

  private static String reversed(String name) {
    List<String> labels = new ArrayList<>(List.of(name.split("\\.")));
    java.util.Collections.reverse(labels);
    return String.join(".", labels);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static ResponseDefinition xml(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "text/xml")
        .withBody(Objects.requireNonNull(body))
        .build();
  }
}

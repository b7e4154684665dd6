package io.dnsfailover.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WireMock response transformer that keeps one Azure DNS zone's record sets in memory and answers
 * the record-set calls as Azure Resource Manager does (api-version 2018-05-01): a paged listing
 * with {@code nextLink}, GET/PUT/DELETE of one record set, a new ETag on every write, 412 when
 * {@code If-Match} or {@code If-None-Match: *} does not hold.
 */
final class FakeAzureDns implements ResponseDefinitionTransformerV2 {

  static final String NAME = "fake-azure-dns";
  static final String API_VERSION = "2018-05-01";
  private static final int PAGE_SIZE = 2;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String zonePath;
  private volatile String baseUrl = "";
  private final Map<String, ObjectNode> recordSets = new TreeMap<>();
  private final Pattern recordSetPath;
  private int etags;

  /**
   * @param zonePath {@code
   *     /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Network/dnsZones/{zone}}
   */
  FakeAzureDns(String zonePath) {
    this.zonePath = zonePath;
    this.recordSetPath = Pattern.compile(Pattern.quote(zonePath) + "/([A-Z]+)/([^/?]+)");
  }

  /** The server's URL, for {@code nextLink}; known once the server has started. */
  void baseUrl(String url) {
    this.baseUrl = url;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  /** Adds a record set directly, as the portal would; {@code properties} is its JSON. */
  synchronized void seed(String type, String name, String properties) {
    try {
      store(type, name, (ObjectNode) JSON.readTree(properties));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  synchronized ObjectNode recordSet(String type, String name) {
    return recordSets.get(type + "/" + name);
  }

  @Override
  public synchronized ResponseDefinition transform(ServeEvent serveEvent) {
    Request request = serveEvent.getRequest();
    String path = request.getUrl().split("\\?", 2)[0];
    if (!API_VERSION.equals(request.queryParameter("api-version").firstValue())) {
      return error(400, "InvalidApiVersionParameter", "api-version " + API_VERSION + " expected");
    }
    if (path.equals(zonePath + "/recordsets") && request.getMethod().getName().equals("GET")) {
      return list(request);
    }
    Matcher matcher = recordSetPath.matcher(path);
    if (!matcher.matches()) {
      return error(404, "NotFound", "no such path " + path);
    }
    String type = matcher.group(1);
    String name = matcher.group(2);
    String key = type + "/" + name;
    ObjectNode current = recordSets.get(key);
    String ifMatch = request.getHeader("If-Match");
    String ifNoneMatch = request.getHeader("If-None-Match");
    return switch (request.getMethod().getName()) {
      case "GET" ->
          current == null
              ? error(404, "NotFound", "The resource record '" + name + "' does not exist.")
              : json(200, current);
      case "PUT" -> {
        if ("*".equals(ifNoneMatch) && current != null) {
          yield error(412, "PreconditionFailed", "The record set already exists.");
        }
        if (ifMatch != null && (current == null || !ifMatch.equals(etag(current)))) {
          yield error(412, "PreconditionFailed", "The etag does not match.");
        }
        ObjectNode body = parse(request.getBodyAsString());
        ObjectNode stored = store(type, name, (ObjectNode) body.get("properties"));
        yield json(current == null ? 201 : 200, stored);
      }
      case "DELETE" -> {
        if (current == null) {
          yield aResponse().withStatus(204).build();
        }
        if (ifMatch != null && !ifMatch.equals(etag(current))) {
          yield error(412, "PreconditionFailed", "The etag does not match.");
        }
        recordSets.remove(key);
        yield aResponse().withStatus(200).build();
      }
      default -> error(405, "MethodNotAllowed", request.getMethod().getName());
    };
  }

  private ResponseDefinition list(Request request) {
    int start =
        request.queryParameter("$skiptoken").isPresent()
            ? Integer.parseInt(request.queryParameter("$skiptoken").firstValue())
            : 0;
    List<ObjectNode> all = new ArrayList<>(recordSets.values());
    ObjectNode page = JSON.createObjectNode();
    ArrayNode value = page.putArray("value");
    all.subList(start, Math.min(all.size(), start + PAGE_SIZE)).forEach(value::add);
    if (start + PAGE_SIZE < all.size()) {
      page.put(
          "nextLink",
          baseUrl
              + zonePath
              + "/recordsets?api-version="
              + API_VERSION
              + "&$skiptoken="
              + (start + PAGE_SIZE));
    }
    return json(200, page);
  }

  private ObjectNode store(String type, String name, ObjectNode properties) {
    ObjectNode recordSet = JSON.createObjectNode();
    recordSet.put("id", zonePath.replace("dnsZones", "dnszones") + "/" + type + "/" + name);
    recordSet.put("name", name);
    recordSet.put("type", "Microsoft.Network/dnszones/" + type);
    recordSet.put("etag", "etag-" + ++etags);
    ObjectNode stored = properties.deepCopy();
    stored.put("provisioningState", "Succeeded");
    recordSet.set("properties", stored);
    recordSets.put(type + "/" + name, recordSet);
    return recordSet;
  }

  static String etag(ObjectNode recordSet) {
    return recordSet.get("etag").asText();
  }

  private static ObjectNode parse(String body) {
    try {
      return (ObjectNode) JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ResponseDefinition json(int status, ObjectNode body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(body.toString())
        .build();
  }

  private static ResponseDefinition error(int status, String code, String message) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("code", code);
    error.put("message", message);
    return json(status, body);
  }
}

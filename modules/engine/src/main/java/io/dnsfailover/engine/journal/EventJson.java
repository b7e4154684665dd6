package io.dnsfailover.engine.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The journal's line format: one JSON object per event, fields in a fixed order, absent fields left
 * out:
 *
 * <pre>
 * {"time":"2026-11-23T10:00:00.123Z","kind":"transition","record":"app.example.test. A",
 *  "endpoint":"primary","from":"HEALTHY","to":"UNHEALTHY","reason":"HTTP 503 (fall 3)"}
 * </pre>
 *
 * Readers ignore fields they do not know, so fields can be added later.
 */
public final class EventJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private EventJson() {}

  public static ObjectNode toNode(Event event) {
    ObjectNode node = JSON.createObjectNode();
    node.put("time", event.time().toString());
    node.put("kind", event.kind().label());
    event.zone().ifPresent(value -> node.put("zone", value));
    event.record().ifPresent(value -> node.put("record", value));
    event.endpoint().ifPresent(value -> node.put("endpoint", value));
    event.action().ifPresent(value -> node.put("action", value));
    event.from().ifPresent(value -> node.put("from", value));
    event.to().ifPresent(value -> node.put("to", value));
    node.put("reason", event.reason());
    return node;
  }

  /** The event as one line of JSON, without the line break. */
  public static String toLine(Event event) {
    try {
      return JSON.writeValueAsString(toNode(event));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an event as JSON", e);
    }
  }

  /** The event of one journal line; empty for a line that is not one (a torn last line). */
  public static Optional<Event> parse(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      if (node == null
          || !node.isObject()
          || !node.hasNonNull("time")
          || !node.hasNonNull("kind")) {
        return Optional.empty();
      }
      return Optional.of(
          new Event(
              Instant.parse(node.get("time").asText()),
              Event.Kind.of(node.get("kind").asText()),
              text(node, "zone"),
              text(node, "record"),
              text(node, "endpoint"),
              text(node, "action"),
              text(node, "from"),
              text(node, "to"),
              text(node, "reason").orElse("")));
    } catch (JsonProcessingException | DateTimeParseException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
  }
}

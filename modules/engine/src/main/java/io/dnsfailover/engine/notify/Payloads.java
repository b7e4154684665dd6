package io.dnsfailover.engine.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dnsfailover.core.config.WebhookConfig;
import io.dnsfailover.engine.journal.Event;
import io.dnsfailover.engine.journal.EventJson;
import java.util.List;

/**
 * The bodies webhooks receive. One message is about one subject (a record, or errors) and holds the
 * events gathered for it: usually one, more when the rate limit coalesced them.
 *
 * <p>{@code json}:
 *
 * <pre>
 * {"source":"dnsfailover","owner":"prod-eu","subject":"app.example.test. A",
 *  "text":"app.example.test. A: ...","count":2,"omitted":0,
 *  "events":[{"time":...,"kind":"transition",...}, ...]}
 * </pre>
 *
 * ({@code events} are journal lines, see {@link EventJson}; {@code omitted} counts events left out
 * past {@link #MAX_EVENTS}). {@code slack}: {@code {"text": "..."}}, one line per event.
 */
final class Payloads {

  /** At most this many events in one message; the rest are only counted. */
  static final int MAX_EVENTS = 20;

  /** At most this many event lines in a Slack message. */
  static final int MAX_LINES = 10;

  private static final ObjectMapper JSON = new ObjectMapper();

  private Payloads() {}

  /**
   * @param events the gathered events, oldest first
   * @param dropped events not even kept for this message (a flood past the pending limit)
   */
  static String body(
      WebhookConfig.Type type, String owner, String subject, List<Event> events, int dropped) {
    return switch (type) {
      case json -> json(owner, subject, events, dropped);
      case slack -> slack(owner, subject, events, dropped);
    };
  }

  private static String json(String owner, String subject, List<Event> events, int dropped) {
    ObjectNode root = JSON.createObjectNode();
    root.put("source", "dnsfailover");
    root.put("owner", owner);
    root.put("subject", subject);
    root.put("text", headline(subject, events, dropped));
    root.put("count", events.size() + dropped);
    int kept = Math.min(events.size(), MAX_EVENTS);
    root.put("omitted", events.size() + dropped - kept);
    ArrayNode list = root.putArray("events");
    events.subList(events.size() - kept, events.size()).forEach(e -> list.add(EventJson.toNode(e)));
    return write(root);
  }

  private static String slack(String owner, String subject, List<Event> events, int dropped) {
    StringBuilder text = new StringBuilder();
    text.append("*dnsfailover* (").append(escape(owner)).append("): ");
    if (events.size() == 1 && dropped == 0) {
      text.append(emoji(events.getFirst()))
          .append(' ')
          .append(escape(events.getFirst().describe()));
    } else {
      text.append(escape(headline(subject, events, dropped)));
      int shown = Math.min(events.size(), MAX_LINES);
      for (Event event : events.subList(events.size() - shown, events.size())) {
        text.append("\n").append(emoji(event)).append(' ').append(event.time()).append(' ');
        text.append(escape(event.describe()));
      }
      int hidden = events.size() + dropped - shown;
      if (hidden > 0) {
        text.append("\n… and ").append(hidden).append(" earlier");
      }
    }
    ObjectNode root = JSON.createObjectNode();
    root.put("text", text.toString());
    return write(root);
  }

  /** "app.example.test. A: 5 events, the latest: change ..." or the one event's line. */
  static String headline(String subject, List<Event> events, int dropped) {
    int count = events.size() + dropped;
    if (count == 1) {
      return events.getFirst().describe();
    }
    return subject
        + ": "
        + count
        + " events (coalesced), the latest: "
        + events.getLast().describe();
  }

  private static String emoji(Event event) {
    return switch (event.kind()) {
      case TRANSITION ->
          event.to().filter("HEALTHY"::equals).isPresent()
              ? ":large_green_circle:"
              : ":red_circle:";
      case CHANGE, PLAN -> ":arrows_counterclockwise:";
      case ERROR, NOT_SERVED -> ":warning:";
      case SERVED -> ":white_check_mark:";
      case RELOAD, START, STOP -> ":information_source:";
    };
  }

  /** Slack reads &, < and > as markup. */
  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String write(ObjectNode root) {
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a payload", e);
    }
  }
}

package io.dnsfailover.core.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One webhook of {@code notifications.webhooks}.
 *
 * <p>The URL and header values are secrets (a Slack incoming-webhook URL is its own credential):
 * {@link #toString()} shows only {@link #redactedUrl()}, and nothing else may print them.
 *
 * @param url where to POST, {@code http} or {@code https}
 * @param type the payload format
 * @param headers sent with every request, such as {@code Authorization}
 * @param events which kinds of event this webhook hears
 * @param minInterval at most one message per record per this long; the rest are coalesced into a
 *     summary sent when it has passed. Zero sends every message on its own.
 */
public record WebhookConfig(
    String url,
    Type type,
    Map<String, String> headers,
    Set<EventKind> events,
    Duration minInterval) {

  /** The payload format. */
  public enum Type {
    /** A JSON document with the events as fields, for any receiver. */
    json,
    /** {@code {"text": ...}}, as Slack (and Mattermost, Rocket.Chat) incoming webhooks read. */
    slack
  }

  /** The kinds of event a webhook can subscribe to. */
  public enum EventKind {
    /** An endpoint's health changed. */
    transition,
    /** A change was applied to DNS. */
    change,
    /** A provider call failed, or a reload was rejected. */
    error
  }

  public static final Duration DEFAULT_MIN_INTERVAL = Duration.ofMinutes(1);
  public static final Set<EventKind> DEFAULT_EVENTS = Set.of(EventKind.values());

  public WebhookConfig {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(type, "type");
    headers = Map.copyOf(headers);
    events = Set.copyOf(events);
    Objects.requireNonNull(minInterval, "minInterval");
  }

  /** The URL reduced to scheme, host and port: what logs and messages may show. */
  public String redactedUrl() {
    return redact(url);
  }

  /**
   * {@code https://hooks.slack.com/services/T0/B0/secret} becomes {@code https://hooks.slack.com}.
   */
  public static String redact(String url) {
    try {
      URI uri = new URI(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return "(a webhook URL)";
      }
      return uri.getScheme()
          + "://"
          + uri.getHost()
          + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    } catch (java.net.URISyntaxException e) {
      return "(a webhook URL)";
    }
  }

  @Override
  public String toString() {
    return "WebhookConfig[url="
        + redactedUrl()
        + ", type="
        + type
        + ", headers="
        + new TreeMap<>(headers).keySet()
        + ", events="
        + events
        + ", minInterval="
        + minInterval
        + "]";
  }
}

package io.dnsfailover.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Binds the optional {@code notifications:} block. Webhook URLs and header values are secrets:
 * messages about them never quote the value, only where it is.
 */
final class NotificationsBinder {

  static final List<String> KEYS = List.of("webhooks");
  static final List<String> WEBHOOK_KEYS =
      List.of("url", "type", "headers", "events", "minInterval");

  private static final List<String> TYPES =
      Arrays.stream(WebhookConfig.Type.values()).map(Enum::name).toList();
  private static final List<String> EVENTS =
      Arrays.stream(WebhookConfig.EventKind.values()).map(Enum::name).toList();

  private final ValueReader values;

  NotificationsBinder(ValueReader values) {
    this.values = values;
  }

  /** The notification settings, none when the block is absent; empty after a problem. */
  Optional<NotificationsConfig> bind(Fields top) {
    Optional<Node> node = top.get("notifications");
    if (node.isEmpty()) {
      return Optional.of(NotificationsConfig.NONE);
    }
    Optional<Fields> maybeFields =
        Fields.of(node.get(), "notifications", values, "a mapping with webhooks");
    if (maybeFields.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = maybeFields.get();
    fields.allowOnly(KEYS, "notifications");
    Optional<Node> list = fields.get("webhooks");
    if (list.isEmpty()) {
      return Optional.of(NotificationsConfig.NONE);
    }
    Optional<Node.Sequence> items =
        values.list(list.get(), fields.path("webhooks"), "a list of webhooks");
    if (items.isEmpty()) {
      return Optional.empty();
    }
    List<WebhookConfig> webhooks = new ArrayList<>();
    boolean complete = true;
    for (int i = 0; i < items.get().items().size(); i++) {
      Optional<WebhookConfig> webhook =
          webhook(items.get().items().get(i), KeyPaths.index(fields.path("webhooks"), i));
      webhook.ifPresent(webhooks::add);
      complete &= webhook.isPresent();
    }
    return complete ? Optional.of(new NotificationsConfig(webhooks)) : Optional.empty();
  }

  private Optional<WebhookConfig> webhook(Node node, String path) {
    Optional<Fields> maybeFields =
        Fields.of(node, path, values, "a webhook (a mapping with url, type, headers, events)");
    if (maybeFields.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = maybeFields.get();
    fields.allowOnly(WEBHOOK_KEYS, "a webhook");
    Optional<String> url =
        fields
            .requiredText("url", "the webhook's http or https URL, like ${SLACK_WEBHOOK_URL}")
            .flatMap(text -> url(fields, text));
    boolean complete = url.isPresent();

    WebhookConfig.Type type = WebhookConfig.Type.json;
    if (fields.get("type").isPresent()) {
      Optional<String> choice = fields.choice("type", TYPES);
      complete &= choice.isPresent();
      type = choice.map(WebhookConfig.Type::valueOf).orElse(type);
    }
    Optional<Map<String, String>> headers = headers(fields);
    complete &= headers.isPresent();
    Optional<Set<WebhookConfig.EventKind>> events = events(fields);
    complete &= events.isPresent();
    Duration minInterval = WebhookConfig.DEFAULT_MIN_INTERVAL;
    if (fields.get("minInterval").isPresent()) {
      Optional<Duration> duration = fields.duration("minInterval");
      complete &= duration.isPresent();
      minInterval = duration.orElse(minInterval);
    }
    if (!complete) {
      return Optional.empty();
    }
    return Optional.of(
        new WebhookConfig(url.get(), type, headers.get(), events.get(), minInterval));
  }

  private Optional<String> url(Fields fields, String text) {
    Node at = fields.get("url").orElseThrow();
    String trimmed = text.trim();
    try {
      URI uri = new URI(trimmed);
      String scheme = uri.getScheme();
      if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
          && uri.getHost() != null) {
        return Optional.of(trimmed);
      }
    } catch (URISyntaxException e) {
      // reported below, without the value: it may be a secret
    }
    values
        .problems()
        .error(
            at,
            fields.path("url"),
            "is not an http or https URL with a host (the value is not shown: it may be a secret)");
    return Optional.empty();
  }

  private Optional<Map<String, String>> headers(Fields fields) {
    Optional<Node> node = fields.get("headers");
    if (node.isEmpty()) {
      return Optional.of(Map.of());
    }
    return HeaderReader.read(node.get(), fields.path("headers"), values);
  }

  private Optional<Set<WebhookConfig.EventKind>> events(Fields fields) {
    Optional<Node> node = fields.get("events");
    if (node.isEmpty()) {
      return Optional.of(WebhookConfig.DEFAULT_EVENTS);
    }
    String expected = "a list of " + String.join(", ", EVENTS);
    Optional<Node.Sequence> list = values.list(node.get(), fields.path("events"), expected);
    if (list.isEmpty()) {
      return Optional.empty();
    }
    if (list.get().items().isEmpty()) {
      values
          .problems()
          .error(list.get(), fields.path("events"), "is empty: list at least one of " + EVENTS);
      return Optional.empty();
    }
    Set<WebhookConfig.EventKind> events = EnumSet.noneOf(WebhookConfig.EventKind.class);
    boolean complete = true;
    for (int i = 0; i < list.get().items().size(); i++) {
      Optional<String> choice =
          values.choice(
              list.get().items().get(i), KeyPaths.index(fields.path("events"), i), EVENTS);
      choice.map(WebhookConfig.EventKind::valueOf).ifPresent(events::add);
      complete &= choice.isPresent();
    }
    return complete ? Optional.of(events) : Optional.empty();
  }
}

package io.dnsfailover.core.config;

import java.util.List;

/**
 * Where the daemon sends notifications ({@code notifications:}).
 *
 * @param webhooks in file order; empty when the block is absent
 */
public record NotificationsConfig(List<WebhookConfig> webhooks) {

  public static final NotificationsConfig NONE = new NotificationsConfig(List.of());

  public NotificationsConfig {
    webhooks = List.copyOf(webhooks);
  }
}

package io.dnsfailover.engine.notify;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.config.NotificationsConfig;
import io.dnsfailover.core.config.WebhookConfig;
import io.dnsfailover.engine.journal.Event;
import io.dnsfailover.engine.journal.EventSink;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the daemon's transitions, applied changes and errors to the webhooks of {@code
 * notifications:}, each on its own thread with its own rate limit (see {@link Webhook}).
 *
 * <p>Never blocks the caller: {@link #accept} only hands events over. Transitions from UNKNOWN to
 * HEALTHY (every endpoint's first probe after a start or reload) are journaled but not notified: a
 * restart would otherwise greet every channel with one message per record.
 */
public final class Notifier implements EventSink, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Notifier.class);

  /** How long the first event of a subject waits for the events it causes (its change). */
  public static final Duration DEFAULT_GATHER = Duration.ofSeconds(2);

  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

  private final OkHttpClient client;
  private final Backoff backoff;
  private final Duration gather;
  private final ScheduledExecutorService timers;
  private volatile Settings settings;

  private record Settings(NotificationsConfig config, String owner, List<Webhook> webhooks) {}

  /** A notifier with the production timing. */
  public Notifier(NotificationsConfig config, String owner) {
    this(config, owner, Backoff.DEFAULT, DEFAULT_GATHER);
  }

  public Notifier(NotificationsConfig config, String owner, Backoff backoff, Duration gather) {
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.gather = Objects.requireNonNull(gather, "gather");
    this.client =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(10))
            .callTimeout(Duration.ofSeconds(15))
            .followRedirects(false)
            .build();
    this.timers =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "notifications");
              thread.setDaemon(true);
              return thread;
            });
    this.settings = settings(config, owner);
  }

  public static Notifier of(Config config) {
    return new Notifier(config.notifications(), config.ownerId());
  }

  private Settings settings(NotificationsConfig config, String owner) {
    List<Webhook> webhooks =
        config.webhooks().stream()
            .map(webhook -> new Webhook(webhook, owner, client, backoff, gather, timers))
            .toList();
    webhooks.forEach(
        webhook ->
            log.info(
                "notifying {} webhook {} of {}",
                webhook.config().type(),
                webhook.config().redactedUrl(),
                webhook.config().events()));
    return new Settings(config, owner, webhooks);
  }

  @Override
  public void accept(Event event) {
    Optional<WebhookConfig.EventKind> kind = notifiable(event);
    if (kind.isEmpty()) {
      return;
    }
    for (Webhook webhook : settings.webhooks()) {
      webhook.offer(event, kind.get());
    }
  }

  static Optional<WebhookConfig.EventKind> notifiable(Event event) {
    return switch (event.kind()) {
      case TRANSITION ->
          event.from().filter("UNKNOWN"::equals).isPresent()
                  && event.to().filter("HEALTHY"::equals).isPresent()
              ? Optional.empty()
              : Optional.of(WebhookConfig.EventKind.transition);
      case CHANGE -> Optional.of(WebhookConfig.EventKind.change);
      // A change the verify servers do not answer is as urgent as a failed write.
      case ERROR, NOT_SERVED -> Optional.of(WebhookConfig.EventKind.error);
      case PLAN, RELOAD, START, STOP, SERVED -> Optional.empty();
    };
  }

  /** Follows a changed {@code notifications:} block; what the old webhooks gathered is sent. */
  @Override
  public synchronized void onReload(Config config) {
    Settings current = settings;
    if (current.config().equals(config.notifications())
        && current.owner().equals(config.ownerId())) {
      return;
    }
    settings = settings(config.notifications(), config.ownerId());
    current.webhooks().forEach(Webhook::close);
  }

  /** Sends what is gathered, waits (boundedly) for deliveries in progress, then stops. */
  @Override
  public synchronized void close() {
    List<Webhook> webhooks = settings.webhooks();
    webhooks.forEach(Webhook::close);
    timers.shutdownNow();
    long deadline = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
    try {
      for (Webhook webhook : webhooks) {
        webhook.awaitDelivered(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
    try {
      timers.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.dnsfailover.engine.notify;

import io.dnsfailover.core.config.WebhookConfig;
import io.dnsfailover.engine.journal.Event;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One webhook: gathers events per subject (a record, or "error"), sends at most one message per
 * subject per {@code minInterval}, and delivers messages in order on a thread of its own, retrying
 * with {@link Backoff}.
 *
 * <p>The rate limit: the first event of a subject opens a short gathering window ({@code gather},
 * so a transition and the change it causes go out together); when it closes, everything gathered
 * goes out as one message. The next message for that subject goes no sooner than {@code
 * minInterval} after the last, and holds everything that came in between (a summary), so a flapping
 * endpoint sends one message per interval however often it flaps.
 *
 * <p>{@link #offer} is what probe and reconcile threads call: it only takes a lock and schedules,
 * never waits for the network.
 */
final class Webhook {

  private static final Logger log = LoggerFactory.getLogger(Webhook.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final int MAX_PENDING = 100;
  private static final int MAX_QUEUED_MESSAGES = 1000;

  private final WebhookConfig config;
  private final String owner;
  private final OkHttpClient client;
  private final Backoff backoff;
  private final Duration gather;
  private final ScheduledExecutorService timers;
  private final ThreadPoolExecutor sender;
  private final Map<String, Subject> subjects = new HashMap<>();
  private boolean closed;

  /** What is gathered for one subject; guarded by the webhook. */
  private static final class Subject {
    final List<Event> pending = new ArrayList<>();
    int dropped;
    boolean scheduled;
    long lastSentNanos;
    boolean sentBefore;
  }

  Webhook(
      WebhookConfig config,
      String owner,
      OkHttpClient client,
      Backoff backoff,
      Duration gather,
      ScheduledExecutorService timers) {
    this.config = config;
    this.owner = owner;
    this.client = client;
    this.backoff = backoff;
    this.gather = gather;
    this.timers = timers;
    this.sender =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(MAX_QUEUED_MESSAGES),
            runnable -> {
              Thread thread = new Thread(runnable, "webhook " + config.redactedUrl());
              thread.setDaemon(true);
              return thread;
            });
  }

  WebhookConfig config() {
    return config;
  }

  /** Gathers an event this webhook subscribes to; returns at once. */
  void offer(Event event, WebhookConfig.EventKind kind) {
    if (!config.events().contains(kind)) {
      return;
    }
    String key = event.subject();
    synchronized (this) {
      if (closed) {
        return;
      }
      Subject subject = subjects.computeIfAbsent(key, unused -> new Subject());
      if (subject.pending.size() < MAX_PENDING) {
        subject.pending.add(event);
      } else {
        subject.dropped++;
      }
      if (subject.scheduled) {
        return;
      }
      subject.scheduled = true;
      long delay = gather.toNanos();
      if (subject.sentBefore) {
        long nextAllowed = subject.lastSentNanos + config.minInterval().toNanos();
        delay = Math.max(delay, nextAllowed - System.nanoTime());
      }
      try {
        // flush() handles its own failures; nothing waits on this future.
        var unused = timers.schedule(() -> flush(key), delay, TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        subject.scheduled = false; // shutting down: close() flushes what is pending
      }
    }
  }

  /** Sends what is pending for every subject now, then lets queued messages finish. */
  void close() {
    List<String> keys;
    synchronized (this) {
      if (closed) {
        return;
      }
      keys = List.copyOf(subjects.keySet());
    }
    keys.forEach(this::flush);
    synchronized (this) {
      closed = true;
    }
    sender.shutdown();
  }

  /** Waits for queued messages (and their retries); then gives them up. */
  boolean awaitDelivered(Duration timeout) throws InterruptedException {
    if (sender.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return true;
    }
    int left = sender.shutdownNow().size();
    log.warn(
        "webhook {}: gave up {} undelivered message(s) at shutdown",
        config.redactedUrl(),
        left + 1);
    return false;
  }

  private void flush(String key) {
    List<Event> batch;
    int dropped;
    synchronized (this) {
      Subject subject = subjects.get(key);
      if (subject == null || subject.pending.isEmpty() || closed) {
        if (subject != null) {
          subject.scheduled = false;
        }
        return;
      }
      batch = List.copyOf(subject.pending);
      dropped = subject.dropped;
      subject.pending.clear();
      subject.dropped = 0;
      subject.scheduled = false;
      subject.sentBefore = true;
      subject.lastSentNanos = System.nanoTime();
    }
    String body = Payloads.body(config.type(), owner, key, batch, dropped);
    try {
      sender.execute(() -> deliver(body));
    } catch (RejectedExecutionException e) {
      log.warn(
          "webhook {}: dropped a message about {}: the delivery queue is full or closed",
          config.redactedUrl(),
          key);
    }
  }

  private void deliver(String body) {
    Request.Builder request =
        new Request.Builder().url(config.url()).post(RequestBody.create(body, JSON));
    config.headers().forEach(request::header);
    request.header("User-Agent", "dnsfailover");
    Request built = request.build();
    for (int attempt = 1; attempt <= backoff.attempts(); attempt++) {
      String failure;
      try (Response response = client.newCall(built).execute()) {
        int code = response.code();
        if (response.isSuccessful()) {
          if (attempt > 1) {
            log.info("webhook {}: delivered on try {}", config.redactedUrl(), attempt);
          }
          return;
        }
        failure = "HTTP " + code;
        if (code >= 400 && code < 500 && code != 408 && code != 429) {
          log.warn(
              "webhook {}: rejected with {}; not retried (check its URL, headers and type)",
              config.redactedUrl(),
              failure);
          return;
        }
      } catch (IOException e) {
        failure = scrub(e.toString());
      }
      if (attempt == backoff.attempts()) {
        log.warn("webhook {}: gave up after {} tries: {}", config.redactedUrl(), attempt, failure);
        return;
      }
      Duration delay = backoff.delayAfter(attempt);
      log.debug(
          "webhook {}: try {} failed ({}), retrying in {}",
          config.redactedUrl(),
          attempt,
          failure,
          delay);
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** An error message with the URL's secret parts replaced: OkHttp may quote the URL. */
  private String scrub(String message) {
    String url = config.url();
    String redacted = config.redactedUrl();
    String scrubbed = message.replace(url, redacted);
    int pathStart = url.indexOf('/', url.indexOf("//") + 2);
    if (pathStart > 0 && pathStart < url.length() - 1) {
      scrubbed = scrubbed.replace(url.substring(pathStart), "/…");
    }
    return scrubbed;
  }
}

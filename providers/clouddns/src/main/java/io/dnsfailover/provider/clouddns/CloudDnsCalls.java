package io.dnsfailover.provider.clouddns;

import io.dnsfailover.provider.clouddns.CloudDnsApi.ApiError;
import io.dnsfailover.provider.clouddns.CloudDnsProvider.Timing;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.ProviderException.Kind;
import io.dnsfailover.spi.Ticker;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the provider calls Cloud DNS and waits: retries of idempotent calls (throttling, 5xx, lost
 * connections) with backoff that honours {@code Retry-After}, and the mapping of API errors to
 * {@link ProviderException} kinds with a hint of what to check. Shared by reading, finding the
 * managed zone and writing, so all three wait and fail alike.
 */
final class CloudDnsCalls {

  private final String project;
  private final Timing timing;
  private final Ticker ticker;

  CloudDnsCalls(String project, Timing timing, Ticker ticker) {
    this.project = Objects.requireNonNull(project, "project");
    this.timing = Objects.requireNonNull(timing, "timing");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
  }

  /** One call of the API. */
  @FunctionalInterface
  interface Call<T> {
    T run() throws ApiError, IOException;
  }

  /** Makes an idempotent call, retrying throttling, 5xx and lost connections with backoff. */
  <T> T call(String what, Call<T> call) throws ProviderException {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.run();
      } catch (ApiError e) {
        if (!(e.isRateLimit() || e.isServerError()) || attempt >= timing.attempts()) {
          throw failure(e, what, List.of(), List.of());
        }
        pause(retryDelay(e, attempt));
      } catch (IOException e) {
        if (attempt >= timing.attempts()) {
          throw new ProviderException(
              Kind.TRANSIENT, what + ": Cloud DNS did not answer: " + e.getMessage(), e);
        }
        pause(backoff(attempt));
      }
    }
  }

  ProviderException failure(ApiError e, String what, List<Change> applied, List<Change> changes) {
    Kind kind;
    if (e.isRateLimit() || e.isServerError()) {
      kind = Kind.TRANSIENT;
    } else {
      kind =
          switch (e.status()) {
            case 401, 403 -> Kind.AUTH;
            case 404 -> Kind.NOT_FOUND;
            case 409, 412 -> Kind.CONFLICT;
            default -> Kind.INVALID;
          };
    }
    String hint =
        switch (kind) {
          case AUTH ->
              " (check the Application Default Credentials and that they hold roles/dns.admin,"
                  + " or a role with the permissions in the README, on project "
                  + project
                  + ")";
          case NOT_FOUND -> " (check project " + project + " and the managed zone)";
          case TRANSIENT, CONFLICT, INVALID -> "";
        };
    return new ProviderException(
        kind,
        what
            + ": Cloud DNS answered "
            + e.status()
            + " "
            + e.reason()
            + ": "
            + e.getMessage()
            + hint
            + appliedNote(applied, changes),
        e,
        applied);
  }

  static String appliedNote(List<Change> applied, List<Change> changes) {
    if (applied.isEmpty()) {
      return "";
    }
    return "; " + applied.size() + " of " + changes.size() + " changes were applied before this";
  }

  Duration retryDelay(ApiError e, int attempt) {
    return e.retryAfterSeconds()
        .map(seconds -> min(Duration.ofSeconds(Math.max(0, seconds)), timing.backoffMax()))
        .orElseGet(() -> backoff(attempt));
  }

  Duration backoff(int attempt) {
    Duration delay = timing.backoffFirst().multipliedBy(1L << Math.min(attempt - 1, 16));
    return min(delay, timing.backoffMax());
  }

  void pause(Duration duration) throws ProviderException {
    try {
      ticker.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(Kind.TRANSIENT, "interrupted while waiting for Cloud DNS", e);
    }
  }

  static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}

package io.dnsfailover.provider.route53;

import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Sends one Route 53 request through the rate limiter, retrying throttling, {@code
 * PriorRequestNotComplete}, 5xx and lost connections with exponential backoff and jitter, at most
 * {@code maxRetries} times; then the failure becomes a {@link ProviderException} (TRANSIENT for
 * those, the kind {@link Route53Errors} gives otherwise).
 *
 * <p>Backoff before retry {@code n} (0-based) is half of {@code min(maxDelay, baseDelay * 2^n)}
 * plus a random part up to the other half ("equal jitter"): it always grows, which
 * PriorRequestNotComplete needs, and clients throttled together spread out. Every attempt, retries
 * included, passes the limiter.
 */
final class Route53Calls {

  static final Duration BASE_DELAY = Duration.ofMillis(500);
  static final Duration MAX_DELAY = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(Route53Calls.class);

  /** Turns a failure that is given up on into the exception to report. */
  interface ErrorMapper {
    ProviderException map(String what, SdkException failure, int attempts);
  }

  private final RateLimiter limiter;
  private final Ticker ticker;
  private final RandomGenerator random;
  private final int maxRetries;

  Route53Calls(RateLimiter limiter, Ticker ticker, RandomGenerator random, int maxRetries) {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
    }
    this.limiter = limiter;
    this.ticker = ticker;
    this.random = random;
    this.maxRetries = maxRetries;
  }

  Ticker ticker() {
    return ticker;
  }

  <T> T call(String what, Supplier<T> request, AtomicInteger attempts) throws ProviderException {
    return call(what, request, attempts, Route53Errors::toProviderException);
  }

  /**
   * @param what names the call and its zone for messages: "ListResourceRecordSets example.com."
   * @param attempts incremented for every request sent
   */
  <T> T call(String what, Supplier<T> request, AtomicInteger attempts, ErrorMapper errors)
      throws ProviderException {
    int attempt = 0;
    while (true) {
      try {
        limiter.acquire();
        attempt++;
        attempts.incrementAndGet();
        return request.get();
      } catch (SdkException failure) {
        if (!Route53Errors.isRetryable(failure) || attempt > maxRetries) {
          throw errors.map(what, failure, attempt);
        }
        Duration delay = backoff(attempt - 1);
        log.info(
            "{}: {}; retry {} of {} in {} ms",
            what,
            Route53Errors.redact(describe(failure)),
            attempt,
            maxRetries,
            delay.toMillis());
        sleep(what, delay);
      } catch (InterruptedException e) {
        throw interrupted(what, e);
      }
    }
  }

  /** Waits {@code delay} on the provider's ticker (INSYNC polling). */
  void sleep(String what, Duration delay) throws ProviderException {
    try {
      ticker.sleep(delay);
    } catch (InterruptedException e) {
      throw interrupted(what, e);
    }
  }

  Duration backoff(int retry) {
    long cap = BASE_DELAY.toMillis() << Math.min(retry, 20);
    cap = Math.min(cap, MAX_DELAY.toMillis());
    long half = cap / 2;
    return Duration.ofMillis(half + random.nextLong(half + 1));
  }

  private static ProviderException interrupted(String what, InterruptedException e) {
    Thread.currentThread().interrupt();
    return new ProviderException(ProviderException.Kind.TRANSIENT, what + ": interrupted", e);
  }

  private static String describe(SdkException failure) {
    String code = Route53Errors.code(failure);
    return code.isEmpty() ? Route53Errors.message(failure) : code;
  }
}

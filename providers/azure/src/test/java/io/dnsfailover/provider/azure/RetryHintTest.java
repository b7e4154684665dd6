package io.dnsfailover.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a response's wait is read, and where the retry policy's cap falls. */
class RetryHintTest {

  private static final Clock NOW =
      Clock.fixed(Instant.parse("2025-06-02T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void retryAfterInSeconds() {
    assertThat(hint(new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, "3600")))
        .contains(new RetryHint(Duration.ofHours(1), "Retry-After", "3600"));
  }

  @Test
  void retryAfterAsAnHttpDateCountsWholeSecondsFromNow() {
    assertThat(
            hint(
                new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, "Mon, 02 Jun 2025 11:00:00 GMT")))
        .contains(
            new RetryHint(Duration.ofHours(1), "Retry-After", "Mon, 02 Jun 2025 11:00:00 GMT"));
  }

  @Test
  void millisecondHeadersComeFirstInAzureCoresOrder() {
    HttpHeaders all =
        new HttpHeaders()
            .set(HttpHeaderName.RETRY_AFTER, "3600")
            .set(HttpHeaderName.RETRY_AFTER_MS, "2000")
            .set(HttpHeaderName.X_MS_RETRY_AFTER_MS, "500");
    assertThat(hint(all))
        .contains(new RetryHint(Duration.ofMillis(500), "x-ms-retry-after-ms", "500"));

    all.remove(HttpHeaderName.X_MS_RETRY_AFTER_MS);
    assertThat(hint(all)).contains(new RetryHint(Duration.ofSeconds(2), "retry-after-ms", "2000"));
  }

  @Test
  void unusableValuesAreSkippedAsAzureCoreSkipsThem() {
    assertThat(
            hint(
                new HttpHeaders()
                    .set(HttpHeaderName.X_MS_RETRY_AFTER_MS, "soon")
                    .set(HttpHeaderName.RETRY_AFTER, "30")))
        .contains(new RetryHint(Duration.ofSeconds(30), "Retry-After", "30"));
    assertThat(hint(new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, "-5"))).isEmpty();
    assertThat(hint(new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, "later"))).isEmpty();
    assertThat(
            hint(
                new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, "Mon, 02 Jun 2025 09:00:00 GMT")))
        .as("a date in the past")
        .isEmpty();
    assertThat(hint(new HttpHeaders())).isEmpty();
  }

  @Test
  void describesTheWaitAndTheHeaderAsSent() {
    assertThat(new RetryHint(Duration.ofHours(1), "Retry-After", "3600").describe())
        .isEqualTo("3600 s (Retry-After: 3600)");
    assertThat(new RetryHint(Duration.ofMillis(8250), "x-ms-retry-after-ms", "8250").describe())
        .isEqualTo("8.25 s (x-ms-retry-after-ms: 8250)");
  }

  @Test
  void theCapIsTheLongestBackoffAndAWaitOfExactlyThatIsAccepted() {
    assertThat(AzureClients.MAX_SERVER_DELAY).isEqualTo(Duration.ofSeconds(8));
    assertThat(tooLong(new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, "8"))).isFalse();
    assertThat(tooLong(new HttpHeaders().set(HttpHeaderName.X_MS_RETRY_AFTER_MS, "8000")))
        .isFalse();
    assertThat(tooLong(new HttpHeaders().set(HttpHeaderName.X_MS_RETRY_AFTER_MS, "8001"))).isTrue();
    assertThat(tooLong(new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, "9"))).isTrue();
    assertThat(
            tooLong(
                new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, "Mon, 02 Jun 2025 10:00:09 GMT")))
        .isTrue();
    assertThat(tooLong(new HttpHeaders())).as("no hint: exponential backoff").isFalse();
  }

  private static Optional<RetryHint> hint(HttpHeaders headers) {
    return RetryHint.of(headers, NOW);
  }

  private static boolean tooLong(HttpHeaders headers) {
    return AzureClients.asksForTooLong(headers, NOW);
  }
}

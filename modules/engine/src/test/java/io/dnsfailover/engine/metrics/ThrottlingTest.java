package io.dnsfailover.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.ProviderException.Kind;
import org.junit.jupiter.api.Test;

class ThrottlingTest {

  @Test
  void transientFailuresThatSayThrottlingAreThrottles() {
    assertThat(
            throttle(
                Kind.TRANSIENT, "Rate exceeded (Service: Route53, Status Code: 400, Throttling)"))
        .isTrue();
    assertThat(throttle(Kind.TRANSIENT, "PriorRequestNotComplete: the request was rejected"))
        .isTrue();
    assertThat(throttle(Kind.TRANSIENT, "HTTP 429 Too Many Requests")).isTrue();
    assertThat(throttle(Kind.TRANSIENT, "status 429")).isTrue();
    assertThat(throttle(Kind.TRANSIENT, "Quota exceeded for quota metric 'Write requests'"))
        .isTrue();
    assertThat(throttle(Kind.TRANSIENT, "SlowDown: please reduce your request rate")).isTrue();
  }

  @Test
  void otherFailuresAreNot() {
    assertThat(throttle(Kind.TRANSIENT, "connect timed out after 10s")).isFalse();
    assertThat(throttle(Kind.TRANSIENT, "HTTP 503 from 10.4.29.1")).isFalse();
    assertThat(throttle(Kind.TRANSIENT, "serial 14290 rejected")).isFalse();
    assertThat(throttle(Kind.AUTH, "Throttling")).as("only TRANSIENT").isFalse();
  }

  @Test
  void aCauseThatSaysThrottlingCounts() {
    ProviderException error =
        new ProviderException(
            Kind.TRANSIENT, "apply failed after 3 attempts", new RuntimeException("Throttling"));
    assertThat(Throttling.isThrottle(error)).isTrue();
  }

  private static boolean throttle(Kind kind, String message) {
    return Throttling.isThrottle(new ProviderException(kind, message));
  }
}

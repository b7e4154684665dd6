package io.dnsfailover.provider.route53;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsfailover.testkit.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  @Test
  void spacesRequestsEvenlyAtTheConfiguredRate() throws Exception {
    FakeClock ticker = new FakeClock();
    RateLimiter limiter = new RateLimiter(5, ticker);

    for (int i = 0; i < 11; i++) {
      limiter.acquire();
    }

    assertThat(ticker.elapsed()).isEqualTo(Duration.ofSeconds(2));
    assertThat(ticker.sleeps()).hasSize(10).containsOnly(Duration.ofMillis(200));
  }

  @Test
  void timeSpentElsewhereCountsTowardsTheNextSlot() throws Exception {
    FakeClock ticker = new FakeClock();
    RateLimiter limiter = new RateLimiter(5, ticker);
    limiter.acquire();
    ticker.advance(Duration.ofMillis(150));

    limiter.acquire();
    ticker.advance(Duration.ofSeconds(1));
    limiter.acquire();

    assertThat(ticker.sleeps()).containsExactly(Duration.ofMillis(50));
  }

  @Test
  void oneLimiterPerAccountKeyForTheWholeProcess() {
    RateLimiter first = RateLimiter.shared("test:account-1", 5);
    assertThat(RateLimiter.shared("test:account-1", 9)).isSameAs(first);
    assertThat(RateLimiter.shared("test:account-2", 5)).isNotSameAs(first);
  }

  @Test
  void aRateMustBePositive() {
    assertThatThrownBy(() -> new RateLimiter(0, new FakeClock()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package io.dnsfailover.provider.clouddns;

import java.time.Duration;

/** The timing tests run the provider with; its waits go to a testkit {@code FakeClock}. */
final class TestTiming {

  static final CloudDnsProvider.Timing TIMING =
      CloudDnsProvider.Timing.defaults(Duration.ofSeconds(60));

  private TestTiming() {}
}

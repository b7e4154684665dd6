package io.dnsfailover.health.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parses ping output captured from real runs (iputils and BusyBox). */
class PingOutputTest {

  private static final String ALL_RECEIVED =
      """
      PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.

      --- 127.0.0.1 ping statistics ---
      3 packets transmitted, 3 received, 0% packet loss, time 2041ms
      rtt min/avg/max/mdev = 0.031/0.045/0.060/0.011 ms
      """;

  private static final String TWO_OF_THREE_LOST =
      """
      PING 192.0.2.1 (192.0.2.1) 56(84) bytes of data.

      --- 192.0.2.1 ping statistics ---
      3 packets transmitted, 1 received, 66.6667% packet loss, time 2030ms
      rtt min/avg/max/mdev = 10.100/10.100/10.100/0.000 ms
      """;

  private static final String ALL_LOST =
      """
      PING 192.0.2.1 (192.0.2.1) 56(84) bytes of data.

      --- 192.0.2.1 ping statistics ---
      3 packets transmitted, 0 received, 100% packet loss, time 2047ms
      """;

  private static final String BUSYBOX =
      """
      PING 127.0.0.1 (127.0.0.1): 56 data bytes

      --- 127.0.0.1 ping statistics ---
      3 packets transmitted, 3 packets received, 0% packet loss
      round-trip min/avg/max = 0.056/0.073/0.099 ms
      """;

  private static final String NO_CAPABILITY =
      """
      ping: socktype: SOCK_RAW
      ping: socket: Operation not permitted
      ping: => missing cap_net_raw+p capability or setuid?
      """;

  @Test
  void allReceivedIsHealthyWithTheAverageRoundTripAsLatency() {
    Attempt outcome = PingOutput.interpret(ALL_RECEIVED, 0, Optional.empty());

    assertThat(outcome.success()).isTrue();
    assertThat(outcome.detail()).isEqualTo("0% loss, rtt 0.045ms");
    assertThat(outcome.latency()).contains(Duration.ofNanos(45_000));
  }

  @Test
  void lossAboveTheLimitIsUnhealthy() {
    Attempt outcome = PingOutput.interpret(TWO_OF_THREE_LOST, 50, Optional.empty());

    assertThat(outcome.success()).isFalse();
    assertThat(outcome.detail()).isEqualTo("66.7% loss > 50%, rtt 10.100ms");
  }

  @Test
  void lossWithinTheLimitIsHealthy() {
    assertThat(PingOutput.interpret(TWO_OF_THREE_LOST, 70, Optional.empty()).success()).isTrue();
  }

  @Test
  void totalLossIsUnhealthy() {
    Attempt outcome = PingOutput.interpret(ALL_LOST, 20, Optional.empty());

    assertThat(outcome.success()).isFalse();
    assertThat(outcome.detail()).isEqualTo("100% loss > 20%");
    assertThat(outcome.latency()).isEmpty();
  }

  @Test
  void busyboxOutputIsRead() {
    Attempt outcome = PingOutput.interpret(BUSYBOX, 0, Optional.empty());

    assertThat(outcome.detail()).isEqualTo("0% loss, rtt 0.073ms");
  }

  @Test
  void missingPrivilegeFailsSayingWhatIsNeeded() {
    Attempt outcome = PingOutput.interpret(NO_CAPABILITY, 100, Optional.empty());

    assertThat(outcome.success()).isFalse();
    assertThat(outcome.detail())
        .startsWith("cannot send ICMP")
        .contains("CAP_NET_RAW")
        .contains("net.ipv4.ping_group_range");
    assertThat(PingOutput.interpret("ping: socket: Permission denied\n", 100, Optional.empty()))
        .isEqualTo(outcome);
  }

  @Test
  void unboundSourceAddressIsNamed() {
    Attempt outcome =
        PingOutput.interpret(
            "ping: bind: Cannot assign requested address\n", 0, Optional.of("192.0.2.1"));

    assertThat(outcome.detail()).isEqualTo("cannot bind to source address 192.0.2.1");
  }

  @Test
  void unknownHostIsNamed() {
    Attempt outcome =
        PingOutput.interpret(
            "ping: nosuch.invalid: Name or service not known\n", 0, Optional.empty());

    assertThat(outcome.detail()).isEqualTo("unknown host");
  }
}

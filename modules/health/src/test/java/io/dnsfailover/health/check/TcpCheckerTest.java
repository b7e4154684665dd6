package io.dnsfailover.health.check;

import static io.dnsfailover.health.check.Checks.endpoint;
import static io.dnsfailover.health.check.Checks.factory;
import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.core.config.Probe;
import io.dnsfailover.health.ProbeResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TcpCheckerTest {

  @Test
  void openPortIsHealthy() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      ProbeResult result =
          factory().create(endpoint(new Probe.Tcp("127.0.0.1", server.getLocalPort()))).probe();

      assertThat(result.success()).isTrue();
      assertThat(result.detail()).isEqualTo("connected");
    }
  }

  @Test
  void closedPortIsConnectionRefused() throws IOException {
    int port = HttpCheckerTest.closedPort();

    ProbeResult result = factory().create(endpoint(new Probe.Tcp("127.0.0.1", port))).probe();

    assertThat(result.success()).isFalse();
    assertThat(result.detail()).isEqualTo("connection refused");
  }

  @Test
  void ipv6LoopbackWorksWhenTheHostHasIt() throws IOException {
    InetAddress ipv6Loopback = InetAddress.getByName("::1");
    ServerSocket server;
    try {
      server = new ServerSocket(0, 10, ipv6Loopback);
    } catch (IOException noIpv6) {
      return; // no IPv6 on this host: nothing to check
    }
    try (server) {
      ProbeResult result =
          factory().create(endpoint(new Probe.Tcp("::1", server.getLocalPort()))).probe();

      assertThat(result.detail()).isEqualTo("connected");
    }
  }

  @Test
  void sourceAddressOnLoopbackWorks() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      ProbeResult result =
          factory()
              .create(
                  endpoint(
                      new Probe.Tcp("127.0.0.1", server.getLocalPort()),
                      Duration.ofSeconds(2),
                      Optional.empty(),
                      Optional.of("127.0.0.1")))
              .probe();

      assertThat(result.detail()).isEqualTo("connected");
    }
  }

  @Test
  void sourceAddressTheHostDoesNotHaveFails() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      ProbeResult result =
          factory()
              .create(
                  endpoint(
                      new Probe.Tcp("127.0.0.1", server.getLocalPort()),
                      Duration.ofSeconds(2),
                      Optional.empty(),
                      Optional.of("192.0.2.1")))
              .probe();

      assertThat(result.success()).isFalse();
      assertThat(result.detail()).startsWith("cannot bind to source address 192.0.2.1: ");
    }
  }
}

package io.dnsfailover.health.check;

import static io.dnsfailover.health.check.Checks.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.core.config.Probe;
import io.dnsfailover.health.ProbeResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IcmpCheckerTest {

  @TempDir Path scripts;

  @Test
  void pingingLoopbackSucceedsOrSaysWhyItCannot() {
    ProbeResult result =
        Checks.factory().create(endpoint(new Probe.Icmp("127.0.0.1", 1, 0))).probe();

    if (result.success()) {
      assertThat(result.detail()).startsWith("0% loss");
    } else {
      assertThat(result.detail()).startsWith("cannot send ICMP: ");
    }
  }

  @Test
  void missingPingFailsSayingWhatToInstall() {
    ProbeResult result =
        factory("/nonexistent/ping").create(endpoint(new Probe.Icmp("127.0.0.1", 1, 0))).probe();

    assertThat(result.success()).isFalse();
    assertThat(result.detail()).isEqualTo(PingOutput.NOT_INSTALLED);
  }

  @Test
  void pingWithoutPrivilegeFails() throws IOException {
    Path ping =
        script(
            "echo 'ping: socktype: SOCK_RAW' >&2",
            "echo 'ping: socket: Operation not permitted' >&2",
            "exit 2");

    ProbeResult result =
        factory(ping.toString()).create(endpoint(new Probe.Icmp("127.0.0.1", 1, 0))).probe();

    assertThat(result.success()).isFalse();
    assertThat(result.detail()).isEqualTo(PingOutput.NOT_PERMITTED);
  }

  @Test
  void reportsLossFromWhatPingPrinted() throws IOException {
    Path ping =
        script(
            "echo '3 packets transmitted, 2 received, 33.3333% packet loss, time 2003ms'",
            "echo 'rtt min/avg/max/mdev = 0.100/0.200/0.300/0.050 ms'", "exit 1");

    ProbeResult result =
        factory(ping.toString()).create(endpoint(new Probe.Icmp("127.0.0.1", 3, 10))).probe();

    assertThat(result.success()).isFalse();
    assertThat(result.detail()).isEqualTo("33.3% loss > 10%, rtt 0.200ms");
  }

  @Test
  void buildsTheIputilsCommandLine() {
    EndpointConfig v4 =
        endpoint(
            new Probe.Icmp("192.0.2.10", 3, 0),
            Duration.ofMillis(1500),
            Optional.empty(),
            Optional.of("127.0.0.1"));
    EndpointConfig v6 = endpoint(new Probe.Icmp("[2001:db8::1]", 1, 0));

    assertThat(icmp(v4).command())
        .containsExactly("ping", "-n", "-q", "-c", "3", "-W", "2", "-I", "127.0.0.1", "192.0.2.10");
    assertThat(icmp(v6).command())
        .containsExactly("ping", "-n", "-q", "-c", "1", "-W", "2", "-6", "2001:db8::1");
  }

  private static IcmpChecker icmp(EndpointConfig endpoint) {
    return (IcmpChecker) factory("ping").create(endpoint);
  }

  private static DefaultCheckerFactory factory(String ping) {
    return new DefaultCheckerFactory(DefaultCheckerFactory.defaultTls(), Clock.systemUTC(), ping);
  }

  private Path script(String... lines) throws IOException {
    Path script = scripts.resolve("ping");
    Files.writeString(script, "#!/bin/sh\n" + String.join("\n", lines) + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }
}

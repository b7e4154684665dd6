package io.dnsfailover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code daemon}'s options as a user meets them; the running server is in DaemonServerIT. */
class DaemonCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void helpDescribesTheServerAndTheTokenOption() {
    assertThat(run("daemon", "--help")).isZero();
    assertThat(out.toString())
        .contains("--listen=HOST:PORT", "127.0.0.1:9090", "/metrics", "/readyz")
        .contains("--token-env=NAME", "bearer token", "never from the command line")
        .doesNotContain("Reserved");
  }

  @Test
  void aTokenVariableThatIsNotSetStopsTheStartWithoutStartingAnything() throws Exception {
    String unset = "DNSFAILOVER_TEST_SURELY_UNSET_TOKEN";
    assertThat(System.getenv(unset)).isNull();

    int exitCode = run("daemon", "-c", config().toString(), "--token-env", unset);

    assertThat(exitCode).isEqualTo(1);
    assertThat(err.toString()).contains("--token-env names " + unset).contains("not set or empty");
    assertThat(dir.resolve("example.test.zone")).doesNotExist();
  }

  @Test
  void theTokenComesFromTheNamedVariable() {
    DaemonCommand command = new DaemonCommand();
    assertThat(command.token(Map.of("X", "secret"))).isEmpty();
    command.tokenEnv = "DNSFAILOVER_TOKEN";
    assertThat(command.token(Map.of("DNSFAILOVER_TOKEN", "secret"))).isPresent();
    assertThat(command.token(Map.of("DNSFAILOVER_TOKEN", "secret")).orElseThrow().toString())
        .doesNotContain("secret");
    assertThatThrownBy(() -> command.token(Map.of("DNSFAILOVER_TOKEN", " ")))
        .hasMessageContaining("not set or empty");
  }

  @Test
  void aBadListenAddressIsAUsageError() throws Exception {
    assertThat(run("daemon", "-c", config().toString(), "--listen", "localhost")).isEqualTo(64);
    assertThat(err.toString()).contains("--listen was 'localhost' but it has no port");
  }

  @Test
  void anAddressInUseFailsTheStartWithTheAddress() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String address = "127.0.0.1:" + taken.getLocalPort();

      int exitCode = run("daemon", "-c", config().toString(), "--listen", address);

      assertThat(exitCode).isEqualTo(1);
      assertThat(err.toString()).contains("error: cannot listen on " + address);
    }
  }

  /** A config that keeps the zone file and the journal (opened before the listen) in dir. */
  private Path config() throws Exception {
    Path config = dir.resolve("config.yaml");
    Files.writeString(
        config,
        """
        version: 1
        ownerId: cli-test
        providers:
          local: { type: zonefile, path: "%s" }
        journal: { path: "%s" }
        zones:
          - name: example.test.
            provider: local
            records:
              - name: app
                type: A
                check: { type: tcp, port: 1 }
                endpoints:
                  - { id: primary, address: 127.0.0.1, priority: 1 }
        """
            .formatted(dir.resolve("example.test.zone"), dir.resolve("events.jsonl")));
    return config;
  }
}

package io.dnsfailover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as a user meets it: help, usage errors, validate. */
class MainTest {

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
  void helpListsTheCommandsAndTheExitCodes() {
    int exitCode = run("--help");

    assertThat(exitCode).isZero();
    assertThat(out.toString())
        .contains("validate", "check", "plan", "once", "daemon")
        .contains("Exit codes:")
        .contains("64")
        .contains("changes pending (plan --detailed-exitcode only)");
  }

  @Test
  void planHelpDocumentsTheDetailedExitCode() {
    assertThat(run("plan", "--help")).isZero();
    assertThat(out.toString()).contains("--detailed-exitcode").contains("2   changes pending");
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    assertThat(run("plan", "--no-such-option")).isEqualTo(64);
    assertThat(err.toString()).contains("Unknown option: '--no-such-option'");
  }

  @Test
  void aMissingConfigIsAUsageErrorThatSaysHowToGiveOne() {
    assertThat(run("validate")).isEqualTo(64);
    assertThat(err.toString()).contains("Missing config: pass -c FILE or set DNSFAILOVER_CONFIG");
  }

  @Test
  void validateAcceptsAGoodConfigAndNamesWhatItHolds() throws Exception {
    Path config = write(validConfig());

    assertThat(run("validate", "-c", config.toString())).isZero();
    assertThat(out.toString()).contains(config + ": valid: 1 zone(s), 1 record(s), 2 endpoint(s)");
  }

  @Test
  void validateReportsEveryProblemWithFileLineAndColumn() throws Exception {
    Path config =
        write(
            validConfig()
                .replace("ttl: 20", "ttl: 0")
                .replace("address: 192.0.2.20", "address: not-an-ip"));

    assertThat(run("validate", "-c", config.toString())).isEqualTo(1);
    assertThat(err.toString())
        .contains(config + ":14:14: zones[0].records[0].ttl: '0' is out of range")
        .contains(config + ":19:36: zones[0].records[0].endpoints[1].address: 'not-an-ip'")
        .contains("2 errors; nothing changed");
  }

  @Test
  void validateOnlyWarnsAboutUnsetVariablesSoCiNeedsNoSecrets() throws Exception {
    Path config =
        write(validConfig().replace("path: zone.db", "path: ${DNSFAILOVER_TEST_UNSET_VARIABLE}"));

    assertThat(run("validate", "-c", config.toString())).isZero();
    assertThat(err.toString()).contains("DNSFAILOVER_TEST_UNSET_VARIABLE");
  }

  @Test
  void aConfigFileThatDoesNotExistIsOneClearLine() {
    Path missing = dir.resolve("missing.yaml");

    assertThat(run("validate", "-c", missing.toString())).isEqualTo(1);
    assertThat(err.toString())
        .contains(missing.toString())
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  private Path write(String text) throws Exception {
    Path config = dir.resolve("config.yaml");
    Files.writeString(config, text);
    return config;
  }

  private static String validConfig() {
    return """
        version: 1
        ownerId: test
        defaults:
          check: { interval: 10s, timeout: 1s }
        providers:
          local:
            type: zonefile
            path: zone.db
        zones:
          - name: example.test.
            provider: local
            records:
              - name: app
                ttl: 20
                type: A
                check: { type: tcp, port: 80 }
                endpoints:
                  - { id: primary, address: 192.0.2.10, priority: 1 }
                  - { id: backup, address: 192.0.2.20, priority: 2 }
        """;
  }
}

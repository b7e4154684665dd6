package io.dnsfailover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    assertThat(err.toString())
        .contains("Unknown option: '--no-such-option'")
        .contains("Try 'dnsfailover plan --help' for usage.")
        .doesNotContain("Did you mean");
  }

  @Test
  void aMisspelledCommandGetsADidYouMean() {
    assertThat(run("valdate", "-c", "config.yaml")).isEqualTo(64);
    assertThat(err.toString())
        .contains("error: unknown command 'valdate'")
        .contains("Did you mean 'dnsfailover validate'")
        .contains("Try 'dnsfailover --help' for usage.");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aMisspelledOptionGetsADidYouMean() {
    assertThat(run("plan", "--detailed-exitcod")).isEqualTo(64);
    assertThat(err.toString())
        .contains("Unknown option: '--detailed-exitcod'")
        .contains("Did you mean '--detailed-exitcode'?");
  }

  @Test
  void helpShowsVariablesLiterally() {
    assertThat(run("validate", "--help")).isZero();
    assertThat(oneLine(out.toString()))
        .contains("An unset ${VAR} is only a warning here")
        .doesNotContain("unset null");
  }

  @Test
  void helpParagraphsAreWholeSentencesWrappedOnlyAtTheWidth() {
    for (String command : new String[] {"validate", "check", "plan", "once", "daemon", "events"}) {
      out.getBuffer().setLength(0);
      CommandLine commandLine = Main.commandLine();
      commandLine.setOut(new PrintWriter(out, true));
      commandLine.getSubcommands().get(command).setUsageHelpWidth(400);

      assertThat(commandLine.execute(command, "--help")).isZero();
      // At 400 columns every paragraph of the description fits on one line: a line that ends
      // without a full stop means the source text broke a sentence.
      List<String> description = descriptionLines(out.toString());
      assertThat(description)
          .as(command)
          .isNotEmpty()
          .allSatisfy(line -> assertThat(line).endsWith("."));
    }
  }

  @Test
  void helpIsWrappedAtTheGivenWidth() {
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.getSubcommands().get("daemon").setUsageHelpWidth(100);

    assertThat(commandLine.execute("daemon", "--help")).isZero();
    assertThat(out.toString().lines())
        .allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(100));
    assertThat(out.toString().lines()).anySatisfy(line -> assertThat(line).hasSizeGreaterThan(80));
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

  /** The usage text with its line breaks and indentation folded into single spaces. */
  private static String oneLine(String text) {
    return text.replaceAll("\\s+", " ");
  }

  /** The description paragraphs: the lines between the usage synopsis and "Options:". */
  private static List<String> descriptionLines(String help) {
    return help.lines()
        .dropWhile(line -> !line.isBlank()) // the synopsis, which may take several lines
        .takeWhile(line -> !line.equals("Options:"))
        .filter(line -> !line.isBlank())
        .toList();
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

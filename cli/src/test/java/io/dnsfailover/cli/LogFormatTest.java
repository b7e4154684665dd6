package io.dnsfailover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** {@code --log-format json}: every log line on stderr is one JSON object. */
class LogFormatTest {

  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private PrintStream original;

  @BeforeEach
  void captureStderr() {
    original = System.err;
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    LogFormat.text.apply();
    System.setErr(original);
  }

  private List<String> lines() {
    return stderr.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void theGlobalOptionSwitchesLogLinesToJsonForEveryCommand() throws Exception {
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(new StringWriter(), true));
    commandLine.setErr(new PrintWriter(new StringWriter(), true));
    commandLine.execute("events", "--log-format", "json", "--journal", "none.jsonl");

    Logger log = LoggerFactory.getLogger("io.dnsfailover.test");
    log.info("failing over \"app\"\nto {}", "backup");
    log.atWarn().addKeyValue("record", "app.example.test. A").log("with a key");
    log.error("with an exception", new IllegalStateException("boom"));

    ObjectMapper json = new ObjectMapper();
    List<String> lines = lines();
    assertThat(lines).hasSize(3);
    JsonNode first = json.readTree(lines.get(0));
    assertThat(first.get("level").asText()).isEqualTo("INFO");
    assertThat(first.get("logger").asText()).isEqualTo("io.dnsfailover.test");
    assertThat(first.get("message").asText()).isEqualTo("failing over \"app\"\nto backup");
    assertThat(first.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(json.readTree(lines.get(1)).get("record").asText()).isEqualTo("app.example.test. A");
    assertThat(json.readTree(lines.get(2)).get("exception").asText())
        .startsWith("java.lang.IllegalStateException: boom");
  }

  @Test
  void textIsTheDefault() {
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(new StringWriter(), true));
    commandLine.setErr(new PrintWriter(new StringWriter(), true));
    commandLine.execute("--log-format", "text", "events", "--journal", "none.jsonl");

    LoggerFactory.getLogger("io.dnsfailover.test").info("plain");

    assertThat(lines()).singleElement().asString().endsWith("INFO  test: plain");
  }

  @Test
  void anUnknownFormatIsAUsageError() {
    CommandLine commandLine = Main.commandLine();
    StringWriter err = new StringWriter();
    commandLine.setErr(new PrintWriter(err, true));
    assertThat(commandLine.execute("--log-format", "xml", "events")).isEqualTo(64);
    assertThat(err.toString()).contains("--log-format");
  }
}

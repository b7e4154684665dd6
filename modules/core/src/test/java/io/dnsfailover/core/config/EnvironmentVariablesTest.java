package io.dnsfailover.core.config;

import static io.dnsfailover.core.config.ConfigFixture.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ${VAR}} in both modes, and the substituted value never reaching a message. */
class EnvironmentVariablesTest {

  private static final String SECRET = "s3cr3t-token-value";

  private static final String YAML =
      HEADER
          + """
                - name: app
                  type: A
                  ttl: ${TTL:-45}
                  check:
                    type: http
                    headers: { Authorization: "Bearer ${TOKEN}", X-Literal: "$${literal}" }
                  endpoints: [{ id: a, address: "${ADDRESS}" }]
          """;

  @TempDir Path directory;

  @Test
  void setVariablesAndDefaultsAreSubstituted() throws Exception {
    Config config =
        new ConfigFixture(directory, Map.of("TOKEN", SECRET, "ADDRESS", "192.0.2.7"))
            .load(YAML)
            .requireConfig();
    RecordConfig record = config.zones().getFirst().records().getFirst();
    assertThat(record.ttl()).isEqualTo(45);
    EndpointConfig endpoint = record.endpoints().getFirst();
    assertThat(endpoint.address()).isEqualTo("192.0.2.7");
    Probe.Http http = (Probe.Http) endpoint.check().probe();
    assertThat(http.headers()).containsEntry("Authorization", "Bearer " + SECRET);
    assertThat(http.headers()).containsEntry("X-Literal", "${literal}");
  }

  @Test
  void unsetVariableIsAnErrorWhenStrict() {
    assertThat(new ConfigFixture(directory, Map.of("ADDRESS", "192.0.2.7")).problems(YAML))
        .containsExactly(
            "14:37: zones[0].records[0].check.headers.Authorization: environment variable TOKEN"
                + " is not set and 'Bearer ${TOKEN}' gives no default: set it, or write"
                + " ${TOKEN:-default}");
  }

  @Test
  void unsetVariableIsOnlyAWarningWhenValidating() throws Exception {
    LoadResult result =
        new ConfigFixture(directory, Map.of("TOKEN", SECRET))
            .load(YAML, ConfigLoader.Mode.VALIDATE_ONLY);
    assertThat(result.config()).isEmpty();
    assertThat(result.warnings())
        .map(ConfigFixture::withoutFile)
        .containsExactly(
            "15:39: warning: zones[0].records[0].endpoints[0].address: environment variable"
                + " ADDRESS is not set and '${ADDRESS}' gives no default: set it, or write"
                + " ${ADDRESS:-default}");
  }

  @Test
  void validateOnlyStillReportsRealErrors() {
    String yaml = YAML.replace("ttl: ${TTL:-45}", "ttl: ${TTL:-forty}");
    assertThat(
            new ConfigFixture(directory, Map.of()).problems(yaml, ConfigLoader.Mode.VALIDATE_ONLY))
        .containsExactly(
            "11:14: zones[0].records[0].ttl: '${TTL:-forty}' is not a whole number: expected a"
                + " whole number from 1 to 86400",
            "14:37: warning: zones[0].records[0].check.headers.Authorization: environment variable"
                + " TOKEN is not set and 'Bearer ${TOKEN}' gives no default: set it, or write"
                + " ${TOKEN:-default}",
            "15:39: warning: zones[0].records[0].endpoints[0].address: environment variable"
                + " ADDRESS is not set and '${ADDRESS}' gives no default: set it, or write"
                + " ${ADDRESS:-default}");
  }

  @Test
  void substitutedSecretNeverAppearsInAnyMessage() {
    // Every value below is wrong only once the secret is in; each message must quote the raw text.
    String yaml =
        HEADER
            + """
                  - name: app
                    type: A
                    ttl: ${SECRET}
                    check:
                      type: http
                      url: "${SECRET}"
                      bodyMatches: "(${SECRET}"
                      interval: ${SECRET}
                      sourceAddress: ${SECRET}
                    endpoints: [{ id: a, address: "${SECRET}", priority: "${SECRET}" }]
            """;
    ConfigFixture fixture = new ConfigFixture(directory, Map.of("SECRET", SECRET));
    assertThat(fixture.problems(yaml))
        .hasSize(7)
        .allSatisfy(problem -> assertThat(problem).doesNotContain(SECRET).contains("${SECRET}"));
  }

  @Test
  void aVariableEndingInANewlineIsAHeaderErrorThatDoesNotShowTheValue() {
    List<String> problems =
        new ConfigFixture(directory, Map.of("TOKEN", SECRET + "\n", "ADDRESS", "192.0.2.7"))
            .problems(YAML);

    assertThat(problems)
        .containsExactly(
            "14:37: zones[0].records[0].check.headers.Authorization: header Authorization's value"
                + " has a line break (CR or LF), which HTTP does not allow in a header value (the"
                + " value is not shown; a variable read from a file often ends in a newline)");
    assertThat(String.join("\n", problems)).doesNotContain(SECRET);
  }

  @Test
  void theUrlPasswordAndHeaderValuesNeverShowInTheModelsText() throws Exception {
    String yaml =
        HEADER
            + """
                  - name: app
                    type: A
                    check:
                      type: http
                      url: "http://probe:${PASSWORD}@{address}:8080/healthz"
                      headers: { X-Api-Key: "${TOKEN}" }
                    endpoints: [{ id: a, address: 192.0.2.7 }]
            """;

    Config config =
        new ConfigFixture(directory, Map.of("TOKEN", SECRET, "PASSWORD", "pa55-word"))
            .load(yaml)
            .requireConfig();

    EndpointConfig endpoint = config.endpoints().getFirst();
    Probe.Http http = (Probe.Http) endpoint.check().probe();
    assertThat(http.url().getRawUserInfo()).isEqualTo("probe:pa55-word");
    assertThat(config.toString())
        .contains("url=http://probe:***@192.0.2.7:8080/healthz", "headers=[X-Api-Key]")
        .doesNotContain("pa55-word", SECRET);
  }
}

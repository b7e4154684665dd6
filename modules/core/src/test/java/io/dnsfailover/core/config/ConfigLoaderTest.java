package io.dnsfailover.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsfailover.core.config.Probe.StatusRange;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.RecordType;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Valid configs load into the expected model. */
class ConfigLoaderTest {

  @TempDir Path directory;

  private Config loadFullExample(Map<String, String> environment)
      throws IOException, ConfigException {
    String yaml;
    try (var in =
        Objects.requireNonNull(getClass().getResourceAsStream("/config/full-example.yaml"))) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    return new ConfigFixture(directory, environment).load(yaml).requireConfig();
  }

  @Test
  void fullExampleLoadsIntoTheExpectedModel() throws Exception {
    Config config = loadFullExample(Map.of("AWS_PROFILE", "prod"));

    assertThat(config.version()).isEqualTo(1);
    assertThat(config.ownerId()).isEqualTo("prod-eu");
    assertThat(config.journal())
        .isEqualTo(
            new JournalConfig(
                java.util.Optional.of(java.nio.file.Path.of("build/state/events.jsonl")),
                10L * 1024 * 1024,
                5));
    assertThat(config.notifications().webhooks())
        .extracting(WebhookConfig::type, WebhookConfig::redactedUrl)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                WebhookConfig.Type.slack, "https://hooks.slack.com"),
            org.assertj.core.groups.Tuple.tuple(
                WebhookConfig.Type.json, "https://alerts.example.test"));
    assertThat(config.providers().get("local").settings())
        .isEqualTo(Map.of("path", "build/zones/example.test.zone"));
    assertThat(config.providers().get("aws").settings())
        .isEqualTo(Map.of("region", "eu-west-1", "profile", "prod"));
    assertThat(config.zones())
        .extracting(ZoneConfig::name, ZoneConfig::provider)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(DnsName.of("example.test."), "local"),
            org.assertj.core.groups.Tuple.tuple(DnsName.of("example.org."), "aws"));

    RecordConfig app = config.zones().getFirst().records().get(0);
    assertThat(app.name()).isEqualTo(DnsName.of("app.example.test."));
    assertThat(app.ttl()).isEqualTo(20);
    assertThat(app.policy()).isEqualTo(Policy.FAILOVER);
    EndpointConfig primary = app.endpoints().get(0);
    assertThat(primary.key()).isEqualTo("app.example.test./A/primary");
    assertThat(primary.check())
        .isEqualTo(
            new CheckSpec(
                Duration.ofSeconds(10),
                Duration.ofSeconds(2),
                2,
                3,
                Optional.of(Duration.ofMillis(1500)),
                Optional.empty(),
                new Probe.Http(
                    "http",
                    URI.create("http://192.0.2.10:8080/healthz"),
                    "GET",
                    Optional.of("app.example.test"),
                    Map.of("X-Probe", "dnsfailover"),
                    List.of(new StatusRange(200, 200), new StatusRange(300, 302)),
                    primary.check().probe() instanceof Probe.Http http
                        ? http.bodyMatches()
                        : Optional.empty(),
                    false,
                    true)));
    assertThat(((Probe.Http) primary.check().probe()).bodyMatches().orElseThrow().pattern())
        .isEqualTo("ok|healthy");
    EndpointConfig dr = app.endpoints().get(2);
    assertThat(dr.priority()).isEqualTo(3);
    // The endpoint's own check replaced the record's; defaults still supply the timing.
    assertThat(dr.check())
        .isEqualTo(
            new CheckSpec(
                Duration.ofSeconds(10),
                Duration.ofSeconds(2),
                2,
                3,
                Optional.of(Duration.ofMillis(1500)),
                Optional.of("192.0.2.1"),
                new Probe.Tcp("192.0.2.30", 22)));

    RecordConfig apex = config.zones().getFirst().records().get(1);
    assertThat(apex.name()).isEqualTo(DnsName.of("example.test."));
    assertThat(apex.type()).isEqualTo(RecordType.AAAA);
    assertThat(apex.ttl()).isEqualTo(30);
    assertThat(apex.policy()).isEqualTo(Policy.WEIGHTED);
    assertThat(apex.whenAllDown()).isEqualTo(WhenAllDown.ALL);
    assertThat(apex.adopt()).isTrue();
    assertThat(apex.endpoints())
        .extracting(EndpointConfig::address, EndpointConfig::weight)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("2001:db8::10", 200),
            org.assertj.core.groups.Tuple.tuple("2001:db8::20", 55));
    Probe.Http https = (Probe.Http) apex.endpoints().get(1).check().probe();
    assertThat(https.url()).isEqualTo(URI.create("https://[2001:db8::20]/"));
    assertThat(https.tlsVerify()).isFalse();
    assertThat(https.expectStatus()).containsExactly(new StatusRange(200, 200));

    RecordConfig www = config.zones().getFirst().records().get(2);
    assertThat(www.type()).isEqualTo(RecordType.CNAME);
    assertThat(www.endpoints().get(0).address()).isEqualTo("app.example.test.");
    assertThat(www.endpoints().get(0).check().probe())
        .isEqualTo(
            new Probe.Dns("app.example.test", 53, "app.example.test", "A", List.of("192.0.2.10")));
    assertThat(www.endpoints().get(1).check().probe())
        .isEqualTo(new Probe.Icmp("cdn.example.net", 5, 20));

    RecordConfig api = config.zones().get(1).records().getFirst();
    assertThat(api.name()).isEqualTo(DnsName.of("api.example.org."));
    assertThat(api.policy()).isEqualTo(Policy.MULTIVALUE);
    assertThat(api.whenAllDown()).isEqualTo(WhenAllDown.NONE);
    assertThat(api.endpoints().get(1).check())
        .isEqualTo(
            new CheckSpec(
                Duration.ofSeconds(5),
                Duration.ofSeconds(1),
                1,
                2,
                Optional.of(Duration.ofMillis(1500)),
                Optional.empty(),
                new Probe.Tcp("198.51.100.2", 443)));
    assertThat(config.endpoints()).hasSize(9);
  }

  @Test
  void builtInDefaultsApplyWhenNothingIsSet() throws Exception {
    Config config =
        new ConfigFixture(directory, Map.of())
            .load(
                ConfigFixture.HEADER
                    + """
                          - name: app
                            type: A
                            check: { type: icmp }
                            endpoints: [{ id: a, address: 192.0.2.1 }]
                    """)
            .requireConfig();
    RecordConfig record = config.zones().getFirst().records().getFirst();
    assertThat(record.ttl()).isEqualTo(30);
    assertThat(record.policy()).isEqualTo(Policy.FAILOVER);
    assertThat(record.whenAllDown()).isEqualTo(WhenAllDown.KEEP);
    assertThat(record.adopt()).isFalse();
    EndpointConfig endpoint = record.endpoints().getFirst();
    assertThat(endpoint.priority()).isEqualTo(1);
    assertThat(endpoint.weight()).isEqualTo(1);
    assertThat(endpoint.check())
        .isEqualTo(
            new CheckSpec(
                Duration.ofSeconds(10),
                Duration.ofSeconds(2),
                2,
                3,
                Optional.empty(),
                Optional.empty(),
                new Probe.Icmp("192.0.2.1", 3, 34)));
  }

  @Test
  void defaultsCheckSuppliesOnlyKeysOfTheEffectiveType() throws Exception {
    Config config =
        new ConfigFixture(directory, Map.of())
            .load(
                """
                version: 1
                ownerId: test
                defaults:
                  ttl: 60
                  check: { type: tcp, port: 8443, rise: 5 }
                providers:
                  local: { type: zonefile, path: zones/example.test.zone }
                zones:
                  - name: example.test
                    provider: local
                    records:
                      - name: app
                        type: A
                        endpoints:
                          - { id: a, address: 192.0.2.1 }
                          - { id: b, address: 192.0.2.2, check: { type: http } }
                """)
            .requireConfig();
    RecordConfig record = config.zones().getFirst().records().getFirst();
    assertThat(record.ttl()).isEqualTo(60);
    assertThat(record.endpoints().get(0).check().probe())
        .isEqualTo(new Probe.Tcp("192.0.2.1", 8443));
    CheckSpec http = record.endpoints().get(1).check();
    assertThat(http.rise()).isEqualTo(5);
    assertThat(((Probe.Http) http.probe()).url()).isEqualTo(URI.create("http://192.0.2.2/"));
  }

  @Test
  void problemPrintsFileLineColumnPathAndMessage() {
    Problem error =
        new Problem(Problem.Severity.ERROR, Path.of("c.yaml"), 3, 7, "zones[0].name", "bad");
    Problem warning = new Problem(Problem.Severity.WARNING, Path.of("c.yaml"), 4, 1, "ttl", "high");
    assertThat(error).hasToString("c.yaml:3:7: zones[0].name: bad");
    assertThat(warning).hasToString("c.yaml:4:1: warning: ttl: high");
  }

  @Test
  void exceptionMessageIsOneProblemPerLine() {
    Path file = new ConfigFixture(directory, Map.of()).write("version: 1\nownerId: x\n");
    assertThatThrownBy(
            () ->
                new ConfigLoader(FakeFactory.all(), Map.of()).load(file, ConfigLoader.Mode.STRICT))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            file
                + ":1:1: providers: required key is missing: define at least one provider, like"
                + " local: {type: zonefile}\n"
                + file
                + ":1:1: zones: required key is missing: list the zones to manage, like - {name:"
                + " example.test., ...}");
  }

  @Test
  void unreadableFileIsOneProblemWithoutPosition() {
    Path missing = directory.resolve("missing.yaml");
    assertThatThrownBy(
            () ->
                new ConfigLoader(FakeFactory.all(), Map.of())
                    .load(missing, ConfigLoader.Mode.STRICT))
        .isInstanceOf(ConfigException.class)
        .hasMessage(missing + ": cannot read the file: no such file");
  }
}

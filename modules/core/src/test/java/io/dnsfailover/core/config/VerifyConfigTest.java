package io.dnsfailover.core.config;

import static io.dnsfailover.core.config.ConfigFixture.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A zone's {@code verify:} block: servers as host:port, a timeout, located errors. */
class VerifyConfigTest {

  @TempDir Path directory;
  ConfigFixture fixture;

  private static final String RECORD =
      """
            - name: app
              type: A
              check: { type: icmp }
              endpoints: [{ id: a, address: 192.0.2.1 }]
      """;

  @BeforeEach
  void setUp() {
    fixture = new ConfigFixture(directory, Map.of());
  }

  private static String zoneWithVerify(String verify) {
    return HEADER + RECORD + "    verify: " + verify + "\n";
  }

  @Test
  void serversAndTimeoutLoad() throws Exception {
    Config config =
        fixture
            .load(
                zoneWithVerify(
                    "{ servers: [127.0.0.1:5300, \"[::1]:5353\", ns1.example.test, localhost],"
                        + " timeout: 10s }"))
            .requireConfig();

    VerifyConfig verify = config.zones().getFirst().verify().orElseThrow();
    assertThat(verify.servers())
        .containsExactly(
            new VerifyConfig.Server("127.0.0.1", 5300),
            new VerifyConfig.Server("::1", 5353),
            new VerifyConfig.Server("ns1.example.test", 53),
            new VerifyConfig.Server("localhost", 53));
    assertThat(verify.timeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void theTimeoutDefaultsToThirtySecondsAndNoBlockMeansNoVerification() throws Exception {
    assertThat(
            fixture
                .load(zoneWithVerify("{ servers: [127.0.0.1] }"))
                .requireConfig()
                .zones()
                .getFirst()
                .verify()
                .orElseThrow()
                .timeout())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(fixture.load(HEADER + RECORD).requireConfig().zones().getFirst().verify()).isEmpty();
  }

  @Test
  void badServersAndTimeoutsAreLocated() {
    assertThat(
            fixture.problems(
                zoneWithVerify(
                    "{ servers: [\"127.0.0.1:99999\", \"ns1 example\", \"[::1\"], timeout: 0s,"
                        + " retries: 3 }")))
        .containsExactly(
            "13:25: zones[0].verify.servers[0]: '127.0.0.1:99999' is not a server: write"
                + " host:port, like 127.0.0.1:53, [::1]:5353 or ns1.example.test (port 53 by"
                + " default)",
            "13:44: zones[0].verify.servers[1]: 'ns1 example' is not a server: write host:port,"
                + " like 127.0.0.1:53, [::1]:5353 or ns1.example.test (port 53 by default)",
            "13:59: zones[0].verify.servers[2]: '[::1' is not a server: write host:port, like"
                + " 127.0.0.1:53, [::1]:5353 or ns1.example.test (port 53 by default)",
            "13:77: zones[0].verify.timeout: must be more than 0 and at most 10m",
            "13:81: zones[0].verify.retries: unknown key in verify: allowed keys are servers,"
                + " timeout");
    assertThat(fixture.problems(zoneWithVerify("{ servers: [] }")))
        .containsExactly("13:24: zones[0].verify.servers: is empty: list at least one server");
    assertThat(fixture.problems(zoneWithVerify("{ timeout: 5s }")))
        .containsExactly(
            "13:13: zones[0].verify.servers: required key is missing: list the authoritative"
                + " servers to ask, like [127.0.0.1:53]");
  }
}

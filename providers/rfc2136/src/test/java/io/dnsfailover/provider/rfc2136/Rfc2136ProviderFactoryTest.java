package io.dnsfailover.provider.rfc2136;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsfailover.core.config.ConfigException;
import io.dnsfailover.core.config.ConfigLoader;
import io.dnsfailover.core.config.Problem;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.DnsProviderFactory;
import io.dnsfailover.spi.InvalidSettingsException;
import io.dnsfailover.spi.ProviderConfig;
import io.dnsfailover.spi.SettingProblem;
import io.dnsfailover.spi.SettingsCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every setting is checked without a network call, each problem at its key, never the secret. */
class Rfc2136ProviderFactoryTest {

  /** 32 bytes, base64: a secret as tsig-keygen prints it. */
  private static final String SECRET = "q5vRr1dJd6Uv0yY8Tj3Yv2Rj6y1mYl0rOa0yq3Vv5nI=";

  private final Rfc2136ProviderFactory factory = new Rfc2136ProviderFactory();

  @TempDir Path directory;

  @Test
  void isFoundByServiceLoaderWithItsKeys() {
    DnsProviderFactory found =
        ServiceLoader.load(DnsProviderFactory.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(candidate -> candidate.type().equals("rfc2136"))
            .findFirst()
            .orElseThrow();

    assertThat(found.keys()).containsExactlyInAnyOrder("server", "tsig", "timeout");
    assertThat(found.requiredKeys()).containsExactly("server");
    assertThat(found.secretKeys()).containsExactly("tsig.secret");
  }

  @Test
  void defaultsArePort53Hmacsha256AndFiveSeconds() {
    Rfc2136Settings settings =
        settings(
            Map.of("server", "ns1.example.test", "tsig", Map.of("name", "ddns", "secret", SECRET)));

    assertThat(settings.server()).isEqualTo(new ServerAddress("ns1.example.test", 53));
    assertThat(settings.tsig().orElseThrow().name()).isEqualTo("ddns");
    assertThat(settings.tsig().orElseThrow().algorithm()).isEqualTo("hmac-sha256");
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void serverTakesHostPortAndIpv6InBrackets() {
    assertThat(ServerAddress.parse("192.0.2.53:5353"))
        .isEqualTo(new ServerAddress("192.0.2.53", 5353));
    assertThat(ServerAddress.parse("[2001:db8::53]:5353"))
        .isEqualTo(new ServerAddress("2001:db8::53", 5353));
    assertThat(ServerAddress.parse("[::1]")).isEqualTo(new ServerAddress("::1", 53));
    assertThat(ServerAddress.parse("2001:db8::53"))
        .isEqualTo(new ServerAddress("2001:db8::53", 53));
    assertThat(ServerAddress.parse("[::1]:5353")).hasToString("[::1]:5353");
    assertThat(ServerAddress.parse("ns1.example.test")).hasToString("ns1.example.test:53");
  }

  @Test
  void everyProblemIsReportedAtItsKeyAtOnce() {
    Map<String, Object> tsig = new LinkedHashMap<>();
    tsig.put("name", "ddns");
    tsig.put("algorithm", "hmac-md5");
    tsig.put("secret", "not base64!");
    tsig.put("keyfile", "/etc/bind/ddns.key");
    List<SettingProblem> problems =
        factory.validate(
            config(Map.of("server", "ns1.example.test:99999", "tsig", tsig, "timeout", "0s")));

    assertThat(problems)
        .extracting(SettingProblem::key)
        .containsExactlyInAnyOrder(
            "server", "tsig.keyfile", "tsig.algorithm", "tsig.secret", "timeout");
    assertThat(problems)
        .extracting(SettingProblem::toString)
        .contains(
            "server: 'ns1.example.test:99999' is not host or host:port: '99999' is not a port:"
                + " write a number from 1 to 65535",
            "tsig.keyfile: unknown key in tsig: allowed keys are algorithm, name, secret",
            "tsig.algorithm: 'hmac-md5' is not one of hmac-sha256, hmac-sha1, hmac-sha224,"
                + " hmac-sha384, hmac-sha512 (hmac-md5 is not accepted: it is no longer safe)",
            "timeout: must be longer than 0, like 5s");
    assertThat(problems.toString()).doesNotContain("not base64!");
  }

  @Test
  void aTsigBlockNeedsItsNameAndSecretAndMustBeAMapping() {
    assertThat(
            factory.validate(
                config(Map.of("server", "ns1", "tsig", Map.of("algorithm", "hmac-sha512")))))
        .extracting(SettingProblem::key)
        .containsExactly("tsig.name", "tsig.secret");
    assertThat(factory.validate(config(Map.of("server", "ns1", "tsig", "ddns:" + SECRET))))
        .extracting(SettingProblem::key)
        .containsExactly("tsig");
    assertThat(
            factory.validate(
                config(Map.of("server", "ns1", "tsig", Map.of("name", "a..b", "secret", SECRET)))))
        .extracting(SettingProblem::key)
        .containsExactly("tsig.name");
  }

  @Test
  void badServersSayWhatIsAllowed() {
    for (String server :
        List.of("", "ns1:", "ns1:port", "[2001:db8::53", "[ns1]:53", "ns 1", "1:2:3:zz")) {
      assertThat(factory.validate(config(Map.of("server", server))))
          .as(server)
          .singleElement()
          .satisfies(problem -> assertThat(problem.key()).isEqualTo("server"));
    }
  }

  @Test
  void createFailsWithEveryProblemAndNeverShowsTheSecret() {
    String secret = "hunter2 is not base64";
    Map<String, Object> settings =
        Map.of("server", "ns1:0", "tsig", Map.of("name", "ddns", "secret", secret));

    assertThatThrownBy(() -> factory.create(config(settings)))
        .isInstanceOfSatisfying(
            InvalidSettingsException.class,
            e ->
                assertThat(e.problems())
                    .extracting(SettingProblem::key)
                    .containsExactly("server", "tsig.secret"))
        .hasMessageStartingWith("rfc2136 provider: server: ")
        .message()
        .doesNotContain("hunter2");
  }

  @Test
  void createMakesNoNetworkCallAndNothingPrintsTheSecret() {
    ProviderConfig config =
        config(
            Map.of(
                "server",
                "does-not-resolve.invalid:53",
                "tsig",
                Map.of("name", "ddns", "algorithm", "HMAC-SHA512", "secret", SECRET)));

    try (DnsProvider provider = factory.create(config)) {
      assertThat(provider.type()).isEqualTo("rfc2136");
      assertThat(provider.capabilities().nativeWeights()).isFalse();
      assertThat(provider.toString()).doesNotContain(SECRET);
    }
    Rfc2136Settings settings = settings(config.settings());
    assertThat(settings.tsig().orElseThrow().algorithm()).isEqualTo("hmac-sha512");
    assertThat(settings.toString())
        .doesNotContain(SECRET)
        .contains("ddns", "hmac-sha512", "does-not-resolve.invalid:53");
    assertThat(config.toString()).doesNotContain(SECRET);
  }

  @Test
  void validateLocatesEachProblemInTheFile() throws Exception {
    assertThat(
            loadProblems(
                """
                  dyn:
                    type: rfc2136
                    server: "127.0.0.1:99999"
                    timeout: soon
                    tsig:
                      name: ddns
                      algorithm: hmac-md5
                      secret: "not base64!"
                      keyfile: /etc/bind/ddns.key
                """))
        .containsExactly(
            "6:13: providers.dyn.server: '127.0.0.1:99999' is not host or host:port: '99999' is"
                + " not a port: write a number from 1 to 65535",
            "7:14: providers.dyn.timeout: 'soon' is not a duration: write a whole number with"
                + " ms, s, m or h, like 500ms or 10s",
            "10:18: providers.dyn.tsig.algorithm: 'hmac-md5' is not one of hmac-sha256,"
                + " hmac-sha1, hmac-sha224, hmac-sha384, hmac-sha512 (hmac-md5 is not accepted:"
                + " it is no longer safe)",
            "11:15: providers.dyn.tsig.secret: is not base64 (the value is not shown): copy the"
                + " secret from the key statement that tsig-keygen printed, between the quotes",
            "12:16: providers.dyn.tsig.keyfile: unknown key in tsig: allowed keys are algorithm,"
                + " name, secret");
  }

  private List<String> loadProblems(String providers) throws Exception {
    Path file = directory.resolve("config.yaml");
    Files.writeString(
        file,
        """
        version: 1
        ownerId: test
        providers:
        %s
        zones:
          - name: example.test.
            provider: dyn
            records:
              - name: app
                type: A
                check: { type: icmp }
                endpoints: [{ id: a, address: 192.0.2.1 }]
        """
            .formatted(providers.stripTrailing()));
    List<String> found = new ArrayList<>();
    try {
      new ConfigLoader(Map.of("rfc2136", factory), Map.of()).load(file, ConfigLoader.Mode.STRICT);
    } catch (ConfigException e) {
      for (Problem problem : e.problems()) {
        found.add(problem.toString().substring(file.toString().length() + 1));
      }
    }
    return found;
  }

  private static Rfc2136Settings settings(Map<String, Object> settings) {
    SettingsCheck check = new SettingsCheck();
    Rfc2136Settings read = Rfc2136Settings.read(config(settings), check).orElse(null);
    assertThat(check.problems()).isEmpty();
    return read;
  }

  private static ProviderConfig config(Map<String, Object> settings) {
    return new ProviderConfig("dyn", "rfc2136", settings);
  }
}

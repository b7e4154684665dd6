package io.dnsfailover.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.DnsProviderFactory;
import io.dnsfailover.spi.InvalidSettingsException;
import io.dnsfailover.spi.ProviderConfig;
import io.dnsfailover.spi.SettingProblem;
import io.dnsfailover.spi.SettingsCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider factory's {@link DnsProviderFactory#validate} problems reach {@code validate} located
 * at the value they are about, in nested mappings and lists too, and a value that needs an unset
 * variable is not judged.
 */
class ProviderValuesTest {

  /** Checks like a real factory's: URL schemes, a base64 secret inside a mapping. */
  static final class CheckedFactory implements DnsProviderFactory {
    int validations;

    @Override
    public String type() {
      return "checked";
    }

    @Override
    public Set<String> keys() {
      return Set.of("endpoints", "tsig", "timeout");
    }

    @Override
    public Set<String> requiredKeys() {
      return Set.of("endpoints");
    }

    @Override
    public Set<String> secretKeys() {
      return Set.of("tsig.secret");
    }

    @Override
    public List<SettingProblem> validate(ProviderConfig config) {
      validations++;
      SettingsCheck check = new SettingsCheck();
      List<String> endpoints = config.strings("endpoints");
      for (int i = 0; i < endpoints.size(); i++) {
        check.require(
            endpoints.get(i).startsWith("http://"),
            "endpoints[" + i + "]",
            "'" + endpoints.get(i) + "' is not an http:// URL");
      }
      check.read("timeout", () -> config.duration("timeout"));
      if (config.settings().get("tsig") instanceof Map<?, ?> tsig) {
        Object secret = tsig.get("secret");
        try {
          Base64.getDecoder().decode(String.valueOf(secret));
        } catch (IllegalArgumentException e) {
          check.report("tsig.secret", "is not base64");
        }
        check.require(tsig.containsKey("name"), "tsig.name", "required key is missing");
      }
      return check.problems();
    }

    @Override
    public DnsProvider create(ProviderConfig config) {
      throw new UnsupportedOperationException("never created here");
    }
  }

  @TempDir Path directory;

  private final CheckedFactory checked = new CheckedFactory();

  private List<String> problems(String providers, Map<String, String> env, ConfigLoader.Mode mode)
      throws Exception {
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
            .formatted(providers.stripIndent().indent(2).stripTrailing()));
    ConfigLoader loader = new ConfigLoader(Map.of("checked", checked), env);
    List<String> found = new ArrayList<>();
    try {
      LoadResult result = loader.load(file, mode);
      result.warnings().forEach(problem -> found.add(ConfigFixture.withoutFile(problem)));
    } catch (ConfigException e) {
      e.problems().forEach(problem -> found.add(ConfigFixture.withoutFile(problem)));
    }
    return found;
  }

  @Test
  void everyProblemIsLocatedAtItsValue() throws Exception {
    assertThat(
            problems(
                """
                dyn:
                  type: checked
                  endpoints: [http://127.0.0.1:2379, ftp://etcd.example.test]
                  timeout: soon
                  tsig:
                    secret: "not base64!"
                """,
                Map.of(),
                ConfigLoader.Mode.VALIDATE_ONLY))
        .containsExactly(
            "6:40: providers.dyn.endpoints[1]: 'ftp://etcd.example.test' is not an http:// URL",
            "7:14: providers.dyn.timeout: 'soon' is not a duration: write a whole number with ms,"
                + " s, m or h, like 500ms or 10s",
            "9:7: providers.dyn.tsig.name: required key is missing",
            "9:15: providers.dyn.tsig.secret: is not base64");
  }

  @Test
  void aValueThatNeedsAnUnsetVariableIsNotJudgedWhenOnlyValidating() throws Exception {
    assertThat(
            problems(
                """
                dyn:
                  type: checked
                  endpoints: [http://127.0.0.1:2379]
                  tsig: { name: ddns, secret: "${TSIG_SECRET}" }
                """,
                Map.of(),
                ConfigLoader.Mode.VALIDATE_ONLY))
        .containsExactly(
            "7:33: warning: providers.dyn.tsig.secret: environment variable TSIG_SECRET is not"
                + " set and '${TSIG_SECRET}' gives no default: set it, or write"
                + " ${TSIG_SECRET:-default}");
    assertThat(checked.validations).isEqualTo(1);
  }

  @Test
  void aSecretFromTheEnvironmentIsCheckedButNeverQuoted() throws Exception {
    List<String> found =
        problems(
            """
            dyn:
              type: checked
              endpoints: [http://127.0.0.1:2379]
              tsig: { name: ddns, secret: "${TSIG_SECRET}" }
            """,
            Map.of("TSIG_SECRET", "hunter2 is not base64"),
            ConfigLoader.Mode.STRICT);

    assertThat(found).containsExactly("7:33: providers.dyn.tsig.secret: is not base64");
    assertThat(String.join("\n", found)).doesNotContain("hunter2");
  }

  @Test
  void missingRequiredKeysAreReportedOnceAndValuesAreNotCheckedOnTop() throws Exception {
    assertThat(
            problems(
                """
                dyn: { type: checked, timeout: soon }
                """,
                Map.of(),
                ConfigLoader.Mode.STRICT))
        .containsExactly(
            "4:8: providers.dyn.endpoints: required key is missing: checked providers need"
                + " endpoints");
    assertThat(checked.validations).isZero();
  }

  @Test
  void providerConfigNeverPrintsValues() {
    ProviderConfig config =
        new ProviderConfig("dyn", "checked", Map.of("tsig", Map.of("secret", "c2VjcmV0")));

    assertThat(config.toString()).doesNotContain("c2VjcmV0").contains("tsig");
  }

  @Test
  void createFailsWithEveryProblem() {
    SettingsCheck check = new SettingsCheck();
    check.report("server", "'dns.example.test:99999' has no valid port");
    check.report("tsig.algorithm", "'md5' is not one of hmac-sha256, hmac-sha512");

    assertThatThrownBy(() -> check.throwIfAny("rfc2136"))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage(
            "rfc2136 provider: server: 'dns.example.test:99999' has no valid port;"
                + " tsig.algorithm: 'md5' is not one of hmac-sha256, hmac-sha512");
  }
}

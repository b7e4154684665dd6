package io.dnsfailover.provider.clouddns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.DnsProviderFactory;
import io.dnsfailover.spi.InvalidSettingsException;
import io.dnsfailover.spi.ProviderConfig;
import io.dnsfailover.spi.SettingProblem;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class CloudDnsProviderFactoryTest {

  private final CloudDnsProviderFactory factory = new CloudDnsProviderFactory();

  private static ProviderConfig config(Map<String, Object> settings) {
    return new ProviderConfig("google", "clouddns", settings);
  }

  @Test
  void isFoundThroughServiceLoaderWithItsKeys() {
    assertThat(ServiceLoader.load(DnsProviderFactory.class).stream())
        .anyMatch(provider -> provider.type() == CloudDnsProviderFactory.class);
    assertThat(factory.type()).isEqualTo("clouddns");
    assertThat(factory.keys())
        .containsExactlyInAnyOrder("project", "managedZone", "endpoint", "changeTimeout");
    assertThat(factory.requiredKeys()).containsExactly("project");
  }

  @Test
  void createsWithoutCredentialsOrNetwork() {
    try (DnsProvider provider =
        factory.create(
            config(
                Map.of(
                    "project", "my-project",
                    "managedZone", "z",
                    "endpoint", "http://127.0.0.1:1",
                    "changeTimeout", "30s")))) {
      assertThat(provider.type()).isEqualTo("clouddns");
      assertThat(provider.capabilities().nativeWeights()).isTrue();
      assertThat(provider.capabilities().maxChangesPerBatch()).isEqualTo(1000);
    }
  }

  @Test
  void badSettingsNameTheKey() {
    assertThatThrownBy(() -> factory.create(config(Map.of())))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage(
            "clouddns provider: project: required key is missing: clouddns providers need project");
    assertThatThrownBy(() -> factory.create(config(Map.of("project", " "))))
        .hasMessage("clouddns provider: project: is empty: give it a value or leave the key out");
    assertThatThrownBy(() -> factory.create(config(Map.of("project", "p"))))
        .hasMessageStartingWith("clouddns provider: project: 'p' is not a Google Cloud project id");
    assertThatThrownBy(
            () -> factory.create(config(Map.of("project", "my-project", "endpoint", "ftp://x"))))
        .hasMessageStartingWith(
            "clouddns provider: endpoint: 'ftp://x' is not an http(s) URL of the API root");
    assertThatThrownBy(
            () -> factory.create(config(Map.of("project", "my-project", "changeTimeout", "soon"))))
        .hasMessageStartingWith("clouddns provider: changeTimeout: 'soon' is not a duration");
    assertThatThrownBy(
            () -> factory.create(config(Map.of("project", "my-project", "changeTimeout", "0s"))))
        .hasMessage(
            "clouddns provider: changeTimeout: '0s' is not longer than 0: write one like 2m");
  }

  @Test
  void validateReportsEveryMistakeOfTheBlockAtItsKey() {
    ProviderConfig config =
        config(
            Map.of(
                "project", "My_Project",
                "managedZone", "example.com",
                "endpoint", "https://dns.googleapis.com/?alt=json",
                "changeTimeout", "soon"));

    List<SettingProblem> problems = factory.validate(config);

    assertThat(problems)
        .containsExactly(
            new SettingProblem(
                "project",
                "'My_Project' is not a Google Cloud project id: write 6 to 30 lower-case"
                    + " letters, digits and hyphens starting with a letter, like my-project-123"
                    + " (gcloud projects list), or the project number"),
            new SettingProblem(
                "managedZone",
                "'example.com' is not a managed zone name: write 1 to 63 lower-case letters,"
                    + " digits and hyphens starting with a letter, like example-com (gcloud dns"
                    + " managed-zones list), or the zone's numeric id"),
            new SettingProblem(
                "endpoint",
                "'https://dns.googleapis.com/?alt=json' is not an http(s) URL of the API root:"
                    + " write one like https://dns.googleapis.com/"),
            new SettingProblem(
                "changeTimeout",
                "'soon' is not a duration: write a whole number with ms, s, m or h, like 500ms"
                    + " or 10s"));
    assertThatThrownBy(() -> factory.create(config))
        .isInstanceOfSatisfying(
            InvalidSettingsException.class, e -> assertThat(e.problems()).isEqualTo(problems));
  }

  @Test
  void projectsAndZonesFollowGooglesNamingRules() {
    assertThat(factory.validate(config(Map.of("project", "example-project-123")))).isEmpty();
    assertThat(factory.validate(config(Map.of("project", "example.com:legacy-project")))).isEmpty();
    assertThat(factory.validate(config(Map.of("project", "123456789012")))).isEmpty();
    assertThat(factory.validate(config(Map.of("project", "a" + "b".repeat(29))))).isEmpty();
    assertThat(
            factory.validate(
                config(Map.of("project", "my-project", "managedZone", "z" + "0".repeat(62)))))
        .isEmpty();
    for (String project : List.of("short", "ends-with-", "1starts-with-digit", "a".repeat(31))) {
      assertThat(factory.validate(config(Map.of("project", project))))
          .as(project)
          .extracting(SettingProblem::key)
          .containsExactly("project");
    }
    for (String zone : List.of("Example-Com", "-x", "x-", "z".repeat(64))) {
      assertThat(factory.validate(config(Map.of("project", "my-project", "managedZone", zone))))
          .as(zone)
          .extracting(SettingProblem::key)
          .containsExactly("managedZone");
    }
    assertThat(factory.secretKeys()).isEmpty();
  }
}

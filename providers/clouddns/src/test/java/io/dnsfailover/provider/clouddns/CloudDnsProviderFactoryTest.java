package io.dnsfailover.provider.clouddns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.DnsProviderFactory;
import io.dnsfailover.spi.ProviderConfig;
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
                    "project", "p",
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
        .hasMessageContaining("project is required");
    assertThatThrownBy(() -> factory.create(config(Map.of("project", " "))))
        .hasMessageContaining("project must not be empty");
    assertThatThrownBy(() -> factory.create(config(Map.of("project", "p", "endpoint", "ftp://x"))))
        .hasMessageStartingWith("endpoint must be an http(s) URL");
    assertThatThrownBy(
            () -> factory.create(config(Map.of("project", "p", "changeTimeout", "soon"))))
        .hasMessageStartingWith("changeTimeout: 'soon' is not a duration");
    assertThatThrownBy(() -> factory.create(config(Map.of("project", "p", "changeTimeout", "0s"))))
        .hasMessageContaining("changeTimeout must be longer than 0");
  }
}

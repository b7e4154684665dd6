package io.dnsfailover.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.AzureEnvironment;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.DnsProviderFactory;
import io.dnsfailover.spi.InvalidSettingsException;
import io.dnsfailover.spi.ProviderConfig;
import io.dnsfailover.spi.SettingProblem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class AzureDnsProviderFactoryTest {

  private static final Map<String, Object> REQUIRED =
      Map.of("subscriptionId", "00000000-0000-0000-0000-000000000001", "resourceGroup", "rg-dns");

  @Test
  void isFoundByServiceLoaderWithItsKeys() {
    DnsProviderFactory factory =
        ServiceLoader.load(DnsProviderFactory.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(candidate -> candidate.type().equals("azure"))
            .findFirst()
            .orElseThrow();

    assertThat(factory.keys())
        .containsExactlyInAnyOrder("subscriptionId", "resourceGroup", "environment", "endpoint");
    assertThat(factory.requiredKeys()).containsExactlyInAnyOrder("subscriptionId", "resourceGroup");
  }

  @Test
  void createsAProviderWithoutAnyNetworkCall() {
    // Port 9 on loopback (discard) is never served here: a call would fail, not hang.
    DnsProvider provider =
        new AzureDnsProviderFactory().create(config(Map.of("endpoint", "https://127.0.0.1:9/")));

    assertThat(provider.type()).isEqualTo("azure");
    assertThat(provider.capabilities().nativeWeights()).isFalse();
    provider.close();
  }

  @Test
  void defaultsToThePublicCloud() {
    AzureSettings settings = AzureDnsProviderFactory.settings(config(Map.of()));

    assertThat(settings.subscriptionId()).isEqualTo("00000000-0000-0000-0000-000000000001");
    assertThat(settings.resourceGroup()).isEqualTo("rg-dns");
    assertThat(settings.environment().getResourceManagerEndpoint())
        .isEqualTo("https://management.azure.com/");
    assertThat(settings.profile().getSubscriptionId())
        .isEqualTo("00000000-0000-0000-0000-000000000001");
  }

  @Test
  void environmentPicksASovereignCloud() {
    assertThat(environment("AzureChinaCloud")).isSameAs(AzureEnvironment.AZURE_CHINA);
    assertThat(environment("AzureChina")).isSameAs(AzureEnvironment.AZURE_CHINA);
    assertThat(environment("azureusgovernment")).isSameAs(AzureEnvironment.AZURE_US_GOVERNMENT);
    assertThat(environment("AzureCloud")).isSameAs(AzureEnvironment.AZURE);
    assertThatThrownBy(() -> environment("Mars"))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage(
            "azure provider: environment: 'Mars' is not an Azure cloud: write one of AzureCloud,"
                + " AzureChinaCloud, AzureUSGovernment");
  }

  @Test
  void endpointReplacesOnlyTheResourceManagerUrl() {
    AzureSettings settings =
        AzureDnsProviderFactory.settings(
            config(
                Map.of("environment", "AzureUSGovernment", "endpoint", "https://arm.local:8443")));

    AzureEnvironment environment = settings.environment();
    assertThat(environment.getResourceManagerEndpoint()).isEqualTo("https://arm.local:8443/");
    assertThat(environment.getManagementEndpoint())
        .as("the token audience stays the cloud's")
        .isEqualTo(AzureEnvironment.AZURE_US_GOVERNMENT.getManagementEndpoint());
    assertThat(environment.getActiveDirectoryEndpoint())
        .isEqualTo(AzureEnvironment.AZURE_US_GOVERNMENT.getActiveDirectoryEndpoint());
  }

  @Test
  void endpointMustBeHttps() {
    assertThatThrownBy(
            () ->
                AzureDnsProviderFactory.settings(config(Map.of("endpoint", "http://127.0.0.1:1/"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("endpoint: 'http://127.0.0.1:1/' is not an https:// URL");
    assertThatThrownBy(() -> AzureDnsProviderFactory.settings(config(Map.of("endpoint", "::"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("endpoint");
  }

  @Test
  void missingOrMalformedIdsNameTheKey() {
    assertThatThrownBy(
            () ->
                AzureDnsProviderFactory.settings(
                    new ProviderConfig("az", "azure", Map.of("resourceGroup", "rg"))))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage(
            "azure provider: subscriptionId: required key is missing: azure providers need"
                + " subscriptionId");
    assertThatThrownBy(
            () -> AzureDnsProviderFactory.settings(config(Map.of("resourceGroup", "a/b"))))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageStartingWith(
            "azure provider: resourceGroup: 'a/b' is not a resource group name");
    assertThatThrownBy(
            () -> AzureDnsProviderFactory.settings(config(Map.of("subscriptionId", " "))))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage(
            "azure provider: subscriptionId: is empty: give it a value or leave the key out");
  }

  @Test
  void validateReportsEveryMistakeOfTheBlockAtItsKey() {
    ProviderConfig config =
        new ProviderConfig(
            "az",
            "azure",
            Map.of(
                "subscriptionId", "my-subscription",
                "resourceGroup", "rg dns.",
                "environment", "AzureGermanCloud",
                "endpoint", "http://127.0.0.1:9/"));

    List<SettingProblem> problems = new AzureDnsProviderFactory().validate(config);

    assertThat(problems)
        .containsExactly(
            new SettingProblem(
                "subscriptionId",
                "'my-subscription' is not a subscription id: write its GUID, like"
                    + " 00000000-0000-0000-0000-000000000000 (az account show --query id)"),
            new SettingProblem(
                "resourceGroup",
                "'rg dns.' is not a resource group name: write 1 to 90 letters, digits and"
                    + " _ - . ( ), not ending in ."),
            new SettingProblem(
                "environment",
                "'AzureGermanCloud' is not an Azure cloud: write one of AzureCloud,"
                    + " AzureChinaCloud, AzureUSGovernment"),
            new SettingProblem(
                "endpoint",
                "'http://127.0.0.1:9/' is not an https:// URL with a host: Azure sends its"
                    + " bearer tokens only over HTTPS"));
    assertThatThrownBy(() -> new AzureDnsProviderFactory().create(config))
        .isInstanceOfSatisfying(
            InvalidSettingsException.class, e -> assertThat(e.problems()).isEqualTo(problems));
  }

  @Test
  void resourceGroupsFollowAzuresNamingRules() {
    AzureDnsProviderFactory factory = new AzureDnsProviderFactory();

    assertThat(factory.validate(config(Map.of("resourceGroup", "rg_dns-prod.(eu)")))).isEmpty();
    assertThat(factory.validate(config(Map.of("resourceGroup", "ressourcengruppe-ä")))).isEmpty();
    assertThat(factory.validate(config(Map.of("resourceGroup", "x".repeat(90))))).isEmpty();
    assertThat(factory.validate(config(Map.of("resourceGroup", "x".repeat(91)))))
        .extracting(SettingProblem::key)
        .containsExactly("resourceGroup");
    assertThat(factory.validate(config(Map.of("resourceGroup", "rg?x"))))
        .extracting(SettingProblem::key)
        .containsExactly("resourceGroup");
    assertThat(factory.secretKeys()).isEmpty();
  }

  @Test
  void instanceDiscoveryIsKeptForMicrosoftsSignInHostsOnly() {
    assertThat(AzureClients.isKnownAuthority("https://login.microsoftonline.com/")).isTrue();
    assertThat(AzureClients.isKnownAuthority("https://login.chinacloudapi.cn/")).isTrue();
    assertThat(AzureClients.isKnownAuthority("https://LOGIN.microsoftonline.us")).isTrue();
    assertThat(AzureClients.isKnownAuthority("https://adfs.azurestack.local/")).isFalse();
    assertThat(AzureClients.isKnownAuthority("https://127.0.0.1:8443/")).isFalse();
  }

  private static AzureEnvironment environment(String name) {
    return AzureDnsProviderFactory.settings(config(Map.of("environment", name))).environment();
  }

  private static ProviderConfig config(Map<String, Object> extra) {
    Map<String, Object> settings = new HashMap<>(REQUIRED);
    settings.putAll(extra);
    return new ProviderConfig("az", "azure", settings);
  }
}

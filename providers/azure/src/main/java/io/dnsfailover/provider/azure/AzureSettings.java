package io.dnsfailover.provider.azure;

import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code azure} provider's settings, validated.
 *
 * @param subscriptionId the subscription that holds the zones
 * @param resourceGroup the resource group that holds the zones
 * @param cloud the Azure cloud: its Resource Manager endpoint, sign-in authority and token audience
 * @param endpoint a Resource Manager URL that replaces the cloud's (Azure Stack, a test server)
 */
record AzureSettings(
    String subscriptionId, String resourceGroup, Cloud cloud, Optional<URI> endpoint) {

  AzureSettings {
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    Objects.requireNonNull(resourceGroup, "resourceGroup");
    Objects.requireNonNull(cloud, "cloud");
    Objects.requireNonNull(endpoint, "endpoint");
  }

  /** The clouds the {@code environment} key names, as the Azure CLI names them. */
  enum Cloud {
    AZURE_CLOUD("AzureCloud", AzureEnvironment.AZURE),
    AZURE_CHINA_CLOUD("AzureChinaCloud", AzureEnvironment.AZURE_CHINA),
    AZURE_US_GOVERNMENT("AzureUSGovernment", AzureEnvironment.AZURE_US_GOVERNMENT);

    private final String configName;
    private final AzureEnvironment environment;

    Cloud(String configName, AzureEnvironment environment) {
      this.configName = configName;
      this.environment = environment;
    }

    String configName() {
      return configName;
    }

    AzureEnvironment environment() {
      return environment;
    }

    /** Parses a cloud name, case-insensitively; {@code AzureChina} is accepted too. */
    static Optional<Cloud> named(String name) {
      String wanted = name.trim().toLowerCase(Locale.ROOT);
      if (wanted.equals("azurechina")) {
        return Optional.of(AZURE_CHINA_CLOUD);
      }
      for (Cloud cloud : values()) {
        if (cloud.configName.toLowerCase(Locale.ROOT).equals(wanted)) {
          return Optional.of(cloud);
        }
      }
      return Optional.empty();
    }
  }

  /** The cloud's environment with {@link #endpoint} as its Resource Manager URL. */
  AzureEnvironment environment() {
    if (endpoint.isEmpty()) {
      return cloud.environment();
    }
    Map<String, String> endpoints = new HashMap<>(cloud.environment().getEndpoints());
    String url = endpoint.get().toString();
    endpoints.put("resourceManagerEndpointUrl", url.endsWith("/") ? url : url + "/");
    return new AzureEnvironment(endpoints);
  }

  AzureProfile profile() {
    return new AzureProfile(null, subscriptionId, environment());
  }
}

package io.dnsfailover.provider.azure;

import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.DnsProviderFactory;
import io.dnsfailover.spi.ProviderConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Creates Azure DNS providers for {@code type: azure}. The zone comes from the config's zone block
 * (Azure's zone name is its DNS name without the trailing dot).
 *
 * <ul>
 *   <li>{@code subscriptionId} (required): the subscription holding the zones.
 *   <li>{@code resourceGroup} (required): the resource group holding the zones.
 *   <li>{@code environment}: {@code AzureCloud} (default), {@code AzureChinaCloud} (or {@code
 *       AzureChina}) or {@code AzureUSGovernment}; picks the Resource Manager endpoint, the sign-in
 *       authority and the token audience.
 *   <li>{@code endpoint}: an {@code https://} Resource Manager URL replacing the environment's
 *       (Azure Stack Hub, tests).
 * </ul>
 *
 * Credentials come from {@code DefaultAzureCredential}; nothing is fetched until the first request.
 */
public final class AzureDnsProviderFactory implements DnsProviderFactory {

  public static final String TYPE = "azure";
  public static final String SUBSCRIPTION_ID_KEY = "subscriptionId";
  public static final String RESOURCE_GROUP_KEY = "resourceGroup";
  public static final String ENVIRONMENT_KEY = "environment";
  public static final String ENDPOINT_KEY = "endpoint";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Set<String> keys() {
    return Set.of(SUBSCRIPTION_ID_KEY, RESOURCE_GROUP_KEY, ENVIRONMENT_KEY, ENDPOINT_KEY);
  }

  @Override
  public Set<String> requiredKeys() {
    return Set.of(SUBSCRIPTION_ID_KEY, RESOURCE_GROUP_KEY);
  }

  @Override
  public DnsProvider create(ProviderConfig config) {
    return new AzureDnsProvider(AzureClients.recordSets(settings(config)));
  }

  /** The validated settings; throws {@link IllegalArgumentException} naming the key. */
  static AzureSettings settings(ProviderConfig config) {
    String subscriptionId = pathSegment(config, SUBSCRIPTION_ID_KEY);
    String resourceGroup = pathSegment(config, RESOURCE_GROUP_KEY);
    AzureSettings.Cloud cloud =
        config
            .string(ENVIRONMENT_KEY)
            .map(
                name ->
                    AzureSettings.Cloud.named(name)
                        .orElseThrow(
                            () ->
                                new IllegalArgumentException(
                                    ENVIRONMENT_KEY
                                        + " was '"
                                        + name
                                        + "' but it must be one of "
                                        + Arrays.stream(AzureSettings.Cloud.values())
                                            .map(AzureSettings.Cloud::configName)
                                            .collect(Collectors.joining(", ")))))
            .orElse(AzureSettings.Cloud.AZURE_CLOUD);
    Optional<URI> endpoint = config.string(ENDPOINT_KEY).map(AzureDnsProviderFactory::endpoint);
    return new AzureSettings(subscriptionId, resourceGroup, cloud, endpoint);
  }

  private static String pathSegment(ProviderConfig config, String key) {
    String value = config.requiredString(key).trim();
    if (value.isEmpty() || !value.matches("[^/?#%\\s]+")) {
      throw new IllegalArgumentException(
          key + " was '" + value + "' but it must be a non-empty name without / ? # % or spaces");
    }
    return value;
  }

  private static URI endpoint(String text) {
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          ENDPOINT_KEY + " was '" + text + "' but it is not a URL: " + e.getMessage(), e);
    }
    if (uri.getScheme() == null
        || !uri.getScheme().toLowerCase(Locale.ROOT).equals("https")
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          ENDPOINT_KEY
              + " was '"
              + text
              + "' but it must be an https:// URL (Azure sends its bearer tokens only over"
              + " HTTPS)");
    }
    return uri;
  }
}

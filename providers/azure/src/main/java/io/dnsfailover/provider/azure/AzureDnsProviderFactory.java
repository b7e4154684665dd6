package io.dnsfailover.provider.azure;

import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.DnsProviderFactory;
import io.dnsfailover.spi.InvalidSettingsException;
import io.dnsfailover.spi.ProviderConfig;
import io.dnsfailover.spi.SettingProblem;
import io.dnsfailover.spi.SettingsCheck;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Creates Azure DNS providers for {@code type: azure}. The zone comes from the config's zone block
 * (Azure's zone name is its DNS name without the trailing dot).
 *
 * <ul>
 *   <li>{@code subscriptionId} (required): the subscription holding the zones, as its GUID.
 *   <li>{@code resourceGroup} (required): the resource group holding the zones (1 to 90 letters,
 *       digits, {@code _ - . ( )}, not ending in a period).
 *   <li>{@code environment}: {@code AzureCloud} (default), {@code AzureChinaCloud} (or {@code
 *       AzureChina}) or {@code AzureUSGovernment}; picks the Resource Manager endpoint, the sign-in
 *       authority and the token audience.
 *   <li>{@code endpoint}: an {@code https://} Resource Manager URL replacing the environment's
 *       (Azure Stack Hub, tests).
 * </ul>
 *
 * Credentials come from {@code DefaultAzureCredential}; nothing is fetched until the first request,
 * and {@link #validate} creates no client at all. No key takes a secret.
 */
public final class AzureDnsProviderFactory implements DnsProviderFactory {

  public static final String TYPE = "azure";
  public static final String SUBSCRIPTION_ID_KEY = "subscriptionId";
  public static final String RESOURCE_GROUP_KEY = "resourceGroup";
  public static final String ENVIRONMENT_KEY = "environment";
  public static final String ENDPOINT_KEY = "endpoint";

  private static final Pattern SUBSCRIPTION_ID =
      Pattern.compile(
          "\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

  /** Azure's rule: letters and digits (any script), underscores, hyphens, periods, parentheses. */
  private static final Pattern RESOURCE_GROUP = Pattern.compile("[\\p{L}\\p{N}_\\-.()]{1,90}");

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
  public List<SettingProblem> validate(ProviderConfig config) {
    return SettingsCheck.problems(config, AzureDnsProviderFactory::read);
  }

  @Override
  public DnsProvider create(ProviderConfig config) {
    return new AzureDnsProvider(AzureClients.recordSets(settings(config)));
  }

  /**
   * The checked settings; throws {@link InvalidSettingsException} with every problem {@link
   * #validate} reports.
   */
  static AzureSettings settings(ProviderConfig config) {
    return SettingsCheck.settings(config, TYPE, AzureDnsProviderFactory::read);
  }

  /**
   * Reads every key, reporting each problem to {@code check}: the one routine behind {@link
   * #validate} and {@link #create}. Empty when there was a problem. Touches no network or
   * credential.
   */
  private static Optional<AzureSettings> read(ProviderConfig config, SettingsCheck check) {
    Optional<String> subscriptionId =
        check
            .requiredText(config, SUBSCRIPTION_ID_KEY)
            .filter(
                id ->
                    check.require(
                        SUBSCRIPTION_ID.matcher(id).matches(),
                        SUBSCRIPTION_ID_KEY,
                        quote(id)
                            + " is not a subscription id: write its GUID, like"
                            + " 00000000-0000-0000-0000-000000000000 (az account show --query id)"));
    Optional<String> resourceGroup =
        check
            .requiredText(config, RESOURCE_GROUP_KEY)
            .filter(
                name ->
                    check.require(
                        RESOURCE_GROUP.matcher(name).matches() && !name.endsWith("."),
                        RESOURCE_GROUP_KEY,
                        quote(name)
                            + " is not a resource group name: write 1 to 90 letters, digits and"
                            + " _ - . ( ), not ending in ."));
    AzureSettings.Cloud cloud =
        check
            .text(config, ENVIRONMENT_KEY)
            .flatMap(
                name -> {
                  Optional<AzureSettings.Cloud> named = AzureSettings.Cloud.named(name);
                  check.require(
                      named.isPresent(),
                      ENVIRONMENT_KEY,
                      quote(name)
                          + " is not an Azure cloud: write one of "
                          + Arrays.stream(AzureSettings.Cloud.values())
                              .map(AzureSettings.Cloud::configName)
                              .collect(Collectors.joining(", ")));
                  return named;
                })
            .orElse(AzureSettings.Cloud.AZURE_CLOUD);
    Optional<URI> endpoint =
        check.text(config, ENDPOINT_KEY).flatMap(text -> endpoint(text, check));
    if (!check.ok()) {
      return Optional.empty();
    }
    return Optional.of(
        new AzureSettings(
            subscriptionId.orElseThrow(), resourceGroup.orElseThrow(), cloud, endpoint));
  }

  private static Optional<URI> endpoint(String text, SettingsCheck check) {
    try {
      URI uri = new URI(text);
      if (check.require(
          uri.getScheme() != null
              && uri.getScheme().toLowerCase(Locale.ROOT).equals("https")
              && uri.getHost() != null,
          ENDPOINT_KEY,
          quote(text)
              + " is not an https:// URL with a host: Azure sends its bearer tokens only over"
              + " HTTPS")) {
        return Optional.of(uri);
      }
    } catch (URISyntaxException e) {
      check.report(ENDPOINT_KEY, quote(text) + " is not a URL: " + e.getReason());
    }
    return Optional.empty();
  }

  private static String quote(String value) {
    return "'" + value + "'";
  }
}

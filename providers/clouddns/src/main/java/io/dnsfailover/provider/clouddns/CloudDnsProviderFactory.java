package io.dnsfailover.provider.clouddns;

import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.DnsProviderFactory;
import io.dnsfailover.spi.ProviderConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Creates {@link CloudDnsProvider}s for {@code type: clouddns}.
 *
 * <ul>
 *   <li>{@code project} (required): the Google Cloud project that holds the managed zones.
 *   <li>{@code managedZone}: the managed zone's resource name (such as {@code example-com}); when
 *       left out, the zone is found by its DNS name. Its DNS name must be the config zone's name.
 *   <li>{@code endpoint}: the API root URL, default {@code https://dns.googleapis.com/} (for
 *       Private Service Connect endpoints and tests).
 *   <li>{@code changeTimeout}: how long to wait for a change to reach {@code done}, default 2m.
 * </ul>
 *
 * <p>Credentials are Application Default Credentials, resolved on the first call.
 */
public final class CloudDnsProviderFactory implements DnsProviderFactory {

  public static final String TYPE = "clouddns";
  public static final String PROJECT_KEY = "project";
  public static final String MANAGED_ZONE_KEY = "managedZone";
  public static final String ENDPOINT_KEY = "endpoint";
  public static final String CHANGE_TIMEOUT_KEY = "changeTimeout";

  static final Duration DEFAULT_CHANGE_TIMEOUT = Duration.ofMinutes(2);

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Set<String> keys() {
    return Set.of(PROJECT_KEY, MANAGED_ZONE_KEY, ENDPOINT_KEY, CHANGE_TIMEOUT_KEY);
  }

  @Override
  public Set<String> requiredKeys() {
    return Set.of(PROJECT_KEY);
  }

  @Override
  public DnsProvider create(ProviderConfig config) {
    String project = nonBlank(config, PROJECT_KEY).orElseThrow(() -> missing(PROJECT_KEY));
    Optional<String> managedZone = nonBlank(config, MANAGED_ZONE_KEY);
    String rootUrl =
        config
            .string(ENDPOINT_KEY)
            .map(CloudDnsProviderFactory::rootUrl)
            .orElse(GoogleCloudDnsApi.DEFAULT_ROOT_URL);
    Duration changeTimeout;
    try {
      changeTimeout = config.duration(CHANGE_TIMEOUT_KEY).orElse(DEFAULT_CHANGE_TIMEOUT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(CHANGE_TIMEOUT_KEY + ": " + e.getMessage(), e);
    }
    if (changeTimeout.isZero() || changeTimeout.isNegative()) {
      throw new IllegalArgumentException(CHANGE_TIMEOUT_KEY + " must be longer than 0");
    }
    return new CloudDnsProvider(
        new GoogleCloudDnsApi(project, rootUrl, GoogleCloudDnsApi.Credentials.APPLICATION_DEFAULT),
        project,
        managedZone,
        CloudDnsProvider.Timing.defaults(changeTimeout),
        CloudDnsProvider.Pacer.SYSTEM);
  }

  private static Optional<String> nonBlank(ProviderConfig config, String key) {
    Optional<String> value = config.string(key).map(String::trim);
    if (value.isPresent() && value.get().isEmpty()) {
      throw new IllegalArgumentException(key + " must not be empty");
    }
    return value;
  }

  private static IllegalArgumentException missing(String key) {
    return new IllegalArgumentException(key + " is required for " + TYPE);
  }

  private static String rootUrl(String endpoint) {
    URI uri;
    try {
      uri = new URI(endpoint.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(ENDPOINT_KEY + " is not a URL: " + e.getMessage(), e);
    }
    if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
        || uri.getHost() == null
        || uri.getQuery() != null
        || uri.getFragment() != null) {
      throw new IllegalArgumentException(
          ENDPOINT_KEY
              + " must be an http(s) URL of the API root, like https://dns.googleapis.com/, was "
              + endpoint);
    }
    String text = uri.toString();
    return text.endsWith("/") ? text : text + "/";
  }
}

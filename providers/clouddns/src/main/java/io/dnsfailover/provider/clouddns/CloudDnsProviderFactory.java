package io.dnsfailover.provider.clouddns;

import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.DnsProviderFactory;
import io.dnsfailover.spi.Durations;
import io.dnsfailover.spi.InvalidSettingsException;
import io.dnsfailover.spi.Location;
import io.dnsfailover.spi.ProviderConfig;
import io.dnsfailover.spi.SettingProblem;
import io.dnsfailover.spi.SettingsCheck;
import io.dnsfailover.spi.Ticker;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Creates {@link CloudDnsProvider}s for {@code type: clouddns}.
 *
 * <ul>
 *   <li>{@code project} (required): the Google Cloud project that holds the managed zones, by id
 *       ({@code my-project-123}) or number.
 *   <li>{@code managedZone}: the managed zone's resource name (such as {@code example-com}) or
 *       numeric id; when left out, the zone is found by its DNS name. Its DNS name must be the
 *       config zone's name.
 *   <li>{@code endpoint}: the API root URL, default {@code https://dns.googleapis.com/} (for
 *       Private Service Connect endpoints and tests).
 *   <li>{@code changeTimeout}: how long to wait for a change to reach {@code done}, default 2m.
 * </ul>
 *
 * <p>Credentials are Application Default Credentials, resolved on the first call; {@link #validate}
 * checks the values without any call and without looking for credentials. No key takes a secret.
 */
public final class CloudDnsProviderFactory implements DnsProviderFactory {

  public static final String TYPE = "clouddns";
  public static final String PROJECT_KEY = "project";
  public static final String MANAGED_ZONE_KEY = "managedZone";
  public static final String ENDPOINT_KEY = "endpoint";
  public static final String CHANGE_TIMEOUT_KEY = "changeTimeout";

  static final Duration DEFAULT_CHANGE_TIMEOUT = Duration.ofMinutes(2);

  /** Google's rule, and the legacy domain-scoped form {@code example.com:my-project}. */
  /**
   * Cloud DNS's geo routing policy routes by Google Cloud region and has no default item. Declared
   * here, not in {@link CloudDnsProvider}, so that {@code validate} never loads the Google SDK.
   */
  static final Set<Location.Kind> LOCATION_KINDS = Set.of(Location.Kind.CLOUD_REGION);

  private static final Pattern PROJECT_ID =
      Pattern.compile("([a-z0-9][a-z0-9.-]*[a-z0-9]:)?[a-z][a-z0-9-]{4,28}[a-z0-9]");

  private static final Pattern PROJECT_NUMBER = Pattern.compile("[1-9][0-9]{0,19}");
  private static final Pattern MANAGED_ZONE = Pattern.compile("[a-z]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern MANAGED_ZONE_ID = Pattern.compile("[1-9][0-9]{0,19}");

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
  public List<SettingProblem> validate(ProviderConfig config) {
    return SettingsCheck.problems(config, CloudDnsProviderFactory::read);
  }

  /**
   * Geo routing by Google Cloud region ({@code cloudRegion:}); no continents or countries, and no
   * default: Cloud DNS answers a user outside every item's region from the nearest item.
   */
  @Override
  public Set<Location.Kind> locationKinds() {
    return LOCATION_KINDS;
  }

  @Override
  public DnsProvider create(ProviderConfig config) {
    Settings settings = settings(config);
    return new CloudDnsProvider(
        new GoogleCloudDnsApi(
            settings.project(),
            settings.rootUrl(),
            GoogleCloudDnsApi.Credentials.APPLICATION_DEFAULT),
        settings.project(),
        settings.managedZone(),
        CloudDnsProvider.Timing.defaults(settings.changeTimeout()),
        Ticker.system());
  }

  /**
   * One {@code clouddns} provider's settings, checked.
   *
   * @param rootUrl the API root, ending in {@code /}
   */
  record Settings(
      String project, Optional<String> managedZone, String rootUrl, Duration changeTimeout) {}

  /**
   * The checked settings; throws {@link InvalidSettingsException} with every problem {@link
   * #validate} reports.
   */
  static Settings settings(ProviderConfig config) {
    return SettingsCheck.settings(config, TYPE, CloudDnsProviderFactory::read);
  }

  /**
   * Reads every key, reporting each problem to {@code check}: the one routine behind {@link
   * #validate} and {@link #create}. Empty when there was a problem. Touches no network or
   * credential.
   */
  private static Optional<Settings> read(ProviderConfig config, SettingsCheck check) {
    Optional<String> project =
        check
            .requiredText(config, PROJECT_KEY)
            .filter(
                id ->
                    check.require(
                        PROJECT_ID.matcher(id).matches() || PROJECT_NUMBER.matcher(id).matches(),
                        PROJECT_KEY,
                        quote(id)
                            + " is not a Google Cloud project id: write 6 to 30 lower-case"
                            + " letters, digits and hyphens starting with a letter, like"
                            + " my-project-123 (gcloud projects list), or the project number"));
    Optional<String> managedZone =
        check
            .text(config, MANAGED_ZONE_KEY)
            .filter(
                name ->
                    check.require(
                        MANAGED_ZONE.matcher(name).matches()
                            || MANAGED_ZONE_ID.matcher(name).matches(),
                        MANAGED_ZONE_KEY,
                        quote(name)
                            + " is not a managed zone name: write 1 to 63 lower-case letters,"
                            + " digits and hyphens starting with a letter, like example-com"
                            + " (gcloud dns managed-zones list), or the zone's numeric id"));
    String rootUrl =
        check
            .text(config, ENDPOINT_KEY)
            .flatMap(text -> rootUrl(text, check))
            .orElse(GoogleCloudDnsApi.DEFAULT_ROOT_URL);
    Duration changeTimeout =
        check
            .text(config, CHANGE_TIMEOUT_KEY)
            .flatMap(
                text ->
                    check
                        .read(CHANGE_TIMEOUT_KEY, () -> Durations.parse(text))
                        .filter(
                            timeout ->
                                check.require(
                                    !timeout.isZero(),
                                    CHANGE_TIMEOUT_KEY,
                                    quote(text) + " is not longer than 0: write one like 2m")))
            .orElse(DEFAULT_CHANGE_TIMEOUT);
    if (!check.ok()) {
      return Optional.empty();
    }
    return Optional.of(new Settings(project.orElseThrow(), managedZone, rootUrl, changeTimeout));
  }

  private static Optional<String> rootUrl(String endpoint, SettingsCheck check) {
    try {
      URI uri = new URI(endpoint);
      if (check.require(
          ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
              && uri.getHost() != null
              && uri.getQuery() == null
              && uri.getFragment() == null,
          ENDPOINT_KEY,
          quote(endpoint)
              + " is not an http(s) URL of the API root: write one like"
              + " https://dns.googleapis.com/")) {
        String text = uri.toString();
        return Optional.of(text.endsWith("/") ? text : text + "/");
      }
    } catch (URISyntaxException e) {
      check.report(ENDPOINT_KEY, quote(endpoint) + " is not a URL: " + e.getReason());
    }
    return Optional.empty();
  }

  private static String quote(String value) {
    return "'" + value + "'";
  }
}

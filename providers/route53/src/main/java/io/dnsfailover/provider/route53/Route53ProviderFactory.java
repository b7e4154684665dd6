package io.dnsfailover.provider.route53;

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
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Creates {@link Route53Provider}s for {@code type: route53}. Every key is optional:
 *
 * <ul>
 *   <li>{@code hostedZoneId}: the zone's id ({@code Z0123...}, with or without {@code
 *       /hostedzone/}); without it the zone is looked up by its exact name once.
 *   <li>{@code private}: {@code true}/{@code false}, which of two same-named zones to take when
 *       looking up by name. Unset, two zones of one name are an error.
 *   <li>{@code region}: signing region, default {@code aws-global} (signs for us-east-1).
 *   <li>{@code endpoint}: URL of a Route 53-compatible API or local emulator.
 *   <li>{@code profile}: a profile of the shared AWS config files; default: the default chain.
 *   <li>{@code assumeRoleArn}, {@code externalId}: a role to assume through STS.
 *   <li>{@code waitForSync} (default false), {@code syncTimeout} (default 2m): wait for INSYNC.
 *   <li>{@code maxRetries} (default 5, at most 10): retries of throttled or failed requests.
 *   <li>{@code maxRequestsPerSecond} (default 5): the client-side limit shared by every zone and
 *       provider entry of the same account in the process.
 * </ul>
 *
 * <p>{@link #validate} checks these values and {@link #create} refuses them with the same problems;
 * neither makes a network call or looks up a credential (credentials are read on the first
 * request). No key takes a credential: those come from the AWS credential chain; {@code externalId}
 * is a secret all the same, and never repeated in a message.
 */
public final class Route53ProviderFactory implements DnsProviderFactory {

  public static final String TYPE = Route53Provider.TYPE;

  static final String HOSTED_ZONE_ID = "hostedZoneId";
  static final String PRIVATE = "private";
  static final String REGION = "region";
  static final String ENDPOINT = "endpoint";
  static final String PROFILE = "profile";
  static final String ASSUME_ROLE_ARN = "assumeRoleArn";
  static final String EXTERNAL_ID = "externalId";
  static final String WAIT_FOR_SYNC = "waitForSync";
  static final String SYNC_TIMEOUT = "syncTimeout";
  static final String MAX_RETRIES = "maxRetries";
  static final String MAX_REQUESTS_PER_SECOND = "maxRequestsPerSecond";

  static final int MAX_RETRIES_LIMIT = 10;
  static final double MAX_REQUESTS_PER_SECOND_LIMIT = 100;
  static final Duration MAX_SYNC_TIMEOUT = Duration.ofMinutes(30);

  /**
   * The locations geolocation record sets name: no cloud regions (those are Cloud DNS's). Declared
   * here, not in {@link Route53Provider}, so that {@code validate} never loads the AWS SDK.
   */
  static final Set<Location.Kind> LOCATION_KINDS =
      Set.of(
          Location.Kind.CONTINENT,
          Location.Kind.COUNTRY,
          Location.Kind.SUBDIVISION,
          Location.Kind.DEFAULT);

  private static final Pattern ZONE_ID = Pattern.compile("[A-Za-z0-9]{1,64}");

  /** {@code us-east-1}, {@code us-gov-west-1}, {@code cn-north-1}, {@code aws-global}, ... */
  private static final Pattern REGION_NAME =
      Pattern.compile("aws(-[a-z]+)*-global|[a-z]{2}(-[a-z]+)+-\\d{1,2}");

  private static final Pattern ROLE_ARN = Pattern.compile("arn:[a-z-]+:iam::\\d{12}:role/.+");
  private static final Pattern PROFILE_NAME = Pattern.compile("[^\\s\\[\\]]+");

  /** What STS takes as an external id. */
  private static final Pattern EXTERNAL_ID_FORM = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Set<String> keys() {
    return Set.of(
        HOSTED_ZONE_ID,
        PRIVATE,
        REGION,
        ENDPOINT,
        PROFILE,
        ASSUME_ROLE_ARN,
        EXTERNAL_ID,
        WAIT_FOR_SYNC,
        SYNC_TIMEOUT,
        MAX_RETRIES,
        MAX_REQUESTS_PER_SECOND);
  }

  @Override
  public Set<String> requiredKeys() {
    return Set.of();
  }

  /** {@code externalId}: the shared secret of the role's trust policy. */
  @Override
  public Set<String> secretKeys() {
    return Set.of(EXTERNAL_ID);
  }

  @Override
  public List<SettingProblem> validate(ProviderConfig config) {
    return SettingsCheck.problems(config, Route53ProviderFactory::read);
  }

  /** Geolocation record sets: continents, countries, US states and the default ({@code *}). */
  @Override
  public Set<Location.Kind> locationKinds() {
    return LOCATION_KINDS;
  }

  @Override
  public DnsProvider create(ProviderConfig config) {
    Route53Settings settings = settings(config);
    Route53Calls calls =
        new Route53Calls(
            RateLimiter.shared(settings.limiterKey(), settings.maxRequestsPerSecond()),
            Ticker.system(),
            ThreadLocalRandom.current(),
            settings.maxRetries());
    return new Route53Provider(settings, new SdkRoute53Api(settings), calls);
  }

  /**
   * The checked settings; throws {@link InvalidSettingsException} with every problem {@link
   * #validate} reports.
   */
  static Route53Settings settings(ProviderConfig config) {
    return SettingsCheck.settings(config, TYPE, Route53ProviderFactory::read);
  }

  /**
   * Reads every key, reporting each problem to {@code check}: the one routine behind {@link
   * #validate} and {@link #create}. Empty when there was a problem. Touches no file, network or
   * credential.
   */
  private static Optional<Route53Settings> read(ProviderConfig config, SettingsCheck check) {
    Optional<String> hostedZoneId =
        check
            .text(config, HOSTED_ZONE_ID)
            .map(RecordSetCodec::bareZoneId)
            .filter(
                id ->
                    check.require(
                        ZONE_ID.matcher(id).matches(),
                        HOSTED_ZONE_ID,
                        quote(id)
                            + " is not a hosted zone id: write the id Route 53 shows, like"
                            + " Z0123456789ABCDEFGHIJ, with or without /hostedzone/"));
    Optional<Boolean> privateZone =
        check.text(config, PRIVATE).flatMap(text -> bool(PRIVATE, text, check));
    String region =
        check
            .text(config, REGION)
            .filter(
                name ->
                    check.require(
                        REGION_NAME.matcher(name).matches(),
                        REGION,
                        quote(name)
                            + " is not an AWS region name: write one like us-east-1, or leave the"
                            + " key out for aws-global (what Route 53 signs for)"))
            .orElse(Route53Settings.DEFAULT_REGION);
    Optional<URI> endpoint = check.text(config, ENDPOINT).flatMap(text -> endpoint(text, check));
    Optional<String> profile =
        check
            .text(config, PROFILE)
            .filter(
                name ->
                    check.require(
                        PROFILE_NAME.matcher(name).matches(),
                        PROFILE,
                        quote(name)
                            + " is not a profile name: write a name of ~/.aws/config without"
                            + " spaces or brackets"));
    Optional<String> roleArn =
        check
            .text(config, ASSUME_ROLE_ARN)
            .filter(
                arn ->
                    check.require(
                        ROLE_ARN.matcher(arn).matches(),
                        ASSUME_ROLE_ARN,
                        quote(arn)
                            + " is not an IAM role ARN: write"
                            + " arn:aws:iam::<12-digit account>:role/<name>"));
    // A secret: checked, never quoted.
    Optional<String> externalId =
        check
            .text(config, EXTERNAL_ID)
            .filter(
                id ->
                    check.require(
                        EXTERNAL_ID_FORM.matcher(id).matches(),
                        EXTERNAL_ID,
                        "is not an external id: AWS takes 2 to 1224 letters, digits and"
                            + " + = , . @ : / -"));
    if (externalId.isPresent() && config.settings().get(ASSUME_ROLE_ARN) == null) {
      check.report(
          EXTERNAL_ID,
          "is only used with " + ASSUME_ROLE_ARN + ", which is not set: set both or neither");
    }
    boolean waitForSync =
        check
            .text(config, WAIT_FOR_SYNC)
            .flatMap(text -> bool(WAIT_FOR_SYNC, text, check))
            .orElse(false);
    Duration syncTimeout =
        check
            .text(config, SYNC_TIMEOUT)
            .flatMap(text -> syncTimeout(text, check))
            .orElse(Route53Settings.DEFAULT_SYNC_TIMEOUT);
    int maxRetries =
        check
            .text(config, MAX_RETRIES)
            .flatMap(text -> wholeNumber(text, 0, MAX_RETRIES_LIMIT, MAX_RETRIES, check))
            .orElse(Route53Settings.DEFAULT_MAX_RETRIES);
    double rate =
        check
            .text(config, MAX_REQUESTS_PER_SECOND)
            .flatMap(text -> rate(text, check))
            .orElse(Route53Settings.DEFAULT_MAX_REQUESTS_PER_SECOND);
    if (!check.ok()) {
      return Optional.empty();
    }
    return Optional.of(
        new Route53Settings(
            hostedZoneId,
            privateZone,
            region,
            endpoint,
            profile,
            roleArn,
            externalId,
            waitForSync,
            syncTimeout,
            maxRetries,
            rate));
  }

  private static Optional<Boolean> bool(String key, String text, SettingsCheck check) {
    return switch (text) {
      case "true" -> Optional.of(true);
      case "false" -> Optional.of(false);
      default -> {
        check.report(key, quote(text) + " is not true or false");
        yield Optional.empty();
      }
    };
  }

  private static Optional<Duration> syncTimeout(String text, SettingsCheck check) {
    return check
        .read(SYNC_TIMEOUT, () -> Durations.parse(text))
        .filter(
            timeout ->
                check.require(
                    !timeout.isZero() && timeout.compareTo(MAX_SYNC_TIMEOUT) <= 0,
                    SYNC_TIMEOUT,
                    quote(text) + " is out of range: write more than 0 and at most 30m, like 2m"));
  }

  private static Optional<URI> endpoint(String text, SettingsCheck check) {
    try {
      URI uri = new URI(text);
      if (check.require(
          ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
              && uri.getHost() != null,
          ENDPOINT,
          quote(text)
              + " is not an http:// or https:// URL with a host, like http://127.0.0.1:5000")) {
        return Optional.of(uri);
      }
    } catch (URISyntaxException e) {
      check.report(ENDPOINT, quote(text) + " is not a URL: " + e.getReason());
    }
    return Optional.empty();
  }

  private static Optional<Integer> wholeNumber(
      String text, int min, int max, String key, SettingsCheck check) {
    try {
      int value = Integer.parseInt(text);
      if (check.require(
          value >= min && value <= max,
          key,
          quote(text) + " is out of range: write a whole number from " + min + " to " + max)) {
        return Optional.of(value);
      }
    } catch (NumberFormatException e) {
      check.report(
          key, quote(text) + " is not a whole number: write one from " + min + " to " + max);
    }
    return Optional.empty();
  }

  private static Optional<Double> rate(String text, SettingsCheck check) {
    String allowed = "more than 0 and at most " + (int) MAX_REQUESTS_PER_SECOND_LIMIT + ", like 5";
    try {
      double value = Double.parseDouble(text);
      if (check.require(
          value > 0 && value <= MAX_REQUESTS_PER_SECOND_LIMIT,
          MAX_REQUESTS_PER_SECOND,
          quote(text) + " is out of range: write a number " + allowed)) {
        return Optional.of(value);
      }
    } catch (NumberFormatException e) {
      check.report(MAX_REQUESTS_PER_SECOND, quote(text) + " is not a number: write one " + allowed);
    }
    return Optional.empty();
  }

  private static String quote(Object value) {
    return "'" + value + "'";
  }
}

package io.dnsfailover.provider.route53;

import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.DnsProviderFactory;
import io.dnsfailover.spi.ProviderConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
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
 * <p>Creating a provider checks these and makes no network call; credentials are read on the first
 * request. No key takes a secret: keys come from the AWS credential chain, and {@code externalId}
 * is never repeated in a message.
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

  private static final Pattern ZONE_ID = Pattern.compile("[A-Za-z0-9]{1,64}");
  private static final Pattern REGION_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern ROLE_ARN = Pattern.compile("arn:[a-z-]+:iam::\\d{12}:role/.+");
  private static final Pattern PROFILE_NAME = Pattern.compile("[^\\s\\[\\]]+");

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

  /** Reads and checks the settings; throws {@link IllegalArgumentException} naming the key. */
  static Route53Settings settings(ProviderConfig config) {
    Optional<String> hostedZoneId =
        nonBlank(config, HOSTED_ZONE_ID).map(RecordSetCodec::bareZoneId);
    hostedZoneId.ifPresent(
        id -> check(ZONE_ID.matcher(id).matches(), HOSTED_ZONE_ID, id, "is not a hosted zone id"));
    Optional<Boolean> privateZone = config.bool(PRIVATE);
    String region = nonBlank(config, REGION).orElse(Route53Settings.DEFAULT_REGION);
    check(REGION_NAME.matcher(region).matches(), REGION, region, "is not a region name");
    Optional<URI> endpoint = nonBlank(config, ENDPOINT).map(Route53ProviderFactory::endpoint);
    Optional<String> profile = nonBlank(config, PROFILE);
    profile.ifPresent(
        name ->
            check(PROFILE_NAME.matcher(name).matches(), PROFILE, name, "is not a profile name"));
    Optional<String> roleArn = nonBlank(config, ASSUME_ROLE_ARN);
    roleArn.ifPresent(
        arn ->
            check(
                ROLE_ARN.matcher(arn).matches(),
                ASSUME_ROLE_ARN,
                arn,
                "is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)"));
    Optional<String> externalId = nonBlank(config, EXTERNAL_ID);
    if (externalId.isPresent() && roleArn.isEmpty()) {
      throw new IllegalArgumentException(
          EXTERNAL_ID + " is only used with " + ASSUME_ROLE_ARN + ", which is not set");
    }
    boolean waitForSync = config.bool(WAIT_FOR_SYNC).orElse(false);
    Duration syncTimeout =
        config.duration(SYNC_TIMEOUT).orElse(Route53Settings.DEFAULT_SYNC_TIMEOUT);
    check(
        !syncTimeout.isZero() && syncTimeout.compareTo(Duration.ofMinutes(30)) <= 0,
        SYNC_TIMEOUT,
        config.string(SYNC_TIMEOUT).orElse(""),
        "must be more than 0 and at most 30m");
    int maxRetries =
        config
            .string(MAX_RETRIES)
            .map(text -> integer(MAX_RETRIES, text))
            .orElse(Route53Settings.DEFAULT_MAX_RETRIES);
    check(
        maxRetries >= 0 && maxRetries <= MAX_RETRIES_LIMIT,
        MAX_RETRIES,
        String.valueOf(maxRetries),
        "must be 0.." + MAX_RETRIES_LIMIT);
    double rate =
        config
            .string(MAX_REQUESTS_PER_SECOND)
            .map(text -> number(MAX_REQUESTS_PER_SECOND, text))
            .orElse(Route53Settings.DEFAULT_MAX_REQUESTS_PER_SECOND);
    check(
        rate > 0 && rate <= MAX_REQUESTS_PER_SECOND_LIMIT,
        MAX_REQUESTS_PER_SECOND,
        String.valueOf(rate),
        "must be more than 0 and at most " + (int) MAX_REQUESTS_PER_SECOND_LIMIT);
    return new Route53Settings(
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
        rate);
  }

  private static Optional<String> nonBlank(ProviderConfig config, String key) {
    Optional<String> value = config.string(key).map(String::trim);
    if (value.isPresent() && value.get().isEmpty()) {
      throw new IllegalArgumentException(key + " is empty: remove it or give it a value");
    }
    return value;
  }

  private static URI endpoint(String text) {
    try {
      URI uri = new URI(text);
      check(
          ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
              && uri.getHost() != null,
          ENDPOINT,
          text,
          "is not an http:// or https:// URL");
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          ENDPOINT + " was '" + text + "' but it is not a URL: " + e.getReason(), e);
    }
  }

  private static int integer(String key, String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          key + " was '" + text + "' but it must be a whole number", e);
    }
  }

  private static double number(String key, String text) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " was '" + text + "' but it must be a number", e);
    }
  }

  private static void check(boolean ok, String key, String value, String reason) {
    if (!ok) {
      throw new IllegalArgumentException(key + " was '" + value + "' but it " + reason);
    }
  }
}

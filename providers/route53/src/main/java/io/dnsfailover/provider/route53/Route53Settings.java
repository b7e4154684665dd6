package io.dnsfailover.provider.route53;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code type: route53} provider's settings, checked. {@link #toString} leaves out {@code
 * externalId}: it is a shared secret between this tool and the role's trust policy.
 *
 * @param hostedZoneId the zone id without {@code /hostedzone/}; empty means look the zone up by
 *     name
 * @param privateZone when looking up by name: only private (true) or only public (false) zones;
 *     empty means either, and two zones of the same name are then an error
 * @param region the signing region ({@code aws-global} signs for us-east-1)
 * @param endpoint a URL override for Route 53-compatible APIs and local emulators
 * @param profile a named profile of the shared AWS config files
 * @param assumeRoleArn a role to assume through STS with the base credentials
 * @param externalId the external id the role's trust policy asks for
 * @param waitForSync after each change batch, poll until Route 53 reports INSYNC
 * @param syncTimeout how long to poll for INSYNC before giving up with a warning
 * @param maxRetries how often to retry a throttled or failed request before reporting TRANSIENT
 * @param maxRequestsPerSecond the client-side limit shared by every provider using the same account
 */
record Route53Settings(
    Optional<String> hostedZoneId,
    Optional<Boolean> privateZone,
    String region,
    Optional<URI> endpoint,
    Optional<String> profile,
    Optional<String> assumeRoleArn,
    Optional<String> externalId,
    boolean waitForSync,
    Duration syncTimeout,
    int maxRetries,
    double maxRequestsPerSecond) {

  static final String DEFAULT_REGION = "aws-global";
  static final Duration DEFAULT_SYNC_TIMEOUT = Duration.ofMinutes(2);
  static final int DEFAULT_MAX_RETRIES = 5;
  static final double DEFAULT_MAX_REQUESTS_PER_SECOND = 5;

  Route53Settings {
    Objects.requireNonNull(hostedZoneId, "hostedZoneId");
    Objects.requireNonNull(privateZone, "privateZone");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(assumeRoleArn, "assumeRoleArn");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(syncTimeout, "syncTimeout");
  }

  /**
   * What the process-wide rate limiter is keyed by: Route 53's limits are per AWS account. The
   * account is known without a call only from a role ARN; otherwise the credentials' source (a
   * profile, or the default chain) stands for it. An endpoint override is a different service.
   */
  String limiterKey() {
    if (endpoint.isPresent()) {
      return "endpoint:" + endpoint.get();
    }
    if (assumeRoleArn.isPresent()) {
      String[] parts = assumeRoleArn.get().split(":", -1);
      if (parts.length >= 5 && !parts[4].isEmpty()) {
        return "account:" + parts[4];
      }
      return "role:" + assumeRoleArn.get();
    }
    return profile.map(name -> "profile:" + name).orElse("default-credentials");
  }

  @Override
  public String toString() {
    return "Route53Settings[hostedZoneId="
        + hostedZoneId.orElse("(by name)")
        + ", private="
        + privateZone.map(String::valueOf).orElse("(either)")
        + ", region="
        + region
        + ", endpoint="
        + endpoint.map(URI::toString).orElse("(AWS)")
        + ", profile="
        + profile.orElse("(default chain)")
        + ", assumeRoleArn="
        + assumeRoleArn.orElse("(none)")
        + ", externalId="
        + (externalId.isPresent() ? "(set)" : "(none)")
        + ", waitForSync="
        + waitForSync
        + ", syncTimeout="
        + syncTimeout
        + ", maxRetries="
        + maxRetries
        + ", maxRequestsPerSecond="
        + maxRequestsPerSecond
        + "]";
  }
}

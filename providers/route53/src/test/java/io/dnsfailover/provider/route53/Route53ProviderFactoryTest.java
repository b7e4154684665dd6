package io.dnsfailover.provider.route53;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.DnsProviderFactory;
import io.dnsfailover.spi.ProviderConfig;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class Route53ProviderFactoryTest {

  private static ProviderConfig config(Object... keysAndValues) {
    Map<String, Object> settings = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      settings.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return new ProviderConfig("aws", "route53", settings);
  }

  @Test
  void isFoundByServiceLoaderWithItsKeys() {
    DnsProviderFactory factory =
        ServiceLoader.load(DnsProviderFactory.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(candidate -> candidate.type().equals("route53"))
            .findFirst()
            .orElseThrow();

    assertThat(factory.keys())
        .containsExactlyInAnyOrder(
            "hostedZoneId",
            "private",
            "region",
            "endpoint",
            "profile",
            "assumeRoleArn",
            "externalId",
            "waitForSync",
            "syncTimeout",
            "maxRetries",
            "maxRequestsPerSecond");
    assertThat(factory.requiredKeys()).isEmpty();
  }

  @Test
  void defaultsNeedNoKeyAndCreatingMakesNoCall() {
    try (DnsProvider provider = new Route53ProviderFactory().create(config())) {
      assertThat(provider.type()).isEqualTo("route53");
      assertThat(provider.capabilities().nativeWeights()).isTrue();
      Route53Settings settings = ((Route53Provider) provider).settings();
      assertThat(settings.region()).isEqualTo("aws-global");
      assertThat(settings.hostedZoneId()).isEmpty();
      assertThat(settings.privateZone()).isEmpty();
      assertThat(settings.waitForSync()).isFalse();
      assertThat(settings.syncTimeout()).isEqualTo(Duration.ofMinutes(2));
      assertThat(settings.maxRetries()).isEqualTo(5);
      assertThat(settings.maxRequestsPerSecond()).isEqualTo(5);
    }
  }

  @Test
  void everyKeyIsRead() {
    Route53Settings settings =
        Route53ProviderFactory.settings(
            config(
                "hostedZoneId", "/hostedzone/Z0123ABC",
                "private", true,
                "region", "eu-west-1",
                "endpoint", "http://127.0.0.1:5055",
                "profile", "dns-admin",
                "assumeRoleArn", "arn:aws:iam::123456789012:role/dnsfailover",
                "externalId", "s3cr3t-external-id",
                "waitForSync", "true",
                "syncTimeout", "90s",
                "maxRetries", 3,
                "maxRequestsPerSecond", "2.5"));

    assertThat(settings.hostedZoneId()).contains("Z0123ABC");
    assertThat(settings.privateZone()).contains(true);
    assertThat(settings.region()).isEqualTo("eu-west-1");
    assertThat(settings.endpoint()).contains(URI.create("http://127.0.0.1:5055"));
    assertThat(settings.profile()).contains("dns-admin");
    assertThat(settings.assumeRoleArn()).contains("arn:aws:iam::123456789012:role/dnsfailover");
    assertThat(settings.externalId()).contains("s3cr3t-external-id");
    assertThat(settings.waitForSync()).isTrue();
    assertThat(settings.syncTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(settings.maxRetries()).isEqualTo(3);
    assertThat(settings.maxRequestsPerSecond()).isEqualTo(2.5);
    assertThat(settings.toString()).doesNotContain("s3cr3t").contains("externalId=(set)");
  }

  @Test
  void theLimiterIsSharedPerAccount() {
    Route53Settings byRole =
        Route53ProviderFactory.settings(
            config("assumeRoleArn", "arn:aws:iam::123456789012:role/a"));
    Route53Settings otherRoleSameAccount =
        Route53ProviderFactory.settings(
            config("assumeRoleArn", "arn:aws:iam::123456789012:role/b"));
    assertThat(byRole.limiterKey())
        .isEqualTo(otherRoleSameAccount.limiterKey())
        .isEqualTo("account:123456789012");
    assertThat(Route53ProviderFactory.settings(config("profile", "p")).limiterKey())
        .isEqualTo("profile:p");
    assertThat(Route53ProviderFactory.settings(config()).limiterKey())
        .isEqualTo("default-credentials");
  }

  @Test
  void badValuesNameTheirKeyAndNeverEchoTheExternalId() {
    assertRejected(config("hostedZoneId", "Z12/34"), "hostedZoneId");
    assertRejected(config("private", "yes"), "private");
    assertRejected(config("region", "EU West"), "region");
    assertRejected(config("endpoint", "ftp://x"), "endpoint");
    assertRejected(config("endpoint", "not a url"), "endpoint");
    assertRejected(config("assumeRoleArn", "role/x"), "assumeRoleArn");
    assertRejected(config("maxRetries", "11"), "maxRetries");
    assertRejected(config("maxRetries", "many"), "maxRetries");
    assertRejected(config("maxRequestsPerSecond", "0"), "maxRequestsPerSecond");
    assertRejected(config("syncTimeout", "0s"), "syncTimeout");
    assertRejected(config("profile", " "), "profile");
    assertThatThrownBy(() -> Route53ProviderFactory.settings(config("externalId", "s3cr3t")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("externalId is only used with assumeRoleArn")
        .hasMessageNotContaining("s3cr3t");
  }

  private static void assertRejected(ProviderConfig config, String key) {
    assertThatThrownBy(() -> new Route53ProviderFactory().create(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(key);
  }
}

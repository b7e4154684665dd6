package io.dnsfailover.provider.route53;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.DnsProviderFactory;
import io.dnsfailover.spi.InvalidSettingsException;
import io.dnsfailover.spi.ProviderConfig;
import io.dnsfailover.spi.SettingProblem;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
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
    assertRejected(config("region", "us-east"), "region");
    assertRejected(config("endpoint", "ftp://x"), "endpoint");
    assertRejected(config("endpoint", "not a url"), "endpoint");
    assertRejected(config("assumeRoleArn", "role/x"), "assumeRoleArn");
    assertRejected(config("maxRetries", "11"), "maxRetries");
    assertRejected(config("maxRetries", "many"), "maxRetries");
    assertRejected(config("maxRequestsPerSecond", "0"), "maxRequestsPerSecond");
    assertRejected(config("syncTimeout", "0s"), "syncTimeout");
    assertRejected(config("profile", " "), "profile");
    assertThatThrownBy(() -> Route53ProviderFactory.settings(config("externalId", "s3cr3t")))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage(
            "route53 provider: externalId: is only used with assumeRoleArn, which is not set:"
                + " set both or neither")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void validateReportsEveryMistakeOfTheBlockAtItsKey() {
    ProviderConfig config =
        config(
            "hostedZoneId", "/hostedzone/Z12 34",
            "private", "yes",
            "region", "not a region!!",
            "endpoint", "ftp://route53.example.test",
            "assumeRoleArn", "arn:aws:iam::123456789012:role/dnsfailover",
            "externalId", "s3cr3t but with spaces",
            "syncTimeout", "45m",
            "maxRetries", 11,
            "maxRequestsPerSecond", "fast");

    List<SettingProblem> problems = new Route53ProviderFactory().validate(config);

    assertThat(problems)
        .containsExactly(
            new SettingProblem(
                "hostedZoneId",
                "'Z12 34' is not a hosted zone id: write the id Route 53 shows, like"
                    + " Z0123456789ABCDEFGHIJ, with or without /hostedzone/"),
            new SettingProblem("private", "'yes' is not true or false"),
            new SettingProblem(
                "region",
                "'not a region!!' is not an AWS region name: write one like us-east-1, or leave"
                    + " the key out for aws-global (what Route 53 signs for)"),
            new SettingProblem(
                "endpoint",
                "'ftp://route53.example.test' is not an http:// or https:// URL with a host,"
                    + " like http://127.0.0.1:5000"),
            new SettingProblem(
                "externalId",
                "is not an external id: AWS takes 2 to 1224 letters, digits and + = , . @ : / -"),
            new SettingProblem(
                "syncTimeout", "'45m' is out of range: write more than 0 and at most 30m, like 2m"),
            new SettingProblem(
                "maxRetries", "'11' is out of range: write a whole number from 0 to 10"),
            new SettingProblem(
                "maxRequestsPerSecond",
                "'fast' is not a number: write one more than 0 and at most 100, like 5"));
    assertThat(problems.toString()).doesNotContain("s3cr3t");
    assertThatThrownBy(() -> new Route53ProviderFactory().create(config))
        .isInstanceOfSatisfying(
            InvalidSettingsException.class, e -> assertThat(e.problems()).isEqualTo(problems))
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void validSettingsHaveNoProblemAndTheExternalIdIsDeclaredSecret() {
    Route53ProviderFactory factory = new Route53ProviderFactory();

    assertThat(factory.validate(config())).isEmpty();
    assertThat(
            factory.validate(
                config(
                    "region", "us-gov-west-1",
                    "assumeRoleArn", "arn:aws:iam::123456789012:role/dnsfailover",
                    "externalId", "Unique-ID_2024")))
        .isEmpty();
    assertThat(factory.validate(config("region", "aws-cn-global"))).isEmpty();
    assertThat(factory.secretKeys()).containsExactly("externalId");
  }

  private static void assertRejected(ProviderConfig config, String key) {
    assertThat(new Route53ProviderFactory().validate(config))
        .extracting(SettingProblem::key)
        .containsExactly(key);
    assertThatThrownBy(() -> new Route53ProviderFactory().create(config))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageStartingWith("route53 provider: " + key + ": ");
  }
}

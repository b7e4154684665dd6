package io.dnsfailover.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.dnsfailover.cli.FakeRoute53.Sent;
import io.dnsfailover.cli.JarRun.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code policy: geo} on Route 53 through the packaged jar: three locations (Europe with a backup
 * of its own, the United States, and the default) with their own backends on loopback, against a
 * stateful fake of Route 53's REST/XML API ({@link FakeRoute53}). Each step is one {@code once}
 * run, rise and fall 1, so each probe decides: the geolocation sets and their GeoLocation fields as
 * Route 53 holds them, failover inside a location, fallback to the default when a location is down,
 * recovery, no write when nothing changed; and {@code validate} refusing geo where a provider
 * cannot answer by location, and a malformed location.
 */
class Route53GeoEndToEndIT {

  private static final String ZONE_ID = "Z0GEOE2E";
  private static final String APP = "app.example.test.";

  @TempDir Path dir;

  private FakeRoute53 zone;
  private WireMockServer route53;

  @BeforeEach
  void startRoute53() {
    zone = new FakeRoute53(ZONE_ID, "example.test.");
    route53 =
        new WireMockServer(
            wireMockConfig().bindAddress("127.0.0.1").dynamicPort().extensions(zone));
    route53.start();
    route53.stubFor(
        any(urlPathMatching("/2013-04-01/hostedzone/.*"))
            .willReturn(aResponse().withTransformers(FakeRoute53.NAME)));
  }

  @AfterEach
  void stopRoute53() {
    route53.stop();
  }

  @Test
  void eachLocationFailsOverInsideItselfThenToTheDefaultAndRecovers() throws Exception {
    Backend eu1 = new Backend("127.0.0.1");
    Backend eu2 = new Backend("127.0.0.2");
    Backend us = new Backend("127.0.0.3");
    Backend rest = new Backend("127.0.0.4");
    try {
      Path config = writeConfig(eu1.url(), eu2.url(), us.url(), rest.url());

      // 1. Every backend up: one geolocation set per location, and the ownership marker.
      Result first = once(config);
      assertThat(first.exitCode()).as(first.output()).isZero();
      assertThat(geoSets())
          .containsExactly(
              tuple("geo-continent-EU", Map.of("ContinentCode", "EU"), 20L, List.of("127.0.0.1")),
              tuple("geo-country-US", Map.of("CountryCode", "US"), 20L, List.of("127.0.0.3")),
              tuple("geo-default", Map.of("CountryCode", "*"), 20L, List.of("127.0.0.4")));
      assertThat(zone.all())
          .anySatisfy(
              set -> {
                assertThat(set.name()).isEqualTo("_dnsfailover." + APP);
                assertThat(set.values()).containsExactly("\"heritage=dnsfailover,owner=e2e\"");
              });
      assertThat(zone.batches()).hasSize(1);

      // 2. Nothing changed: no write at all.
      Result quiet = once(config);
      assertThat(quiet.exitCode()).as(quiet.output()).isZero();
      assertThat(zone.batches()).hasSize(1);

      // 3. The European primary fails: Europe fails over to its backup, nothing else is sent.
      int eu1Port = eu1.port();
      eu1.close();
      Result failover = once(config);
      assertThat(failover.exitCode()).as(failover.output()).isZero();
      assertThat(lastBatch())
          .containsExactly(tuple("UPSERT", "geo-continent-EU", List.of("127.0.0.2")));

      // 4. The United States has no healthy endpoint left: its set goes, so Route 53 answers its
      // users from the default set.
      int usPort = us.port();
      us.close();
      Result fallback = once(config);
      assertThat(fallback.exitCode()).as(fallback.output()).isZero();
      assertThat(lastBatch())
          .containsExactly(tuple("DELETE", "geo-country-US", List.of("127.0.0.3")));
      assertThat(geoSets())
          .containsExactly(
              tuple("geo-continent-EU", Map.of("ContinentCode", "EU"), 20L, List.of("127.0.0.2")),
              tuple("geo-default", Map.of("CountryCode", "*"), 20L, List.of("127.0.0.4")));

      // What plan says about it, per location.
      Result plan = run("plan", "-c", config.toString(), "--state", state(), "-o", "json");
      assertThat(plan.exitCode()).as(plan.output()).isZero();
      JsonNode locations =
          new ObjectMapper().readTree(plan.stdout()).at("/zones/0/records/0/locations");
      assertThat(locations.findValuesAsText("location"))
          .containsExactly("continent:EU", "country:US", "default");
      assertThat(locations.get(1).get("desired").isNull()).isTrue();
      assertThat(locations.get(1).get("reason").asText())
          .contains("us (127.0.0.3) down")
          .contains("its users get the default location's answer");

      // 5. Both come back: the United States set returns and Europe returns to its primary.
      eu1 = new Backend("127.0.0.1", eu1Port);
      us = new Backend("127.0.0.3", usPort);
      Result recovered = once(config);
      assertThat(recovered.exitCode()).as(recovered.output()).isZero();
      assertThat(lastBatch())
          .containsExactlyInAnyOrder(
              tuple("UPSERT", "geo-continent-EU", List.of("127.0.0.1")),
              tuple("UPSERT", "geo-country-US", List.of("127.0.0.3")));
      assertThat(geoSets())
          .containsExactly(
              tuple("geo-continent-EU", Map.of("ContinentCode", "EU"), 20L, List.of("127.0.0.1")),
              tuple("geo-country-US", Map.of("CountryCode", "US"), 20L, List.of("127.0.0.3")),
              tuple("geo-default", Map.of("CountryCode", "*"), 20L, List.of("127.0.0.4")));
      int batches = zone.batches().size();
      assertThat(once(config).exitCode()).isZero();
      assertThat(zone.batches()).as("no write when nothing changed").hasSize(batches);
    } finally {
      eu1.close();
      eu2.close();
      us.close();
      rest.close();
    }
  }

  @Test
  void validateRefusesGeoOnTheZoneFileProviderAndAMalformedLocation() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("config.yaml"),
            """
            version: 1
            ownerId: e2e
            defaults:
              check: { type: tcp, port: 80 }
            providers:
              local: { type: zonefile, path: zone.db }
            zones:
              - name: example.test.
                provider: local
                records:
                  - name: app
                    type: A
                    policy: geo
                    endpoints:
                      - { id: eu, address: 192.0.2.10, location: continent:XX }
                      - { id: rest, address: 192.0.2.30, location: default }
            """);

    Result result = JarRun.run("validate", "-c", config.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .contains(
            config
                + ":13:17: zones[0].records[0].policy: policy geo needs a provider that answers by"
                + " location, and provider local is a zonefile provider, which cannot: use a"
                + " provider of type clouddns or route53, or another policy")
        .contains(
            config
                + ":15:54: zones[0].records[0].endpoints[0].location: 'XX' is not a continent"
                + " code: use AF (Africa), AN (Antarctica), AS (Asia), EU (Europe), NA (North"
                + " America), OC (Oceania) or SA (South America)");
    assertThat(Files.exists(dir.resolve("zone.db"))).as("nothing written").isFalse();
  }

  @Test
  void theGeoExampleValidates() throws Exception {
    Path example = Path.of("..", "examples", "route53", "geo.yaml").toAbsolutePath().normalize();

    Result result = JarRun.run("validate", "-c", example.toString());

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.stdout()).contains(example + ": valid");
  }

  /** The geolocation sets of app, as (SetIdentifier, GeoLocation, TTL, values). */
  private List<org.assertj.core.groups.Tuple> geoSets() {
    return zone.all().stream()
        .filter(set -> set.name().equals(APP) && set.type().equals("A"))
        .map(
            set ->
                tuple(set.setIdentifier().orElse(null), set.geoLocation(), set.ttl(), set.values()))
        .toList();
  }

  /** The last accepted batch's changes of app, as (action, SetIdentifier, values). */
  private List<org.assertj.core.groups.Tuple> lastBatch() {
    List<Sent> batch = zone.batches().getLast();
    return batch.stream()
        .filter(sent -> sent.set().name().equals(APP))
        .map(
            sent ->
                tuple(sent.action(), sent.set().setIdentifier().orElse(null), sent.set().values()))
        .toList();
  }

  private Result once(Path config) throws Exception {
    return run("once", "-c", config.toString(), "--state", state());
  }

  private Path writeConfig(String eu1, String eu2, String us, String rest) throws IOException {
    return Files.writeString(
        dir.resolve("config.yaml"),
        """
        version: 1
        ownerId: e2e
        defaults:
          # A backend is taken down by closing it (refused at once): the long timeout only keeps a
          # healthy one from looking down on a loaded CI machine.
          check: { interval: 10s, timeout: 5s, rise: 1, fall: 1 }
        providers:
          aws: { type: route53, hostedZoneId: %s, endpoint: "http://127.0.0.1:%d" }
        zones:
          - name: example.test.
            provider: aws
            records:
              - name: app
                type: A
                ttl: 20
                policy: geo
                endpoints:
                  - { id: eu-1, address: 127.0.0.1, location: continent:EU, check: { type: http, url: "%s" } }
                  - { id: eu-2, address: 127.0.0.2, location: continent:EU, priority: 2, check: { type: http, url: "%s" } }
                  - { id: us, address: 127.0.0.3, location: country:US, check: { type: http, url: "%s" } }
                  - { id: rest, address: 127.0.0.4, location: default, check: { type: http, url: "%s" } }
        """
            .formatted(ZONE_ID, route53.port(), eu1, eu2, us, rest));
  }

  private String state() {
    return dir.resolve("state.json").toString();
  }

  /** The jar with environment credentials only: no profile, no instance metadata. */
  private Result run(String... args) throws Exception {
    Path home = Files.createDirectories(dir.resolve("home"));
    return JarRun.run(
        List.of(),
        env -> {
          env.keySet().removeIf(key -> key.startsWith("AWS_"));
          env.put("HOME", home.toString());
          env.put("AWS_ACCESS_KEY_ID", "test");
          env.put("AWS_SECRET_ACCESS_KEY", "test-secret");
          env.put("AWS_EC2_METADATA_DISABLED", "true");
          env.put("AWS_CONFIG_FILE", home.resolve("no-aws-config").toString());
          env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-aws-credentials").toString());
        },
        args);
  }
}

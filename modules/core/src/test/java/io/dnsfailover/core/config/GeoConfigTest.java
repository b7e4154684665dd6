package io.dnsfailover.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsfailover.spi.Location;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code policy: geo} and {@code location:}: what loads, and each mistake at its place. */
class GeoConfigTest {

  @TempDir Path directory;

  /** Lines 1-9: a route53 provider "aws", a clouddns "google" and a zonefile "local". */
  private static String config(String provider, String records) {
    return """
        version: 1
        ownerId: test
        providers:
          aws: { type: route53, region: eu-west-1 }
          google: { type: clouddns, project: my-project-1 }
          local: { type: zonefile, path: zones/example.test.zone }
        zones:
          - name: example.test.
            provider: %s
            records:
        """
            .formatted(provider)
        + records.stripIndent().indent(6);
  }

  private Config load(String yaml) throws Exception {
    Path file = Files.writeString(directory.resolve("config.yaml"), yaml);
    return new ConfigLoader(FakeFactory.withCloudDns(), Map.of())
        .load(file, ConfigLoader.Mode.STRICT)
        .requireConfig();
  }

  private List<String> problems(String yaml) throws Exception {
    Path file = Files.writeString(directory.resolve("config.yaml"), yaml);
    ConfigLoader loader = new ConfigLoader(FakeFactory.withCloudDns(), Map.of());
    ConfigException[] caught = new ConfigException[1];
    assertThatThrownBy(
            () -> {
              try {
                loader.load(file, ConfigLoader.Mode.STRICT);
              } catch (ConfigException e) {
                caught[0] = e;
                throw e;
              }
            })
        .isInstanceOf(ConfigException.class);
    return caught[0].problems().stream().map(ConfigFixture::withoutFile).toList();
  }

  @Test
  void aRoute53GeoRecordLoadsWithEachEndpointsLocation() throws Exception {
    Config config =
        load(
            config(
                "aws",
                """
                - name: app
                  type: A
                  policy: geo
                  check: { type: icmp }
                  endpoints:
                    - { id: eu-1, address: 192.0.2.10, location: continent:EU }
                    - { id: eu-2, address: 192.0.2.11, location: "continent:eu", priority: 2 }
                    - { id: us, address: 192.0.2.20, location: country:US }
                    - { id: ca, address: 192.0.2.21, location: subdivision:US-CA }
                    - { id: rest, address: 192.0.2.30, location: default }
                """));

    RecordConfig app = config.zones().getFirst().records().getFirst();
    assertThat(app.policy()).isEqualTo(Policy.GEO);
    assertThat(app.endpoints())
        .extracting(EndpointConfig::id, EndpointConfig::location, EndpointConfig::priority)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("eu-1", Optional.of(Location.continent("EU")), 1),
            org.assertj.core.groups.Tuple.tuple("eu-2", Optional.of(Location.continent("EU")), 2),
            org.assertj.core.groups.Tuple.tuple("us", Optional.of(Location.country("US")), 1),
            org.assertj.core.groups.Tuple.tuple(
                "ca", Optional.of(Location.subdivision("US", "CA")), 1),
            org.assertj.core.groups.Tuple.tuple("rest", Optional.of(Location.DEFAULT), 1));
  }

  @Test
  void aCloudDnsGeoRecordUsesCloudRegionsAndNoDefault() throws Exception {
    Config config =
        load(
            config(
                "google",
                """
                - name: app
                  type: A
                  policy: geo
                  check: { type: icmp }
                  endpoints:
                    - { id: eu, address: 192.0.2.10, location: cloudRegion:europe-west1 }
                    - { id: us, address: 192.0.2.20, location: cloudRegion:us-east1 }
                """));

    assertThat(config.zones().getFirst().records().getFirst().endpoints())
        .extracting(EndpointConfig::location)
        .containsExactly(
            Optional.of(Location.cloudRegion("europe-west1")),
            Optional.of(Location.cloudRegion("us-east1")));
  }

  @Test
  void malformedLocationsAreReportedAtTheLocation() throws Exception {
    assertThat(
            problems(
                config(
                    "aws",
                    """
                    - name: app
                      type: A
                      policy: geo
                      check: { type: icmp }
                      endpoints:
                        - { id: eu, address: 192.0.2.10, location: continent:XX }
                        - { id: us, address: 192.0.2.20, location: country:USA }
                        - { id: ny, address: 192.0.2.21, location: subdivision:DE-BY }
                        - { id: mars, address: 192.0.2.22, location: planet:mars }
                        - { id: rest, address: 192.0.2.30, location: default }
                    """)))
        .containsExactly(
            "16:54: zones[0].records[0].endpoints[0].location: 'XX' is not a continent code: use"
                + " AF (Africa), AN (Antarctica), AS (Asia), EU (Europe), NA (North America), OC"
                + " (Oceania) or SA (South America)",
            "17:54: zones[0].records[0].endpoints[1].location: 'USA' is not an ISO 3166-1 alpha-2"
                + " country code: write its two letters, like US, DE or JP",
            "18:54: zones[0].records[0].endpoints[2].location: 'DE-BY' is not a US state:"
                + " subdivision locations are US states, written US- and the state's postal code,"
                + " like US-CA or US-NY (elsewhere use country: or continent:)",
            "19:56: zones[0].records[0].endpoints[3].location: 'planet:mars' is not a location:"
                + " write continent:EU, country:DE, subdivision:US-CA, cloudRegion:europe-west1 or"
                + " default");
  }

  @Test
  void aLocationOnARecordThatIsNotGeoAndAGeoEndpointWithoutOne() throws Exception {
    assertThat(
            problems(
                config(
                    "aws",
                    """
                    - name: app
                      type: A
                      check: { type: icmp }
                      endpoints:
                        - { id: eu, address: 192.0.2.10, location: continent:EU }
                    - name: www
                      type: A
                      policy: geo
                      check: { type: icmp }
                      endpoints:
                        - { id: eu, address: 192.0.2.10, location: continent:EU }
                        - { id: rest, address: 192.0.2.30 }
                    """)))
        .containsExactly(
            "15:54: zones[0].records[0].endpoints[0].location: location is only for policy geo,"
                + " and this record's policy is failover: remove location, or write policy: geo on"
                + " the record",
            "22:13: zones[0].records[1].endpoints[1].location: required key is missing: every"
                + " endpoint of a geo record needs a location, like location: continent:EU or"
                + " location: default");
  }

  @Test
  void geoOnAProviderThatCannotAnswerByLocationNamesTheProvidersThatCan() throws Exception {
    assertThat(
            problems(
                config(
                    "local",
                    """
                    - name: app
                      type: A
                      policy: geo
                      check: { type: icmp }
                      endpoints:
                        - { id: eu, address: 192.0.2.10, location: continent:EU }
                        - { id: rest, address: 192.0.2.30, location: default }
                    """)))
        .containsExactly(
            "13:17: zones[0].records[0].policy: policy geo needs a provider that answers by"
                + " location, and provider local is a zonefile provider, which cannot: use a"
                + " provider of type clouddns or route53, or another policy");
  }

  @Test
  void aRoute53GeoRecordNeedsADefault() throws Exception {
    assertThat(
            problems(
                config(
                    "aws",
                    """
                    - name: app
                      type: A
                      policy: geo
                      check: { type: icmp }
                      endpoints:
                        - { id: eu, address: 192.0.2.10, location: continent:EU }
                        - { id: us, address: 192.0.2.20, location: country:US }
                    """)))
        .containsExactly(
            "16:11: zones[0].records[0].endpoints: a geo record needs an endpoint with location:"
                + " default, which answers the users no other location matches (a route53 provider"
                + " gives them no answer otherwise)");
  }

  @Test
  void cloudDnsRefusesContinentsCountriesAndDefaultSayingWhatItTakes() throws Exception {
    assertThat(
            problems(
                config(
                    "google",
                    """
                    - name: app
                      type: A
                      policy: geo
                      check: { type: icmp }
                      endpoints:
                        - { id: eu, address: 192.0.2.10, location: continent:EU }
                        - { id: us, address: 192.0.2.20, location: country:US }
                        - { id: asia, address: 192.0.2.25, location: cloudRegion:asia-east1 }
                        - { id: rest, address: 192.0.2.30, location: default }
                    """)))
        .containsExactly(
            "16:54: zones[0].records[0].endpoints[0].location: a clouddns provider cannot answer"
                + " by continent: use cloudRegion: locations, like cloudRegion:europe-west1",
            "17:54: zones[0].records[0].endpoints[1].location: a clouddns provider cannot answer"
                + " by country: use cloudRegion: locations, like cloudRegion:europe-west1",
            "19:56: zones[0].records[0].endpoints[3].location: a clouddns provider has no default"
                + " location: it answers users outside every location the record lists from the"
                + " nearest one; use cloudRegion: locations, like cloudRegion:europe-west1");
  }

  @Test
  void route53RefusesCloudRegions() throws Exception {
    assertThat(
            problems(
                config(
                    "aws",
                    """
                    - name: app
                      type: A
                      policy: geo
                      check: { type: icmp }
                      endpoints:
                        - { id: eu, address: 192.0.2.10, location: cloudRegion:europe-west1 }
                        - { id: rest, address: 192.0.2.30, location: default }
                    """)))
        .containsExactly(
            "16:54: zones[0].records[0].endpoints[0].location: a route53 provider cannot answer"
                + " by cloudRegion: use continent:, country:, subdivision: or default locations");
  }

  @Test
  void aGeoCnameHasOneTargetPerLocation() throws Exception {
    Config valid =
        load(
            config(
                "aws",
                """
                - name: www
                  type: CNAME
                  policy: geo
                  check: { type: icmp }
                  endpoints:
                    - { id: eu, address: eu.example.net, location: continent:EU }
                    - { id: eu-backup, address: eu2.example.net, location: continent:EU, priority: 2 }
                    - { id: rest, address: lb.example.net, location: default }
                """));
    assertThat(valid.zones().getFirst().records().getFirst().endpoints()).hasSize(3);

    assertThat(
            problems(
                config(
                    "aws",
                    """
                    - name: www
                      type: CNAME
                      policy: geo
                      whenAllDown: all
                      check: { type: icmp }
                      endpoints:
                        - { id: eu, address: eu.example.net, location: continent:EU }
                        - { id: eu-too, address: eu2.example.net, location: continent:EU }
                        - { id: rest, address: lb.example.net, location: default }
                    """)))
        .containsExactly(
            "14:22: zones[0].records[0].whenAllDown: whenAllDown 'all' publishes every endpoint of"
                + " each location, but a CNAME has exactly one target and continent:EU has more"
                + " than one endpoint: use keep or none",
            "18:13: zones[0].records[0].endpoints[1].priority: priority 1 (the default) is shared"
                + " with the endpoint at line 17 in location continent:EU: a CNAME has exactly one"
                + " target, so the endpoints of one location need different priorities");
  }
}

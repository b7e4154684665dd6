package io.dnsfailover.provider.clouddns;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.dnsfailover.spi.ApplyResult;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.Location;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.ProviderException.Kind;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.WeightedValue;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.testkit.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generated client's wiring against WireMock speaking Cloud DNS v1's JSON: paths, paging,
 * gzip-compressed bodies, error bodies, Retry-After, change status.
 */
class GoogleCloudDnsApiWireTest {

  private static final String BASE = "/dns/v1/projects/test-project/managedZones";
  private static final String RRSETS = BASE + "/example-test/rrsets";
  private static final String CHANGES = BASE + "/example-test/changes";
  private static final Zone ZONE = new Zone(DnsName.of("example.test."), "google");

  private WireMockServer server;
  private FakeClock pacer;
  private CloudDnsProvider provider;

  @BeforeEach
  void start() {
    server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    pacer = new FakeClock();
    GoogleCredentials token =
        GoogleCredentials.create(
            new AccessToken("test-token", Date.from(Instant.now().plusSeconds(3600))));
    CloudDnsApi api =
        new GoogleCloudDnsApi(
            "test-project", server.baseUrl(), () -> new HttpCredentialsAdapter(token));
    provider =
        new CloudDnsProvider(api, "test-project", Optional.empty(), TestTiming.TIMING, pacer);
    server.stubFor(
        get(urlPathEqualTo(BASE))
            .withQueryParam("dnsName", equalTo("example.test."))
            .willReturn(
                okJson(
                    """
                    {"managedZones":[{"name":"example-test","dnsName":"example.test.",
                      "id":"42","visibility":"public","kind":"dns#managedZone"}]}
                    """)));
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private void rrsets(String name, String json) {
    server.stubFor(
        get(urlPathEqualTo(RRSETS))
            .withQueryParam("name", equalTo(name))
            .withQueryParam("pageToken", absent())
            .willReturn(okJson(json)));
  }

  private static String app(String value) {
    return """
        {"rrsets":[{"kind":"dns#resourceRecordSet","name":"app.example.test.","type":"A",
          "ttl":30,"rrdatas":["%s"]}]}
        """
        .formatted(value);
  }

  private RecordSet readApp() throws ProviderException {
    return provider
        .records(ZONE, Set.of(new RecordKey(DnsName.of("app.example.test."), RecordType.A)))
        .getFirst();
  }

  @Test
  void readsFindTheZoneByNameFollowPagesAndSendTheToken() throws Exception {
    rrsets("_dnsfailover.app.example.test.", "{}");
    server.stubFor(
        get(urlPathEqualTo(RRSETS))
            .withQueryParam("name", equalTo("app.example.test."))
            .withQueryParam("pageToken", absent())
            .willReturn(
                okJson(
                    """
                    {"rrsets":[{"name":"app.example.test.","type":"TXT","ttl":30,
                      "rrdatas":["\\"hello\\""]}],"nextPageToken":"page-2"}
                    """)));
    server.stubFor(
        get(urlPathEqualTo(RRSETS))
            .withQueryParam("name", equalTo("app.example.test."))
            .withQueryParam("pageToken", equalTo("page-2"))
            .willReturn(okJson(app("192.0.2.1"))));

    assertThat(readApp())
        .isEqualTo(
            RecordSet.of(DnsName.of("app.example.test."), RecordType.A, 30, List.of("192.0.2.1")));
    server.verify(
        getRequestedFor(urlPathEqualTo(RRSETS))
            .withQueryParam("pageToken", equalTo("page-2"))
            .withHeader("Authorization", equalTo("Bearer test-token")));
  }

  @Test
  void aChangeIsOneGzippedPostWithWrrAndIsPolledFromPendingToDone() throws Exception {
    server.stubFor(
        post(urlPathEqualTo(CHANGES))
            .willReturn(okJson("{\"id\":\"7\",\"status\":\"pending\",\"kind\":\"dns#change\"}")));
    server.stubFor(
        get(urlPathEqualTo(CHANGES + "/7"))
            .inScenario("poll")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson("{\"id\":\"7\",\"status\":\"pending\"}"))
            .willSetStateTo("done"));
    server.stubFor(
        get(urlPathEqualTo(CHANGES + "/7"))
            .inScenario("poll")
            .whenScenarioStateIs("done")
            .willReturn(okJson("{\"id\":\"7\",\"status\":\"done\"}")));
    RecordSet weighted =
        RecordSet.weighted(
            DnsName.of("app.example.test."),
            RecordType.A,
            30,
            List.of(
                new WeightedValue("primary", "192.0.2.10", 200),
                new WeightedValue("backup", "192.0.2.20", 55)));
    RecordSet marker =
        RecordSet.of(
            DnsName.of("_dnsfailover.app.example.test."),
            RecordType.TXT,
            30,
            List.of("heritage=dnsfailover,owner=prod"));

    ApplyResult result =
        provider.apply(
            ZONE, List.of(new Change.Create(marker, "mark"), new Change.Create(weighted, "new")));

    assertThat(result.writeCalls()).isEqualTo(1);
    server.verify(
        1,
        postRequestedFor(urlPathEqualTo(CHANGES))
            .withHeader("Content-Encoding", equalTo("gzip"))
            .withHeader("Authorization", equalTo("Bearer test-token"))
            .withRequestBody(
                equalToJson(
                    """
                    {"additions":[
                      {"name":"_dnsfailover.app.example.test.","type":"TXT","ttl":30,
                       "rrdatas":["\\"heritage=dnsfailover,owner=prod\\""]},
                      {"name":"app.example.test.","type":"A","ttl":30,
                       "routingPolicy":{"wrr":{"items":[
                         {"weight":200.0,"rrdatas":["192.0.2.10"]},
                         {"weight":55.0,"rrdatas":["192.0.2.20"]}]}}}]}
                    """)));
    server.verify(2, getRequestedFor(urlPathEqualTo(CHANGES + "/7")));
    assertThat(pacer.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void aGeoPolicyIsReadByRegionAndARegionDownReplacesTheRrsetAsListed() throws Exception {
    rrsets("_dnsfailover.app.example.test.", "{}");
    rrsets(
        "app.example.test.",
        """
        {"rrsets":[{"kind":"dns#resourceRecordSet","name":"app.example.test.","type":"A",
          "ttl":30,"routingPolicy":{"kind":"dns#rRSetRoutingPolicy","geo":{
            "kind":"dns#rRSetRoutingPolicyGeoPolicy","items":[
              {"kind":"dns#rRSetRoutingPolicyGeoPolicyGeoPolicyItem","location":"europe-west1",
               "rrdatas":["192.0.2.10"]},
              {"kind":"dns#rRSetRoutingPolicyGeoPolicyGeoPolicyItem","location":"us-east1",
               "rrdatas":["192.0.2.20","192.0.2.21"]}]}}}]}
        """);
    server.stubFor(
        post(urlPathEqualTo(CHANGES))
            .willReturn(okJson("{\"id\":\"11\",\"status\":\"done\",\"kind\":\"dns#change\"}")));
    RecordSet listed = readApp();
    assertThat(listed)
        .isEqualTo(
            RecordSet.geo(
                DnsName.of("app.example.test."),
                RecordType.A,
                30,
                java.util.Map.of(
                    Location.cloudRegion("europe-west1"), List.of("192.0.2.10"),
                    Location.cloudRegion("us-east1"), List.of("192.0.2.20", "192.0.2.21"))));
    RecordSet americaDown =
        RecordSet.geo(
            DnsName.of("app.example.test."),
            RecordType.A,
            30,
            java.util.Map.of(Location.cloudRegion("europe-west1"), List.of("192.0.2.10")));

    provider.apply(ZONE, List.of(new Change.Update(listed, americaDown, "us-east1 down")));

    server.verify(
        1,
        postRequestedFor(urlPathEqualTo(CHANGES))
            .withRequestBody(
                equalToJson(
                    """
                    {"deletions":[{"kind":"dns#resourceRecordSet","name":"app.example.test.",
                       "type":"A","ttl":30,"routingPolicy":{"kind":"dns#rRSetRoutingPolicy","geo":{
                         "kind":"dns#rRSetRoutingPolicyGeoPolicy","items":[
                           {"kind":"dns#rRSetRoutingPolicyGeoPolicyGeoPolicyItem",
                            "location":"europe-west1","rrdatas":["192.0.2.10"]},
                           {"kind":"dns#rRSetRoutingPolicyGeoPolicyGeoPolicyItem",
                            "location":"us-east1","rrdatas":["192.0.2.20","192.0.2.21"]}]}}}],
                     "additions":[{"name":"app.example.test.","type":"A","ttl":30,
                       "routingPolicy":{"geo":{"items":[
                         {"location":"europe-west1","rrdatas":["192.0.2.10"]}]}}}]}
                    """)));
  }

  private void changeFailsOnceThenSucceeds(int status, String reason) {
    server.stubFor(
        post(urlPathEqualTo(CHANGES))
            .inScenario("change")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        """
                        {"error":{"code":%d,"message":"rejected",
                          "errors":[{"domain":"global","reason":"%s","message":"rejected"}]}}
                        """
                            .formatted(status, reason)))
            .willSetStateTo("accepted"));
    server.stubFor(
        post(urlPathEqualTo(CHANGES))
            .inScenario("change")
            .whenScenarioStateIs("accepted")
            .willReturn(okJson("{\"id\":\"8\",\"status\":\"done\"}")));
  }

  @Test
  void preconditionFailedReReadsThenSucceeds() throws Exception {
    rrsets("app.example.test.", app("192.0.2.1"));
    rrsets("_dnsfailover.app.example.test.", "{}");
    changeFailsOnceThenSucceeds(412, "conditionNotMet");
    RecordSet listed = readApp();

    ApplyResult result =
        provider.apply(ZONE, List.of(new Change.Update(listed, listed.withTtl(60), "longer ttl")));

    assertThat(result.writeCalls()).isEqualTo(2);
    server.verify(
        2,
        postRequestedFor(urlPathEqualTo(CHANGES))
            .withRequestBody(
                equalToJson(
                    """
                    {"deletions":[{"name":"app.example.test.","type":"A","ttl":30,
                                   "rrdatas":["192.0.2.1"],"kind":"dns#resourceRecordSet"}],
                     "additions":[{"name":"app.example.test.","type":"A","ttl":60,
                                   "rrdatas":["192.0.2.1"]}]}
                    """)));
    server.verify(
        2,
        getRequestedFor(urlPathEqualTo(RRSETS))
            .withQueryParam("name", equalTo("app.example.test.")));
  }

  @Test
  void alreadyExistsReReadsThenSucceeds() throws Exception {
    rrsets("app.example.test.", "{}");
    rrsets("_dnsfailover.app.example.test.", "{}");
    changeFailsOnceThenSucceeds(409, "alreadyExists");
    RecordSet app =
        RecordSet.of(DnsName.of("app.example.test."), RecordType.A, 30, List.of("192.0.2.1"));

    ApplyResult result = provider.apply(ZONE, List.of(new Change.Create(app, "new")));

    assertThat(result.writeCalls()).isEqualTo(2);
  }

  @Test
  void throttlingHonoursRetryAfter() throws Exception {
    server.stubFor(
        post(urlPathEqualTo(CHANGES))
            .inScenario("change")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "3")
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"code\":429,\"message\":\"slow down\",\"errors\":"
                            + "[{\"reason\":\"rateLimitExceeded\"}]}}"))
            .willSetStateTo("accepted"));
    server.stubFor(
        post(urlPathEqualTo(CHANGES))
            .inScenario("change")
            .whenScenarioStateIs("accepted")
            .willReturn(okJson("{\"id\":\"9\",\"status\":\"done\"}")));
    RecordSet app =
        RecordSet.of(DnsName.of("app.example.test."), RecordType.A, 30, List.of("192.0.2.1"));

    ApplyResult result = provider.apply(ZONE, List.of(new Change.Create(app, "new")));

    assertThat(result.writeCalls()).isEqualTo(2);
    assertThat(pacer.sleeps()).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void aServerErrorOnAChangeReReadsAndDoesNotPostAgainWhenItWasApplied() throws Exception {
    rrsets("app.example.test.", app("192.0.2.1"));
    rrsets("_dnsfailover.app.example.test.", "{}");
    server.stubFor(
        post(urlPathEqualTo(CHANGES))
            .willReturn(aResponse().withStatus(503).withBody("unavailable")));
    RecordSet app =
        RecordSet.of(DnsName.of("app.example.test."), RecordType.A, 30, List.of("192.0.2.1"));

    ApplyResult result = provider.apply(ZONE, List.of(new Change.Create(app, "new")));

    assertThat(result.applied()).hasSize(1);
    server.verify(1, postRequestedFor(urlPathEqualTo(CHANGES)));
  }

  @Test
  void forbiddenIsAnAuthFailureWithTheApiMessage() {
    server.stubFor(
        post(urlPathEqualTo(CHANGES))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"code\":403,\"message\":\"Forbidden\",\"errors\":"
                            + "[{\"reason\":\"forbidden\",\"message\":\"Forbidden\"}]}}")));
    RecordSet app =
        RecordSet.of(DnsName.of("app.example.test."), RecordType.A, 30, List.of("192.0.2.1"));

    assertThatThrownBy(() -> provider.apply(ZONE, List.of(new Change.Create(app, "new"))))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTH))
        .hasMessageContaining("403 forbidden: Forbidden");
  }
}

package io.dnsfailover.provider.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpPipeline;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.resources.fluentcore.utils.HttpPipelineProvider;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.dnsfailover.spi.ApplyResult;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.spi.ZoneContents;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SDK wiring against WireMock speaking Azure DNS's REST wire format (api-version 2018-05-01):
 * the requests the provider sends (paths, query, If-Match / If-None-Match, JSON bodies) and how it
 * takes Azure's answers (paging, 412, 429 with Retry-After, a Retry-After longer than the provider
 * waits, 5xx, 404 on delete, errors). Waits are asserted by the requests WireMock received, never
 * by elapsed time.
 *
 * <p>WireMock serves plain HTTP on loopback, so the pipeline here is the production one (same retry
 * policy and HTTP client) built without a credential: the bearer-token policy refuses non-HTTPS
 * URLs. The authenticated path over HTTPS is covered end to end in the CLI's AzureEndToEndIT.
 */
class AzureWireTest {

  private static final String API_VERSION = "2018-05-01";
  private static final String ZONE_PATH =
      "/subscriptions/sub-1/resourceGroups/rg-dns/providers/Microsoft.Network/dnsZones/example.test";
  private static final DnsName ZONE_NAME = DnsName.of("example.test.");
  private static final Zone ZONE = new Zone(ZONE_NAME, "azure");

  @RegisterExtension
  static final WireMockExtension ARM =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  private AzureDnsProvider provider;

  private final RecordSet app = a("app", "192.0.2.10");
  private final RecordSet appFailedOver = a("app", "192.0.2.20");

  @BeforeEach
  void setUp() {
    AzureSettings settings =
        new AzureSettings(
            "sub-1",
            "rg-dns",
            AzureSettings.Cloud.AZURE_CLOUD,
            Optional.of(URI.create(ARM.baseUrl())));
    AzureProfile profile = settings.profile();
    HttpPipeline withoutCredential =
        HttpPipelineProvider.buildHttpPipeline(
            null,
            profile,
            null,
            new HttpLogOptions(),
            null,
            AzureClients.retryPolicy(
                new ExponentialBackoffOptions()
                    .setBaseDelay(Duration.ofMillis(10))
                    .setMaxDelay(Duration.ofMillis(40))),
            null,
            AzureClients.httpClient());
    provider = new AzureDnsProvider(AzureClients.recordSets(withoutCredential, profile, "rg-dns"));
  }

  @Test
  void listingFollowsNextLinkAndKeepsOnlyTheKeysAskedFor() throws Exception {
    String nextLink =
        ARM.baseUrl() + ZONE_PATH + "/recordsets?api-version=" + API_VERSION + "&$skiptoken=page2";
    ARM.stubFor(
        get(urlPathEqualTo(ZONE_PATH + "/recordsets"))
            .withQueryParam("api-version", equalTo(API_VERSION))
            .withQueryParam("$skiptoken", absent())
            .willReturn(
                okJson(
                    page(
                        nextLink,
                        recordSet(
                            "@", "NS", "e0", 172800, "\"NSRecords\":[{\"nsdname\":\"ns1.\"}]"),
                        recordSet("app", "A", "e1", 30, aRecords("192.0.2.10")),
                        recordSet("other", "A", "e2", 3600, aRecords("198.51.100.7"))))));
    ARM.stubFor(
        get(urlPathEqualTo(ZONE_PATH + "/recordsets"))
            .withQueryParam("api-version", equalTo(API_VERSION))
            .withQueryParam("$skiptoken", equalTo("page2"))
            .willReturn(
                okJson(
                    page(
                        null,
                        recordSet(
                            "_dnsfailover.app",
                            "TXT",
                            "e3",
                            30,
                            "\"TXTRecords\":[{\"value\":[\"heritage=dnsfailover,\",\"owner=prod\"]}]"),
                        recordSet(
                            "v6",
                            "AAAA",
                            "e4",
                            30,
                            "\"AAAARecords\":[{\"ipv6Address\":\"2001:0db8:0:0:0:0:0:0001\"}]"),
                        recordSet(
                            "www",
                            "CNAME",
                            "e5",
                            30,
                            "\"CNAMERecord\":{\"cname\":\"app.example.test\"}")))));
    RecordSet marker =
        RecordSet.of(
            name("app").markerName(),
            RecordType.TXT,
            30,
            List.of("heritage=dnsfailover,owner=prod"));
    RecordSet v6 = RecordSet.of(name("v6"), RecordType.AAAA, 30, List.of("2001:db8::1"));
    RecordSet www = RecordSet.of(name("www"), RecordType.CNAME, 30, List.of("app.example.test."));

    List<RecordSet> listed =
        provider.records(
            ZONE,
            Set.of(
                app.key(),
                marker.key(),
                v6.key(),
                www.key(),
                new RecordKey(name("absent"), RecordType.A)));

    assertThat(listed).containsExactly(marker, app, v6, www);
    assertThat(ARM.findAll(getRequestedFor(urlPathEqualTo(ZONE_PATH + "/recordsets")))).hasSize(2);
  }

  @Test
  void contentsNamesTheTypesTheToolDoesNotManageAtTheNamesAskedFor() throws Exception {
    stubListing(
        recordSet("@", "NS", "e0", 172800, "\"NSRecords\":[{\"nsdname\":\"ns1.\"}]"),
        recordSet("app", "A", "e1", 30, aRecords("192.0.2.10")),
        recordSet(
            "app",
            "MX",
            "e2",
            30,
            "\"MXRecords\":[{\"preference\":10,\"exchange\":\"mail.example.test\"}]"),
        recordSet(
            "other",
            "MX",
            "e3",
            30,
            "\"MXRecords\":[{\"preference\":10,\"exchange\":\"mail.example.test\"}]"));

    ZoneContents contents =
        provider.contents(ZONE, Set.of(app.key(), new RecordKey(ZONE_NAME, RecordType.CNAME)));

    assertThat(contents.recordSets()).containsExactly(app);
    assertThat(contents.otherTypes()).containsOnlyKeys(name("app"), ZONE_NAME);
    assertThat(contents.otherTypesAt(name("app"))).containsExactly("MX");
    assertThat(contents.otherTypesAt(ZONE_NAME)).containsExactly("NS");
  }

  @Test
  void createIsOnePutWithIfNoneMatchAndTheRecordSetAsJson() throws Exception {
    stubEmptyListing();
    ARM.stubFor(
        put(urlPathEqualTo(ZONE_PATH + "/A/app"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(recordSet("app", "A", "new-etag", 30, aRecords("192.0.2.10")))));
    provider.records(ZONE, Set.of(app.key()));

    ApplyResult result = provider.apply(ZONE, List.of(new Change.Create(app, "new")));

    assertThat(result.writeCalls()).isEqualTo(1);
    LoggedRequest request = only(putRequestedFor(urlPathEqualTo(ZONE_PATH + "/A/app")));
    assertThat(request.queryParameter("api-version").firstValue()).isEqualTo(API_VERSION);
    assertThat(request.getHeader("If-None-Match")).isEqualTo("*");
    assertThat(request.containsHeader("If-Match")).isFalse();
    assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    assertThat(request.containsHeader("Authorization")).isFalse();
    assertJson(
        request, "{\"properties\":{\"TTL\":30,\"ARecords\":[{\"ipv4Address\":\"192.0.2.10\"}]}}");
  }

  @Test
  void txtAndCnameBodiesUseAzureFieldNames() throws Exception {
    stubEmptyListing();
    String text = "x".repeat(300);
    RecordSet txt = RecordSet.of(name("t"), RecordType.TXT, 60, List.of(text));
    RecordSet www = RecordSet.of(name("www"), RecordType.CNAME, 60, List.of("app.example.net."));
    ARM.stubFor(
        put(urlPathEqualTo(ZONE_PATH + "/TXT/t"))
            .willReturn(
                okJson(
                    recordSet(
                        "t",
                        "TXT",
                        "t1",
                        60,
                        "\"TXTRecords\":[{\"value\":[\""
                            + "x".repeat(255)
                            + "\",\""
                            + "x".repeat(45)
                            + "\"]}]"))));
    ARM.stubFor(
        put(urlPathEqualTo(ZONE_PATH + "/CNAME/www"))
            .willReturn(
                okJson(
                    recordSet(
                        "www",
                        "CNAME",
                        "c1",
                        60,
                        "\"CNAMERecord\":{\"cname\":\"app.example.net\"}"))));
    provider.records(ZONE, Set.of(txt.key(), www.key()));

    provider.apply(ZONE, List.of(new Change.Create(txt, "t"), new Change.Create(www, "www")));

    assertJson(
        only(putRequestedFor(urlPathEqualTo(ZONE_PATH + "/TXT/t"))),
        "{\"properties\":{\"TTL\":60,\"TXTRecords\":[{\"value\":[\""
            + "x".repeat(255)
            + "\",\""
            + "x".repeat(45)
            + "\"]}]}}");
    assertJson(
        only(putRequestedFor(urlPathEqualTo(ZONE_PATH + "/CNAME/www"))),
        "{\"properties\":{\"TTL\":60,\"CNAMERecord\":{\"cname\":\"app.example.net\"}}}");
  }

  @Test
  void updateSendsIfMatchAndOn412ReadsAgainAndRetriesWithTheNewEtag() throws Exception {
    stubListing(recordSet("app", "A", "etag-1", 30, aRecords("192.0.2.10")));
    ARM.stubFor(
        put(urlPathEqualTo(ZONE_PATH + "/A/app"))
            .withHeader("If-Match", equalTo("etag-1"))
            .willReturn(error(412, "PreconditionFailed", "The etag does not match.")));
    ARM.stubFor(
        get(urlPathEqualTo(ZONE_PATH + "/A/app"))
            .willReturn(okJson(recordSet("app", "A", "etag-2", 30, aRecords("192.0.2.10")))));
    ARM.stubFor(
        put(urlPathEqualTo(ZONE_PATH + "/A/app"))
            .withHeader("If-Match", equalTo("etag-2"))
            .willReturn(okJson(recordSet("app", "A", "etag-3", 30, aRecords("192.0.2.20")))));
    List<RecordSet> listed = provider.records(ZONE, Set.of(app.key()));

    ApplyResult result =
        provider.apply(ZONE, List.of(new Change.Update(listed.getFirst(), appFailedOver, "down")));

    assertThat(result.applied()).hasSize(1);
    assertThat(result.writeCalls()).isEqualTo(2);
    List<LoggedRequest> puts = ARM.findAll(putRequestedFor(urlPathEqualTo(ZONE_PATH + "/A/app")));
    assertThat(puts).extracting(r -> r.getHeader("If-Match")).containsExactly("etag-1", "etag-2");
    assertThat(puts).allSatisfy(r -> assertThat(r.containsHeader("If-None-Match")).isFalse());
    assertJson(
        puts.get(1),
        "{\"properties\":{\"TTL\":30,\"ARecords\":[{\"ipv4Address\":\"192.0.2.20\"}]}}");
    assertThat(ARM.findAll(getRequestedFor(urlPathEqualTo(ZONE_PATH + "/A/app")))).hasSize(1);
  }

  @Test
  void a412WhereTheRecordNowHoldsSomethingElseIsAConflict() throws Exception {
    stubListing(recordSet("app", "A", "etag-1", 30, aRecords("192.0.2.10")));
    ARM.stubFor(
        put(urlPathEqualTo(ZONE_PATH + "/A/app"))
            .willReturn(error(412, "PreconditionFailed", "The etag does not match.")));
    ARM.stubFor(
        get(urlPathEqualTo(ZONE_PATH + "/A/app"))
            .willReturn(okJson(recordSet("app", "A", "etag-9", 30, aRecords("203.0.113.9")))));
    List<RecordSet> listed = provider.records(ZONE, Set.of(app.key()));

    assertThatThrownBy(
            () ->
                provider.apply(
                    ZONE, List.of(new Change.Update(listed.getFirst(), appFailedOver, "down"))))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ProviderException.Kind.CONFLICT);
              assertThat(e.getMessage()).contains("203.0.113.9");
            });
    assertThat(ARM.findAll(putRequestedFor(urlPathEqualTo(ZONE_PATH + "/A/app")))).hasSize(1);
  }

  @Test
  void aSmallRetryAfterIsHonouredAndTheWriteRetried() throws Exception {
    stubEmptyListing();
    stubPutThrottledOnceThenAllowed(
        error(429, "TooManyRequests", "Too many requests.").withHeader("Retry-After", "1"));
    provider.records(ZONE, Set.of(app.key()));

    ApplyResult result = provider.apply(ZONE, List.of(new Change.Create(app, "new")));

    assertThat(result.applied()).hasSize(1);
    List<LoggedRequest> puts = ARM.findAll(putRequestedFor(urlPathEqualTo(ZONE_PATH + "/A/app")));
    assertThat(puts).hasSize(2);
    assertThat(puts).allSatisfy(r -> assertThat(r.getHeader("If-None-Match")).isEqualTo("*"));
  }

  @Test
  void aRetryAfterLongerThanTheCapIsNotRetriedAndTheErrorSaysHowLongAzureAsked() throws Exception {
    stubEmptyListing();
    stubPutThrottledOnceThenAllowed(
        error(429, "TooManyRequests", "Too many requests.").withHeader("Retry-After", "3600"));
    provider.records(ZONE, Set.of(app.key()));

    assertThatThrownBy(() -> provider.apply(ZONE, List.of(new Change.Create(app, "new"))))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ProviderException.Kind.TRANSIENT);
              assertThat(e.getMessage())
                  .contains(
                      "creating record set app A in zone example.test: HTTP 429 TooManyRequests:"
                          + " Too many requests. Azure asked to wait 3600 s (Retry-After: 3600)"
                          + " before trying again; the provider waits at most 8 s, so it did not"
                          + " retry",
                      "Applied 0 of 1 changes");
            });
    assertThat(ARM.findAll(putRequestedFor(urlPathEqualTo(ZONE_PATH + "/A/app"))))
        .as("no retry inside the call")
        .hasSize(1);

    // The next reconcile lists and writes again, and this time Azure takes the write.
    provider.records(ZONE, Set.of(app.key()));
    assertThat(provider.apply(ZONE, List.of(new Change.Create(app, "new"))).applied()).hasSize(1);
    assertThat(ARM.findAll(putRequestedFor(urlPathEqualTo(ZONE_PATH + "/A/app")))).hasSize(2);
  }

  @Test
  void aServerErrorAskingForALongWaitInMillisecondsIsNotRetriedEither() {
    ARM.stubFor(
        get(urlPathEqualTo(ZONE_PATH + "/recordsets"))
            .willReturn(
                error(503, "ServiceUnavailable", "Try again later")
                    .withHeader("x-ms-retry-after-ms", "600000")));

    assertThatThrownBy(() -> provider.records(ZONE, Set.of(app.key())))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ProviderException.Kind.TRANSIENT);
              assertThat(e.getMessage())
                  .contains(
                      "HTTP 503 ServiceUnavailable: Try again later. Azure asked to wait 600 s"
                          + " (x-ms-retry-after-ms: 600000) before trying again");
            });
    assertThat(ARM.findAll(getRequestedFor(urlPathEqualTo(ZONE_PATH + "/recordsets")))).hasSize(1);
  }

  @Test
  void aRetryAfterDateAnHourAheadIsNotRetried() {
    String inAnHour =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).withNano(0));
    ARM.stubFor(
        get(urlPathEqualTo(ZONE_PATH + "/recordsets"))
            .willReturn(
                error(429, "TooManyRequests", "Too many requests.")
                    .withHeader("Retry-After", inAnHour)));

    assertThatThrownBy(() -> provider.records(ZONE, Set.of(app.key())))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e ->
                assertThat(e.getMessage())
                    .contains(
                        "HTTP 429", "Azure asked to wait", "(Retry-After: " + inAnHour + ")"));
    assertThat(ARM.findAll(getRequestedFor(urlPathEqualTo(ZONE_PATH + "/recordsets")))).hasSize(1);
  }

  @Test
  void shortWaitsStillStopAfterTheRetryBudget() {
    ARM.stubFor(
        get(urlPathEqualTo(ZONE_PATH + "/recordsets"))
            .willReturn(
                error(429, "TooManyRequests", "Too many requests.")
                    .withHeader("Retry-After", "0")));

    assertThatThrownBy(() -> provider.records(ZONE, Set.of(app.key())))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ProviderException.Kind.TRANSIENT);
              assertThat(e.getMessage())
                  .contains("HTTP 429 TooManyRequests")
                  .doesNotContain("asked to wait");
            });
    assertThat(ARM.findAll(getRequestedFor(urlPathEqualTo(ZONE_PATH + "/recordsets"))))
        .hasSize(1 + AzureClients.MAX_RETRIES);
  }

  @Test
  void serverErrorsAreRetriedWithBackoffThenReportedAsTransient() throws Exception {
    ARM.stubFor(
        get(urlPathEqualTo(ZONE_PATH + "/recordsets"))
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(error(503, "ServiceUnavailable", "Try again."))
            .willSetStateTo("second"));
    ARM.stubFor(
        get(urlPathEqualTo(ZONE_PATH + "/recordsets"))
            .inScenario("flaky")
            .whenScenarioStateIs("second")
            .willReturn(error(500, "InternalServerError", "Oops."))
            .willSetStateTo("healthy"));
    ARM.stubFor(
        get(urlPathEqualTo(ZONE_PATH + "/recordsets"))
            .inScenario("flaky")
            .whenScenarioStateIs("healthy")
            .willReturn(
                okJson(page(null, recordSet("app", "A", "e1", 30, aRecords("192.0.2.10"))))));

    assertThat(provider.records(ZONE, Set.of(app.key()))).containsExactly(app);
    assertThat(ARM.findAll(getRequestedFor(urlPathEqualTo(ZONE_PATH + "/recordsets")))).hasSize(3);

    ARM.resetAll();
    ARM.stubFor(
        get(urlPathEqualTo(ZONE_PATH + "/recordsets"))
            .willReturn(error(503, "ServiceUnavailable", "Still down.")));
    assertThatThrownBy(() -> provider.records(ZONE, Set.of(app.key())))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ProviderException.Kind.TRANSIENT);
              assertThat(e.getMessage()).contains("HTTP 503", "ServiceUnavailable");
            });
    assertThat(ARM.findAll(getRequestedFor(urlPathEqualTo(ZONE_PATH + "/recordsets"))))
        .hasSize(1 + AzureClients.MAX_RETRIES);
  }

  @Test
  void deleteSendsIfMatchAndTreats404AsDone() throws Exception {
    stubListing(recordSet("app", "A", "etag-1", 30, aRecords("192.0.2.10")));
    ARM.stubFor(
        delete(urlPathEqualTo(ZONE_PATH + "/A/app"))
            .willReturn(error(404, "NotFound", "The resource record 'app' does not exist.")));
    List<RecordSet> listed = provider.records(ZONE, Set.of(app.key()));

    ApplyResult result =
        provider.apply(ZONE, List.of(new Change.Delete(listed.getFirst(), "gone")));

    assertThat(result.applied()).hasSize(1);
    LoggedRequest request = only(deleteRequestedFor(urlPathEqualTo(ZONE_PATH + "/A/app")));
    assertThat(request.getHeader("If-Match")).isEqualTo("etag-1");
    assertThat(request.queryParameter("api-version").firstValue()).isEqualTo(API_VERSION);
  }

  @Test
  void deleteAnswered204IsDone() throws Exception {
    stubListing(recordSet("app", "A", "etag-1", 30, aRecords("192.0.2.10")));
    ARM.stubFor(
        delete(urlPathEqualTo(ZONE_PATH + "/A/app")).willReturn(aResponse().withStatus(204)));
    List<RecordSet> listed = provider.records(ZONE, Set.of(app.key()));

    assertThat(
            provider.apply(ZONE, List.of(new Change.Delete(listed.getFirst(), "gone"))).applied())
        .hasSize(1);
  }

  @Test
  void errorsMapToKindsWithAzuresMessage() {
    assertListingFails(401, "AuthenticationFailed", ProviderException.Kind.AUTH);
    assertListingFails(403, "AuthorizationFailed", ProviderException.Kind.AUTH);
    assertListingFails(404, "ResourceNotFound", ProviderException.Kind.NOT_FOUND);
    assertListingFails(400, "BadRequest", ProviderException.Kind.INVALID);
  }

  private void assertListingFails(int status, String code, ProviderException.Kind kind) {
    ARM.resetAll();
    ARM.stubFor(
        get(urlPathEqualTo(ZONE_PATH + "/recordsets"))
            .willReturn(error(status, code, "message for " + status)));
    assertThatThrownBy(() -> provider.records(ZONE, Set.of(app.key())))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(kind);
              assertThat(e.getMessage())
                  .contains("HTTP " + status, code, "message for " + status, "example.test");
            });
    assertThat(ARM.findAll(getRequestedFor(urlPathEqualTo(ZONE_PATH + "/recordsets"))))
        .as("no retry for %s", status)
        .hasSize(1);
  }

  /** The first PUT of app/A gets {@code throttled}, every later one succeeds. */
  private static void stubPutThrottledOnceThenAllowed(
      com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder throttled) {
    ARM.stubFor(
        put(urlPathEqualTo(ZONE_PATH + "/A/app"))
            .inScenario("throttled")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(throttled)
            .willSetStateTo("allowed"));
    ARM.stubFor(
        put(urlPathEqualTo(ZONE_PATH + "/A/app"))
            .inScenario("throttled")
            .whenScenarioStateIs("allowed")
            .willReturn(okJson(recordSet("app", "A", "e1", 30, aRecords("192.0.2.10")))));
  }

  private void stubEmptyListing() {
    stubListing();
  }

  private void stubListing(String... recordSets) {
    ARM.stubFor(
        get(urlPathEqualTo(ZONE_PATH + "/recordsets"))
            .withQueryParam("api-version", equalTo(API_VERSION))
            .willReturn(okJson(page(null, recordSets))));
  }

  private static LoggedRequest only(
      com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) {
    List<LoggedRequest> requests = ARM.findAll(pattern);
    assertThat(requests).hasSize(1);
    return requests.getFirst();
  }

  private static void assertJson(LoggedRequest request, String expected) {
    assertThat(equalToJson(expected).match(request.getBodyAsString()).isExactMatch())
        .as("body %s is %s", request.getBodyAsString(), expected)
        .isTrue();
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(
      int status, String code, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
  }

  static String page(String nextLink, String... recordSets) {
    return "{\"value\":["
        + String.join(",", recordSets)
        + "]"
        + (nextLink == null ? "" : ",\"nextLink\":\"" + nextLink + "\"")
        + "}";
  }

  static String recordSet(String name, String type, String etag, long ttl, String records) {
    String fqdn = name.equals("@") ? "example.test." : name + ".example.test.";
    return "{\"id\":\""
        + ZONE_PATH.replace("dnsZones", "dnszones")
        + "/"
        + type
        + "/"
        + name
        + "\",\"name\":\""
        + name
        + "\",\"type\":\"Microsoft.Network/dnszones/"
        + type
        + "\",\"etag\":\""
        + etag
        + "\",\"properties\":{\"fqdn\":\""
        + fqdn
        + "\",\"TTL\":"
        + ttl
        + ","
        + records
        + ",\"provisioningState\":\"Succeeded\"}}";
  }

  static String aRecords(String... addresses) {
    StringBuilder json = new StringBuilder("\"ARecords\":[");
    for (int i = 0; i < addresses.length; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"ipv4Address\":\"")
          .append(addresses[i])
          .append("\"}");
    }
    return json.append(']').toString();
  }

  private static DnsName name(String label) {
    return DnsName.resolve(label, ZONE_NAME);
  }

  private static RecordSet a(String label, String... values) {
    return RecordSet.of(name(label), RecordType.A, 30, List.of(values));
  }
}

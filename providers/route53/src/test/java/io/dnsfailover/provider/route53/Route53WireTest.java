package io.dnsfailover.provider.route53;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToXml;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.dnsfailover.provider.route53.Route53Xml.changeInfo;
import static io.dnsfailover.provider.route53.Route53Xml.error;
import static io.dnsfailover.provider.route53.Route53Xml.recordSetsPage;
import static io.dnsfailover.provider.route53.Route53Xml.simple;
import static io.dnsfailover.provider.route53.Route53Xml.weighted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.dnsfailover.spi.ApplyResult;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.Location;
import io.dnsfailover.spi.ProviderConfig;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.ProviderException.Kind;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.WeightedValue;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.testkit.FakeClock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The SDK wiring against WireMock on 127.0.0.1 speaking Route 53's REST/XML API (2013-04-01):
 * requests matched on path, query and XML body, answers and errors in the documented XML. Time is a
 * fake: backoff and the limiter never sleep for real.
 */
class Route53WireTest {

  static final String ZONE_ID = "Z0WIRE";
  static final String RRSET = "/2013-04-01/hostedzone/" + ZONE_ID + "/rrset";
  static final Zone ZONE = new Zone(DnsName.of("example.test."), "aws");
  static final DnsName APP = DnsName.of("app.example.test.");
  static final RecordKey APP_A = new RecordKey(APP, RecordType.A);
  static final RecordKey APP_MARKER = RecordKey.markerFor(APP);
  static final String MARKER_TEXT = "heritage=dnsfailover,owner=prod";

  private WireMockServer wire;
  private FakeClock ticker;

  @BeforeEach
  void start() {
    wire =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    wire.start();
    ticker = new FakeClock();
  }

  @AfterEach
  void stop() {
    wire.stop();
  }

  /** Loopback by address, never a name that could resolve elsewhere. */
  private String baseUrl() {
    return "http://127.0.0.1:" + wire.port();
  }

  private Route53Settings settings() {
    return settings(Map.of());
  }

  /** The hosted zone pinned and the endpoint on WireMock, plus {@code keys}. */
  private Route53Settings settings(Map<String, Object> keys) {
    Map<String, Object> all = new HashMap<>(keys);
    all.put("hostedZoneId", ZONE_ID);
    all.put("endpoint", baseUrl());
    return TestSettings.parse(all);
  }

  private Route53Provider provider(Route53Settings settings) {
    return new Route53Provider(
        settings,
        new SdkRoute53Api(
            settings, StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))),
        new Route53Calls(
            new RateLimiter(settings.maxRequestsPerSecond(), ticker),
            ticker,
            new SplittableRandom(3),
            settings.maxRetries()));
  }

  private static MappingBuilder firstPage() {
    return get(urlPathEqualTo(RRSET))
        .withQueryParam("maxitems", equalTo("300"))
        .withQueryParam("name", absent());
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(
      int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(body);
  }

  private void stubSimpleApp() {
    wire.stubFor(
        firstPage()
            .willReturn(
                xml(
                    200,
                    recordSetsPage(
                        List.of(
                            simple("example.test.", "SOA", 900, "ns-1.awsdns-01.org. h. 1 2 3 4 5"),
                            simple("app.example.test.", "A", 20, "192.0.2.10"),
                            simple(
                                "_dnsfailover.app.example.test.",
                                "TXT",
                                20,
                                "\"" + MARKER_TEXT + "\""))))));
  }

  @Test
  void readsAllThreePagesFollowingNextRecordNameTypeAndIdentifier() throws Exception {
    wire.stubFor(
        firstPage()
            .willReturn(
                xml(
                    200,
                    recordSetsPage(
                        List.of(
                            simple("example.test.", "SOA", 900, "ns-1.awsdns-01.org. h. 1 2 3 4 5"),
                            simple("example.test.", "NS", 172800, "ns-1.awsdns-01.org."),
                            weighted("app.example.test.", "A", "blue", 200, 30, "192.0.2.10")),
                        "app.example.test.",
                        "A",
                        "green"))));
    wire.stubFor(
        get(urlPathEqualTo(RRSET))
            .withQueryParam("name", equalTo("app.example.test."))
            .withQueryParam("type", equalTo("A"))
            .withQueryParam("identifier", equalTo("green"))
            .willReturn(
                xml(
                    200,
                    recordSetsPage(
                        List.of(weighted("app.example.test.", "A", "green", 55, 30, "192.0.2.20")),
                        "text.example.test.",
                        "TXT"))));
    wire.stubFor(
        get(urlPathEqualTo(RRSET))
            .withQueryParam("name", equalTo("text.example.test."))
            .withQueryParam("type", equalTo("TXT"))
            .withQueryParam("identifier", absent())
            .willReturn(
                xml(
                    200,
                    recordSetsPage(
                        List.of(
                            simple("text.example.test.", "TXT", 60, "\"part one \" \"part two\""),
                            simple("\\052.example.test.", "A", 60, "192.0.2.99"))))));
    RecordKey text = new RecordKey(DnsName.of("text.example.test."), RecordType.TXT);
    RecordKey wildcard = new RecordKey(DnsName.of("*.example.test."), RecordType.A);

    List<RecordSet> read = provider(settings()).records(ZONE, Set.of(APP_A, text, wildcard));

    assertThat(read)
        .containsExactlyInAnyOrder(
            RecordSet.weighted(
                APP,
                RecordType.A,
                30,
                List.of(
                    new WeightedValue("blue", "192.0.2.10", 200),
                    new WeightedValue("green", "192.0.2.20", 55))),
            RecordSet.of(text.name(), RecordType.TXT, 60, List.of("part one part two")),
            RecordSet.of(wildcard.name(), RecordType.A, 60, List.of("192.0.2.99")));
    wire.verify(3, getRequestedFor(urlPathEqualTo(RRSET)));
    assertThat(wire.getAllServeEvents()).hasSize(3);
  }

  @Test
  void throttlingIsRetriedByTheProviderNotBySdk() throws Exception {
    wire.stubFor(
        firstPage()
            .inScenario("throttle")
            .whenScenarioStateIs(STARTED)
            .willReturn(xml(400, error("Sender", "Throttling", "Rate exceeded")))
            .willSetStateTo("calm"));
    wire.stubFor(
        firstPage()
            .inScenario("throttle")
            .whenScenarioStateIs("calm")
            .willReturn(
                xml(
                    200,
                    recordSetsPage(List.of(simple("app.example.test.", "A", 20, "192.0.2.10"))))));

    List<RecordSet> read = provider(settings()).records(ZONE, Set.of(APP_A));

    assertThat(read).containsExactly(RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.10")));
    wire.verify(2, getRequestedFor(urlPathEqualTo(RRSET)));
  }

  @Test
  void withoutRetriesOneThrottledRequestIsOneRequestAndTransient() {
    wire.stubFor(firstPage().willReturn(xml(400, error("Sender", "Throttling", "Rate exceeded"))));

    assertThatThrownBy(
            () -> provider(settings(Map.of("maxRetries", 0))).records(ZONE, Set.of(APP_A)))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TRANSIENT))
        .hasMessageContaining("Throttling: Rate exceeded (HTTP 400, request id 0f1e2d3c");
    wire.verify(1, getRequestedFor(urlPathEqualTo(RRSET)));
  }

  @Test
  void priorRequestNotCompleteIsRetriedThenTheBatchSucceeds() throws Exception {
    wire.stubFor(
        post(urlPathEqualTo(RRSET + "/"))
            .inScenario("prior")
            .whenScenarioStateIs(STARTED)
            .willReturn(
                xml(
                    400,
                    error(
                        "Sender",
                        "PriorRequestNotComplete",
                        "The request was rejected because Route 53 was still processing a prior"
                            + " request.")))
            .willSetStateTo("done"));
    wire.stubFor(
        post(urlPathEqualTo(RRSET + "/"))
            .inScenario("prior")
            .whenScenarioStateIs("done")
            .willReturn(xml(200, changeInfo("ChangeResourceRecordSetsResponse", "C1", "PENDING"))));
    RecordSet app = RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.10"));

    ApplyResult result = provider(settings()).apply(ZONE, List.of(new Change.Create(app, "new")));

    assertThat(result.writeCalls()).isEqualTo(2);
    wire.verify(2, postRequestedFor(urlPathEqualTo(RRSET + "/")));
  }

  @Test
  void serverErrorsAreRetried() throws Exception {
    wire.stubFor(
        firstPage()
            .inScenario("5xx")
            .whenScenarioStateIs(STARTED)
            .willReturn(xml(503, error("Receiver", "ServiceUnavailable", "try again")))
            .willSetStateTo("up"));
    wire.stubFor(
        firstPage()
            .inScenario("5xx")
            .whenScenarioStateIs("up")
            .willReturn(xml(200, recordSetsPage(List.of()))));

    assertThat(provider(settings()).records(ZONE, Set.of(APP_A))).isEmpty();
    wire.verify(2, getRequestedFor(urlPathEqualTo(RRSET)));
  }

  @Test
  void accessDeniedIsAnAuthFailureAndNotRetried() {
    wire.stubFor(
        firstPage()
            .willReturn(
                xml(
                    403,
                    error(
                        "Sender",
                        "AccessDenied",
                        "User: arn:aws:sts::123456789012:assumed-role/x is not authorized to"
                            + " perform: route53:ListResourceRecordSets"))));

    assertThatThrownBy(() -> provider(settings()).records(ZONE, Set.of(APP_A)))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTH))
        .hasMessageContaining("AccessDenied: User: arn:aws:sts::123456789012:assumed-role/x");
    wire.verify(1, getRequestedFor(urlPathEqualTo(RRSET)));
  }

  @Test
  void invalidChangeBatchReachesTheUserVerbatimWithItsRecord() throws Exception {
    stubSimpleApp();
    wire.stubFor(
        post(urlPathEqualTo(RRSET + "/"))
            .willReturn(
                xml(
                    400,
                    Route53Xml.invalidChangeBatch(
                        "RRSet of type CNAME with DNS name www.example.test. is not permitted as"
                            + " it conflicts with other records with the same DNS name in zone"
                            + " example.test."))));
    Route53Provider provider = provider(settings());
    RecordSet www =
        RecordSet.of(
            DnsName.of("www.example.test."), RecordType.CNAME, 60, List.of("app.example.test."));

    assertThatThrownBy(() -> provider.apply(ZONE, List.of(new Change.Create(www, "new alias"))))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID))
        .hasMessageContaining(
            "create www.example.test. CNAME (new alias): RRSet of type CNAME with DNS name"
                + " www.example.test. is not permitted as it conflicts with other records with the"
                + " same DNS name in zone example.test.");
    wire.verify(1, postRequestedFor(urlPathEqualTo(RRSET + "/")));
  }

  @Test
  void invalidChangeBatchAsAnErrorResponseIsUnderstoodToo() throws Exception {
    wire.stubFor(
        post(urlPathEqualTo(RRSET + "/"))
            .willReturn(
                xml(
                    400,
                    error(
                        "Sender",
                        "InvalidChangeBatch",
                        "Invalid Resource Record: 'FATAL problem: InvalidCharacterString (Value"
                            + " should be enclosed in quotation marks) encountered with 'x''"))));
    RecordSet app = RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.10"));

    assertThatThrownBy(
            () -> provider(settings()).apply(ZONE, List.of(new Change.Create(app, "new"))))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID))
        .hasMessageContaining(
            "create app.example.test. A (new): Invalid Resource Record: 'FATAL problem:"
                + " InvalidCharacterString");
  }

  @Test
  void aRejectedBatchIsAConflictOnlyWhenReadingTheZoneAgainShowsAConcurrentChange()
      throws Exception {
    wire.stubFor(
        firstPage()
            .inScenario("moved")
            .whenScenarioStateIs(STARTED)
            .willReturn(
                xml(
                    200,
                    recordSetsPage(List.of(simple("app.example.test.", "A", 20, "192.0.2.10")))))
            .willSetStateTo("read"));
    wire.stubFor(
        firstPage()
            .inScenario("moved")
            .whenScenarioStateIs("read")
            .willReturn(
                xml(
                    200,
                    recordSetsPage(List.of(simple("app.example.test.", "A", 20, "203.0.113.9"))))));
    stubRejection(
        "Tried to delete resource record set [name='app.example.test.', type='A'] but the values"
            + " provided do not match the current values");
    Route53Provider provider = provider(settings());
    RecordSet listed = provider.records(ZONE, Set.of(APP_A)).getFirst();

    assertThatThrownBy(() -> provider.apply(ZONE, List.of(new Change.Delete(listed, "retired"))))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT))
        .hasMessageContaining("delete app.example.test. A (retired): Tried to delete")
        .hasMessageContaining(
            "a concurrent change: the zone no longer holds what was read: app.example.test. A now"
                + " holds 203.0.113.9 ttl 20, the change was planned from 192.0.2.10 ttl 20");
    wire.verify(2, getRequestedFor(urlPathEqualTo(RRSET)));
  }

  @Test
  void aRejectedBatchOfAZoneThatDidNotChangeIsInvalidWithRoute53sReasonOnly() throws Exception {
    stubSimpleApp();
    stubRejection(
        "Tried to delete resource record set [name='app.example.test.', type='A'] but the values"
            + " provided do not match the current values");
    Route53Provider provider = provider(settings());
    RecordSet listed = provider.records(ZONE, Set.of(APP_A)).getFirst();

    assertThatThrownBy(() -> provider.apply(ZONE, List.of(new Change.Delete(listed, "retired"))))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID))
        .hasMessageContaining(
            "Route 53 rejected the change batch (InvalidChangeBatch), nothing was applied: delete"
                + " app.example.test. A (retired): Tried to delete resource record set")
        .hasMessageNotContaining("concurrent")
        .hasMessageNotContaining("no longer holds");
    wire.verify(2, getRequestedFor(urlPathEqualTo(RRSET)));
    wire.verify(1, postRequestedFor(urlPathEqualTo(RRSET + "/")));
  }

  private void stubRejection(String message) {
    wire.stubFor(
        post(urlPathEqualTo(RRSET + "/"))
            .willReturn(xml(400, Route53Xml.invalidChangeBatch(message))));
  }

  @Test
  void aFailoverSendsExactlyOneUpsertAfterReadingTheZoneAgain() throws Exception {
    stubSimpleApp();
    wire.stubFor(
        post(urlPathEqualTo(RRSET + "/"))
            .willReturn(xml(200, changeInfo("ChangeResourceRecordSetsResponse", "C1", "PENDING"))));
    Route53Provider provider = provider(settings());
    List<RecordSet> current = provider.records(ZONE, Set.of(APP_A, APP_MARKER));
    RecordSet listed =
        current.stream().filter(set -> set.key().equals(APP_A)).findFirst().orElseThrow();
    RecordSet backup = RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.20"));

    ApplyResult result =
        provider.apply(ZONE, List.of(new Change.Update(listed, backup, "primary down")));

    assertThat(result.writeCalls()).isEqualTo(1);
    wire.verify(2, getRequestedFor(urlPathEqualTo(RRSET)));
    wire.verify(
        1,
        postRequestedFor(urlPathEqualTo(RRSET + "/"))
            .withRequestBody(
                equalToXml(
                    """
                    <ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/">
                      <ChangeBatch>
                        <Comment>dnsfailover</Comment>
                        <Changes>
                          <Change>
                            <Action>UPSERT</Action>
                            <ResourceRecordSet>
                              <Name>app.example.test.</Name>
                              <Type>A</Type>
                              <TTL>20</TTL>
                              <ResourceRecords>
                                <ResourceRecord><Value>192.0.2.20</Value></ResourceRecord>
                              </ResourceRecords>
                            </ResourceRecordSet>
                          </Change>
                        </Changes>
                      </ChangeBatch>
                    </ChangeResourceRecordSetsRequest>
                    """)));
  }

  @Test
  void aWeightedChangeBesideAnUnrelatedFailoverSendsOnlyWhatChanges() throws Exception {
    wire.stubFor(
        firstPage()
            .willReturn(
                xml(
                    200,
                    recordSetsPage(
                        List.of(
                            simple("api.example.test.", "A", 20, "192.0.2.50"),
                            weighted("app.example.test.", "A", "blue", 100, 30, "192.0.2.10"),
                            weighted("app.example.test.", "A", "green", 100, 30, "192.0.2.20"),
                            weighted("app.example.test.", "A", "red", 50, 30, "192.0.2.30"))))));
    wire.stubFor(
        post(urlPathEqualTo(RRSET + "/"))
            .willReturn(xml(200, changeInfo("ChangeResourceRecordSetsResponse", "C4", "PENDING"))));
    Route53Provider provider = provider(settings());
    RecordKey apiA = new RecordKey(DnsName.of("api.example.test."), RecordType.A);
    List<RecordSet> current = provider.records(ZONE, Set.of(APP_A, apiA));
    RecordSet app = current.stream().filter(set -> set.key().equals(APP_A)).findFirst().get();
    RecordSet api = current.stream().filter(set -> set.key().equals(apiA)).findFirst().get();
    RecordSet redGoneGreenHeavier =
        RecordSet.weighted(
            APP,
            RecordType.A,
            30,
            List.of(
                new WeightedValue("blue", "192.0.2.10", 100),
                new WeightedValue("green", "192.0.2.20", 200)));
    RecordSet apiBackup = RecordSet.of(apiA.name(), RecordType.A, 20, List.of("192.0.2.51"));

    provider.apply(
        ZONE,
        List.of(
            new Change.Update(app, redGoneGreenHeavier, "red down"),
            new Change.Update(api, apiBackup, "primary down")));

    wire.verify(
        1,
        postRequestedFor(urlPathEqualTo(RRSET + "/"))
            .withRequestBody(
                equalToXml(
                    """
                    <ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/">
                      <ChangeBatch>
                        <Comment>dnsfailover</Comment>
                        <Changes>
                          <Change>
                            <Action>DELETE</Action>
                            <ResourceRecordSet>
                              <Name>app.example.test.</Name>
                              <Type>A</Type>
                              <SetIdentifier>red</SetIdentifier>
                              <Weight>50</Weight>
                              <TTL>30</TTL>
                              <ResourceRecords>
                                <ResourceRecord><Value>192.0.2.30</Value></ResourceRecord>
                              </ResourceRecords>
                            </ResourceRecordSet>
                          </Change>
                          <Change>
                            <Action>UPSERT</Action>
                            <ResourceRecordSet>
                              <Name>app.example.test.</Name>
                              <Type>A</Type>
                              <SetIdentifier>green</SetIdentifier>
                              <Weight>200</Weight>
                              <TTL>30</TTL>
                              <ResourceRecords>
                                <ResourceRecord><Value>192.0.2.20</Value></ResourceRecord>
                              </ResourceRecords>
                            </ResourceRecordSet>
                          </Change>
                          <Change>
                            <Action>UPSERT</Action>
                            <ResourceRecordSet>
                              <Name>api.example.test.</Name>
                              <Type>A</Type>
                              <TTL>20</TTL>
                              <ResourceRecords>
                                <ResourceRecord><Value>192.0.2.51</Value></ResourceRecord>
                              </ResourceRecords>
                            </ResourceRecordSet>
                          </Change>
                        </Changes>
                      </ChangeBatch>
                    </ChangeResourceRecordSetsRequest>
                    """)));
  }

  @Test
  void weightedRecordsAreSentAsOneWeightedSetPerEndpoint() throws Exception {
    wire.stubFor(
        post(urlPathEqualTo(RRSET + "/"))
            .willReturn(xml(200, changeInfo("ChangeResourceRecordSetsResponse", "C2", "PENDING"))));
    RecordSet weightedApp =
        RecordSet.weighted(
            APP,
            RecordType.A,
            30,
            List.of(
                new WeightedValue("primary", "192.0.2.10", 200),
                new WeightedValue("backup", "192.0.2.20", 55)));
    RecordSet marker = RecordSet.of(APP.markerName(), RecordType.TXT, 30, List.of(MARKER_TEXT));

    provider(settings())
        .apply(
            ZONE,
            List.of(new Change.Create(weightedApp, "new"), new Change.Create(marker, "marker")));

    wire.verify(
        1,
        postRequestedFor(urlPathEqualTo(RRSET + "/"))
            .withRequestBody(
                equalToXml(
                    """
                    <ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/">
                      <ChangeBatch>
                        <Comment>dnsfailover</Comment>
                        <Changes>
                          <Change>
                            <Action>CREATE</Action>
                            <ResourceRecordSet>
                              <Name>app.example.test.</Name>
                              <Type>A</Type>
                              <SetIdentifier>backup</SetIdentifier>
                              <Weight>55</Weight>
                              <TTL>30</TTL>
                              <ResourceRecords>
                                <ResourceRecord><Value>192.0.2.20</Value></ResourceRecord>
                              </ResourceRecords>
                            </ResourceRecordSet>
                          </Change>
                          <Change>
                            <Action>CREATE</Action>
                            <ResourceRecordSet>
                              <Name>app.example.test.</Name>
                              <Type>A</Type>
                              <SetIdentifier>primary</SetIdentifier>
                              <Weight>200</Weight>
                              <TTL>30</TTL>
                              <ResourceRecords>
                                <ResourceRecord><Value>192.0.2.10</Value></ResourceRecord>
                              </ResourceRecords>
                            </ResourceRecordSet>
                          </Change>
                          <Change>
                            <Action>CREATE</Action>
                            <ResourceRecordSet>
                              <Name>_dnsfailover.app.example.test.</Name>
                              <Type>TXT</Type>
                              <TTL>30</TTL>
                              <ResourceRecords>
                                <ResourceRecord><Value>"heritage=dnsfailover,owner=prod"</Value></ResourceRecord>
                              </ResourceRecords>
                            </ResourceRecordSet>
                          </Change>
                        </Changes>
                      </ChangeBatch>
                    </ChangeResourceRecordSetsRequest>
                    """)));
  }

  @Test
  void geolocationSetsAreReadAsOneGeoRecordSetAndALocationDownIsOneDeleteAsListed()
      throws Exception {
    wire.stubFor(
        firstPage()
            .willReturn(
                xml(
                    200,
                    recordSetsPage(
                        List.of(
                            Route53Xml.geo(
                                "app.example.test.",
                                "A",
                                "geo-continent-EU",
                                "<ContinentCode>EU</ContinentCode>",
                                20,
                                "192.0.2.10"),
                            Route53Xml.geo(
                                "app.example.test.",
                                "A",
                                "geo-country-US",
                                "<CountryCode>US</CountryCode>",
                                20,
                                "192.0.2.20"),
                            Route53Xml.geo(
                                "app.example.test.",
                                "A",
                                "geo-subdivision-US-CA",
                                "<CountryCode>US</CountryCode><SubdivisionCode>CA</SubdivisionCode>",
                                20,
                                "192.0.2.21"),
                            Route53Xml.geo(
                                "app.example.test.",
                                "A",
                                "geo-default",
                                "<CountryCode>*</CountryCode>",
                                20,
                                "192.0.2.30"))))));
    wire.stubFor(
        post(urlPathEqualTo(RRSET + "/"))
            .willReturn(xml(200, changeInfo("ChangeResourceRecordSetsResponse", "C5", "PENDING"))));
    Route53Provider provider = provider(settings());

    RecordSet read = provider.records(ZONE, Set.of(APP_A)).getFirst();

    assertThat(read)
        .isEqualTo(
            RecordSet.geo(
                APP,
                RecordType.A,
                20,
                Map.of(
                    Location.continent("EU"),
                    List.of("192.0.2.10"),
                    Location.country("US"),
                    List.of("192.0.2.20"),
                    Location.subdivision("US", "CA"),
                    List.of("192.0.2.21"),
                    Location.DEFAULT,
                    List.of("192.0.2.30"))));
    RecordSet usDown =
        RecordSet.geo(
            APP,
            RecordType.A,
            20,
            Map.of(
                Location.continent("EU"),
                List.of("192.0.2.10"),
                Location.subdivision("US", "CA"),
                List.of("192.0.2.21"),
                Location.DEFAULT,
                List.of("192.0.2.30")));

    provider.apply(ZONE, List.of(new Change.Update(read, usDown, "us down")));

    // A DELETE alone: Route 53 checks it against what it holds, so no read before it.
    wire.verify(1, getRequestedFor(urlPathEqualTo(RRSET)));
    wire.verify(
        1,
        postRequestedFor(urlPathEqualTo(RRSET + "/"))
            .withRequestBody(
                equalToXml(
                    """
                    <ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/">
                      <ChangeBatch>
                        <Comment>dnsfailover</Comment>
                        <Changes>
                          <Change>
                            <Action>DELETE</Action>
                            <ResourceRecordSet>
                              <Name>app.example.test.</Name>
                              <Type>A</Type>
                              <SetIdentifier>geo-country-US</SetIdentifier>
                              <GeoLocation><CountryCode>US</CountryCode></GeoLocation>
                              <TTL>20</TTL>
                              <ResourceRecords>
                                <ResourceRecord><Value>192.0.2.20</Value></ResourceRecord>
                              </ResourceRecords>
                            </ResourceRecordSet>
                          </Change>
                        </Changes>
                      </ChangeBatch>
                    </ChangeResourceRecordSetsRequest>
                    """)));
  }

  @Test
  void aNewGeoRecordSendsOneCreatePerLocationWithItsGeoLocation() throws Exception {
    wire.stubFor(
        post(urlPathEqualTo(RRSET + "/"))
            .willReturn(xml(200, changeInfo("ChangeResourceRecordSetsResponse", "C6", "PENDING"))));
    RecordSet geo =
        RecordSet.geo(
            APP,
            RecordType.A,
            20,
            Map.of(
                Location.continent("EU"),
                List.of("192.0.2.10"),
                Location.DEFAULT,
                List.of("192.0.2.30")));

    provider(settings()).apply(ZONE, List.of(new Change.Create(geo, "new")));

    wire.verify(
        1,
        postRequestedFor(urlPathEqualTo(RRSET + "/"))
            .withRequestBody(
                equalToXml(
                    """
                    <ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/">
                      <ChangeBatch>
                        <Comment>dnsfailover</Comment>
                        <Changes>
                          <Change>
                            <Action>CREATE</Action>
                            <ResourceRecordSet>
                              <Name>app.example.test.</Name>
                              <Type>A</Type>
                              <SetIdentifier>geo-continent-EU</SetIdentifier>
                              <GeoLocation><ContinentCode>EU</ContinentCode></GeoLocation>
                              <TTL>20</TTL>
                              <ResourceRecords>
                                <ResourceRecord><Value>192.0.2.10</Value></ResourceRecord>
                              </ResourceRecords>
                            </ResourceRecordSet>
                          </Change>
                          <Change>
                            <Action>CREATE</Action>
                            <ResourceRecordSet>
                              <Name>app.example.test.</Name>
                              <Type>A</Type>
                              <SetIdentifier>geo-default</SetIdentifier>
                              <GeoLocation><CountryCode>*</CountryCode></GeoLocation>
                              <TTL>20</TTL>
                              <ResourceRecords>
                                <ResourceRecord><Value>192.0.2.30</Value></ResourceRecord>
                              </ResourceRecords>
                            </ResourceRecordSet>
                          </Change>
                        </Changes>
                      </ChangeBatch>
                    </ChangeResourceRecordSetsRequest>
                    """)));
  }

  @Test
  void theZoneIsLookedUpByExactNameAndTheDecoyAfterItIsIgnored() throws Exception {
    wire.stubFor(
        get(urlPathEqualTo("/2013-04-01/hostedzonesbyname"))
            .withQueryParam("dnsname", equalTo("example.test."))
            .withQueryParam("maxitems", equalTo("100"))
            .willReturn(
                xml(
                    200,
                    Route53Xml.zonesByName(
                        "example.test.",
                        Route53Xml.zone("Z0REAL", "example.test.", false),
                        Route53Xml.zone("Z0DECOY", "a.example.test.", false),
                        Route53Xml.zone("Z0OTHER", "example.tests.", false)))));
    wire.stubFor(
        get(urlPathEqualTo("/2013-04-01/hostedzone/Z0REAL/rrset"))
            .willReturn(
                xml(
                    200,
                    recordSetsPage(List.of(simple("app.example.test.", "A", 20, "192.0.2.10"))))));
    Route53Settings byName = TestSettings.parse(Map.of("endpoint", baseUrl()));
    Route53Provider provider = provider(byName);

    assertThat(provider.records(ZONE, Set.of(APP_A))).hasSize(1);
    assertThat(provider.records(ZONE, Set.of(APP_A))).hasSize(1);

    wire.verify(1, getRequestedFor(urlPathEqualTo("/2013-04-01/hostedzonesbyname")));
    wire.verify(2, getRequestedFor(urlPathEqualTo("/2013-04-01/hostedzone/Z0REAL/rrset")));
  }

  @Test
  void waitForSyncPollsGetChangeUntilInSync() throws Exception {
    wire.stubFor(
        post(urlPathEqualTo(RRSET + "/"))
            .willReturn(xml(200, changeInfo("ChangeResourceRecordSetsResponse", "C3", "PENDING"))));
    wire.stubFor(
        get(urlPathEqualTo("/2013-04-01/change/C3"))
            .inScenario("sync")
            .whenScenarioStateIs(STARTED)
            .willReturn(xml(200, changeInfo("GetChangeResponse", "C3", "PENDING")))
            .willSetStateTo("synced"));
    wire.stubFor(
        get(urlPathEqualTo("/2013-04-01/change/C3"))
            .inScenario("sync")
            .whenScenarioStateIs("synced")
            .willReturn(xml(200, changeInfo("GetChangeResponse", "C3", "INSYNC"))));
    RecordSet app = RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.10"));

    provider(settings(Map.of("waitForSync", true, "syncTimeout", "1m")))
        .apply(ZONE, List.of(new Change.Create(app, "new")));

    wire.verify(2, getRequestedFor(urlPathEqualTo("/2013-04-01/change/C3")));
  }

  @Test
  void theFactoryWiresTheDefaultCredentialChainAndSignsForUsEast1() throws Exception {
    // surefire sets aws.accessKeyId/aws.secretAccessKey; no ~/.aws, no instance metadata
    wire.stubFor(firstPage().willReturn(xml(200, recordSetsPage(List.of()))));
    ProviderConfig config =
        new ProviderConfig(
            "aws",
            "route53",
            Map.of("endpoint", baseUrl(), "hostedZoneId", "/hostedzone/" + ZONE_ID));

    try (DnsProvider provider = new Route53ProviderFactory().create(config)) {
      assertThat(provider.records(ZONE, Set.of(APP_A))).isEmpty();
    }

    wire.verify(
        getRequestedFor(urlPathEqualTo(RRSET))
            .withHeader(
                "Authorization",
                containing("Credential=test-access-key/").and(containing("/us-east-1/route53/"))));
  }
}

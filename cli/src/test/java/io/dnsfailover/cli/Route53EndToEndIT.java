package io.dnsfailover.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToXml;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.dnsfailover.cli.JarRun.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Route 53 provider through the packaged jar: {@code once} against WireMock on 127.0.0.1
 * speaking Route 53's REST/XML API, with {@code endpoint:} pointing at it and credentials in the
 * child's environment only. The child gets an empty HOME and no instance metadata, so nothing here
 * can read real AWS settings or reach AWS.
 */
class Route53EndToEndIT {

  private static final String NS = "https://route53.amazonaws.com/doc/2013-04-01/";
  private static final String ZONE_ID = "Z0E2ETEST";
  private static final String RRSET = "/2013-04-01/hostedzone/" + ZONE_ID + "/rrset";
  private static final String SECRET = "e2e-secret-access-key-do-not-print";

  @TempDir Path dir;

  private WireMockServer route53;

  @BeforeEach
  void startRoute53() {
    route53 =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    route53.start();
    route53.stubFor(
        get(urlPathEqualTo("/2013-04-01/hostedzonesbyname"))
            .withQueryParam("dnsname", equalTo("example.test."))
            .willReturn(
                xml(
                    200,
                    "<ListHostedZonesByNameResponse xmlns=\""
                        + NS
                        + "\"><HostedZones>"
                        + zone(ZONE_ID, "example.test.")
                        + zone("Z0DECOY", "a.example.test.")
                        + "</HostedZones><DNSName>example.test.</DNSName>"
                        + "<IsTruncated>false</IsTruncated><MaxItems>100</MaxItems>"
                        + "</ListHostedZonesByNameResponse>")));
  }

  @AfterEach
  void stopRoute53() {
    route53.stop();
  }

  @Test
  void oncePublishesTheRecordAndItsMarkerInOneBatch() throws Exception {
    listing(simple("www.example.test.", "A", 300, "192.0.2.80"));
    route53.stubFor(post(urlPathEqualTo(RRSET + "/")).willReturn(xml(200, changeInfo())));
    try (Backend primary = new Backend("127.0.0.1")) {
      Path config = writeConfig(primary.url(), "");

      Result result = run("once", "-c", config.toString(), "--state", state());

      assertThat(result.exitCode()).as(result.output()).isZero();
      assertThat(result.output()).doesNotContain(SECRET);
    }
    route53.verify(1, getRequestedFor(urlPathEqualTo("/2013-04-01/hostedzonesbyname")));
    route53.verify(1, getRequestedFor(urlPathEqualTo(RRSET)));
    route53.verify(
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
                              <Name>_dnsfailover.app.example.test.</Name>
                              <Type>TXT</Type>
                              <TTL>20</TTL>
                              <ResourceRecords>
                                <ResourceRecord><Value>"heritage=dnsfailover,owner=e2e"</Value></ResourceRecord>
                              </ResourceRecords>
                            </ResourceRecordSet>
                          </Change>
                          <Change>
                            <Action>CREATE</Action>
                            <ResourceRecordSet>
                              <Name>app.example.test.</Name>
                              <Type>A</Type>
                              <TTL>20</TTL>
                              <ResourceRecords>
                                <ResourceRecord><Value>127.0.0.1</Value></ResourceRecord>
                              </ResourceRecords>
                            </ResourceRecordSet>
                          </Change>
                        </Changes>
                      </ChangeBatch>
                    </ChangeResourceRecordSetsRequest>
                    """)));
  }

  @Test
  void onceWithNothingToChangeReadsOnceAndWritesNothing() throws Exception {
    listing(
        simple("app.example.test.", "A", 20, "127.0.0.1"),
        simple("_dnsfailover.app.example.test.", "TXT", 20, "\"heritage=dnsfailover,owner=e2e\""));
    try (Backend primary = new Backend("127.0.0.1")) {
      Path config = writeConfig(primary.url(), "");

      Result result = run("once", "-c", config.toString(), "--state", state());

      assertThat(result.exitCode()).as(result.output()).isZero();
    }
    route53.verify(1, getRequestedFor(urlPathEqualTo(RRSET)));
    route53.verify(0, postRequestedFor(urlPathEqualTo(RRSET + "/")));
  }

  @Test
  void throttlingPastTheRetryBoundMakesOnceExitOne() throws Exception {
    listing();
    route53.stubFor(
        post(urlPathEqualTo(RRSET + "/"))
            .willReturn(
                xml(
                    400,
                    "<ErrorResponse xmlns=\""
                        + NS
                        + "\"><Error><Type>Sender</Type><Code>Throttling</Code>"
                        + "<Message>Rate exceeded</Message></Error>"
                        + "<RequestId>1b2c3d4e-0000-0000-0000-000000000000</RequestId>"
                        + "</ErrorResponse>")));
    try (Backend primary = new Backend("127.0.0.1")) {
      Path config = writeConfig(primary.url(), ", maxRetries: 1");

      Result result = run("once", "-c", config.toString(), "--state", state());

      assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
      assertThat(result.output()).contains("Throttling").doesNotContain(SECRET);
    }
    route53.verify(2, postRequestedFor(urlPathEqualTo(RRSET + "/")));
  }

  @Test
  void aRecordRoute53RejectsIsNamedWithItsReasonAndTheOtherRecordIsStillWritten() throws Exception {
    listing();
    route53.stubFor(
        post(urlPathEqualTo(RRSET + "/")).atPriority(5).willReturn(xml(200, changeInfo())));
    String reason =
        "RRSet with DNS name api.example.test. is not permitted because a conflicting RRSet of"
            + " type CNAME with the same DNS name already exists in zone example.test.";
    route53.stubFor(
        post(urlPathEqualTo(RRSET + "/"))
            .atPriority(1)
            .withRequestBody(containing("<Name>api.example.test.</Name>"))
            .willReturn(
                xml(
                    400,
                    "<InvalidChangeBatch xmlns=\""
                        + NS
                        + "\"><Messages><Message>"
                        + reason
                        + "</Message></Messages>"
                        + "<RequestId>2c3d4e5f-0000-0000-0000-000000000000</RequestId>"
                        + "</InvalidChangeBatch>")));
    try (Backend primary = new Backend("127.0.0.1")) {
      Path config =
          writeConfig(
              primary.url(),
              "",
              """
                    - name: api
                      type: A
                      ttl: 20
                      endpoints:
                        - { id: one, address: 127.0.0.1, check: { type: http, url: "%s" } }
              """
                  .formatted(primary.url()));

      Result result = run("once", "-c", config.toString(), "--state", state());

      assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
      assertThat(result.output())
          .contains("apply failed (INVALID): the provider rejected one record as invalid")
          .contains("api.example.test. A (")
          .contains(reason)
          .doesNotContain("concurrent")
          .doesNotContain(SECRET);
    }
    // the whole batch, then app alone (accepted) and api alone (rejected again)
    route53.verify(3, postRequestedFor(urlPathEqualTo(RRSET + "/")));
    route53.verify(
        1,
        postRequestedFor(urlPathEqualTo(RRSET + "/"))
            .withRequestBody(containing("<Name>app.example.test.</Name>"))
            .withRequestBody(notContaining("api.example.test.")));
  }

  private void listing(String... sets) {
    route53.stubFor(
        get(urlPathEqualTo(RRSET))
            .willReturn(
                xml(
                    200,
                    "<ListResourceRecordSetsResponse xmlns=\""
                        + NS
                        + "\"><ResourceRecordSets>"
                        + simple(
                            "example.test.",
                            "SOA",
                            900,
                            "ns-1.awsdns-01.org. awsdns-hostmaster.amazon.com. 1 7200 900 1209600"
                                + " 86400")
                        + simple("example.test.", "NS", 172800, "ns-1.awsdns-01.org.")
                        + String.join("", sets)
                        + "</ResourceRecordSets><IsTruncated>false</IsTruncated>"
                        + "<MaxItems>300</MaxItems></ListResourceRecordSetsResponse>")));
  }

  private static String simple(String name, String type, long ttl, String value) {
    return "<ResourceRecordSet><Name>"
        + name
        + "</Name><Type>"
        + type
        + "</Type><TTL>"
        + ttl
        + "</TTL><ResourceRecords><ResourceRecord><Value>"
        + value
        + "</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>";
  }

  private static String zone(String id, String name) {
    return "<HostedZone><Id>/hostedzone/"
        + id
        + "</Id><Name>"
        + name
        + "</Name><CallerReference>ref</CallerReference><Config><PrivateZone>false</PrivateZone>"
        + "</Config><ResourceRecordSetCount>3</ResourceRecordSetCount></HostedZone>";
  }

  private static String changeInfo() {
    return "<ChangeResourceRecordSetsResponse xmlns=\""
        + NS
        + "\"><ChangeInfo><Id>/change/C0E2E</Id><Status>PENDING</Status>"
        + "<SubmittedAt>2026-11-23T10:00:00.000Z</SubmittedAt></ChangeInfo>"
        + "</ChangeResourceRecordSetsResponse>";
  }

  private static ResponseDefinitionBuilder xml(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(body);
  }

  private Path writeConfig(String primaryUrl, String extraProviderKeys) throws IOException {
    return writeConfig(primaryUrl, extraProviderKeys, "");
  }

  private Path writeConfig(String primaryUrl, String extraProviderKeys, String moreRecords)
      throws IOException {
    Path config = dir.resolve("config.yaml");
    Files.writeString(
        config,
        """
        version: 1
        ownerId: e2e
        defaults:
          # A backend is taken down by closing it (refused at once): the long timeout only keeps a
          # healthy one from looking down on a loaded CI machine.
          check: { interval: 10s, timeout: 5s, rise: 1, fall: 1 }
        providers:
          aws: { type: route53, endpoint: "http://127.0.0.1:%d"%s }
        zones:
          - name: example.test.
            provider: aws
            records:
              - name: app
                type: A
                ttl: 20
                policy: failover
                endpoints:
                  - { id: primary, address: 127.0.0.1, priority: 1, check: { type: http, url: "%s" } }
                  - { id: backup,  address: 127.0.0.2, priority: 2, check: { type: http, url: "http://127.0.0.2:1/" } }
        """
                .formatted(route53.port(), extraProviderKeys, primaryUrl)
            + moreRecords);
    return config;
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
          env.put("AWS_SECRET_ACCESS_KEY", SECRET);
          env.put("AWS_EC2_METADATA_DISABLED", "true");
          env.put("AWS_CONFIG_FILE", home.resolve("no-aws-config").toString());
          env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-aws-credentials").toString());
        },
        args);
  }
}

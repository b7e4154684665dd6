package io.dnsfailover.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
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

import com.github.tomakehurst.wiremock.WireMockServer;
import io.dnsfailover.cli.JarRun.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Cloud DNS provider through the packaged jar: WireMock stands in for both Google's OAuth token
 * endpoint and dns.googleapis.com (the {@code endpoint} override). Credentials are Application
 * Default Credentials from a generated service-account key whose {@code token_uri} points at
 * WireMock, so nothing reaches Google or a metadata server.
 */
class CloudDnsEndToEndIT {

  private static final String ZONES = "/dns/v1/projects/e2e-project/managedZones";
  private static final String RRSETS = ZONES + "/example-test/rrsets";
  private static final String CHANGES = ZONES + "/example-test/changes";
  private static final String MARKER = "heritage=dnsfailover,owner=e2e";

  @TempDir Path dir;

  private WireMockServer google;

  @BeforeEach
  void start() {
    google = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    google.start();
    google.stubFor(
        post(urlPathEqualTo("/token"))
            .willReturn(
                okJson(
                    "{\"access_token\":\"e2e-token\",\"expires_in\":3600,"
                        + "\"token_type\":\"Bearer\"}")));
    google.stubFor(
        get(urlPathEqualTo(ZONES))
            .withQueryParam("dnsName", equalTo("example.test."))
            .willReturn(
                okJson(
                    "{\"managedZones\":[{\"name\":\"example-test\",\"dnsName\":\"example.test.\","
                        + "\"visibility\":\"public\"}]}")));
    google.stubFor(get(urlPathEqualTo(RRSETS)).willReturn(okJson("{\"rrsets\":[]}")));
    google.stubFor(
        post(urlPathEqualTo(CHANGES))
            .willReturn(okJson("{\"id\":\"1\",\"status\":\"pending\",\"kind\":\"dns#change\"}")));
    google.stubFor(
        get(urlPathEqualTo(CHANGES + "/1"))
            .willReturn(okJson("{\"id\":\"1\",\"status\":\"done\"}")));
  }

  @AfterEach
  void stop() {
    google.stop();
  }

  @Test
  void oncePublishesOneWeightedRecordSetAndTheNextProcessPlansNoChange() throws Exception {
    Path key = serviceAccountKey();
    try (Backend east = new Backend("127.0.0.1");
        Backend west = new Backend("127.0.0.2")) {
      Path config = writeConfig(east.url(), west.url());

      Result once = run(key, "once", "-c", config.toString(), "--state", state());

      assertThat(once.exitCode()).as(once.output()).isZero();
      google.verify(
          1,
          postRequestedFor(urlPathEqualTo(CHANGES))
              .withHeader("Authorization", equalTo("Bearer e2e-token"))
              .withHeader("Content-Encoding", equalTo("gzip"))
              .withRequestBody(
                  equalToJson(
                      """
                      {"additions":[
                        {"name":"_dnsfailover.app.example.test.","type":"TXT","ttl":20,
                         "rrdatas":["\\"%s\\""]},
                        {"name":"app.example.test.","type":"A","ttl":20,
                         "routingPolicy":{"wrr":{"items":[
                           {"weight":3.0,"rrdatas":["127.0.0.1"]},
                           {"weight":1.0,"rrdatas":["127.0.0.2"]}]}}}]}
                      """
                          .formatted(MARKER))));
      google.verify(getRequestedFor(urlPathEqualTo(CHANGES + "/1")));
      google.verify(
          postRequestedFor(urlPathEqualTo("/token"))
              .withRequestBody(containing("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type")));

      // The next cron run is a new process: it reads the members back by value and weight.
      heldByGoogle(MARKER);

      Result plan =
          run(key, "plan", "-c", config.toString(), "--state", state(), "--detailed-exitcode");

      assertThat(plan.exitCode()).as(plan.output()).isZero();
      google.verify(1, postRequestedFor(urlPathEqualTo(CHANGES)));
    }
  }

  @Test
  void aZoneAnEarlierBuildWroteWithMemberIdsInTheMarkerIsStillOursAndUnchanged() throws Exception {
    Path key = serviceAccountKey();
    try (Backend east = new Backend("127.0.0.1");
        Backend west = new Backend("127.0.0.2")) {
      Path config = writeConfig(east.url(), west.url());
      heldByGoogle(MARKER + ",wrr.a=east@127.0.0.1;west@127.0.0.2");

      Result plan =
          run(key, "plan", "-c", config.toString(), "--state", state(), "--detailed-exitcode");

      assertThat(plan.exitCode()).as(plan.output()).isZero();
      assertThat(plan.output()).doesNotContain("conflict");
      google.verify(0, postRequestedFor(urlPathEqualTo(CHANGES)));
    }
  }

  /** Cloud DNS holds the weighted record {@code once} writes, with a marker saying {@code text}. */
  private void heldByGoogle(String markerText) {
    google.stubFor(
        get(urlPathEqualTo(RRSETS))
            .withQueryParam("name", equalTo("app.example.test."))
            .willReturn(
                okJson(
                    """
                    {"rrsets":[{"kind":"dns#resourceRecordSet","name":"app.example.test.",
                      "type":"A","ttl":20,"routingPolicy":{"wrr":{"items":[
                        {"weight":3,"rrdatas":["127.0.0.1"]},
                        {"weight":1,"rrdatas":["127.0.0.2"]}]}}}]}
                    """)));
    google.stubFor(
        get(urlPathEqualTo(RRSETS))
            .withQueryParam("name", equalTo("_dnsfailover.app.example.test."))
            .willReturn(
                okJson(
                    """
                    {"rrsets":[{"name":"_dnsfailover.app.example.test.","type":"TXT",
                      "ttl":20,"rrdatas":["\\"%s\\""]}]}
                    """
                        .formatted(markerText))));
  }

  private Path writeConfig(String eastUrl, String westUrl) throws IOException {
    Path config = dir.resolve("config.yaml");
    Files.writeString(
        config,
        """
        version: 1
        ownerId: e2e
        defaults:
          check: { interval: 10s, timeout: 1s, rise: 2, fall: 2 }
        providers:
          google: { type: clouddns, project: e2e-project, endpoint: "%s" }
        zones:
          - name: example.test.
            provider: google
            records:
              - name: app
                type: A
                ttl: 20
                policy: weighted
                endpoints:
                  - { id: east, address: 127.0.0.1, weight: 3, check: { type: http, url: "%s" } }
                  - { id: west, address: 127.0.0.2, weight: 1, check: { type: http, url: "%s" } }
        """
            .formatted(google.baseUrl(), eastUrl, westUrl));
    return config;
  }

  /** A service-account key as the console downloads it, with a fresh key pair. */
  private Path serviceAccountKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String pem =
        "-----BEGIN PRIVATE KEY-----\\n"
            + Base64.getEncoder()
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
            + "\\n-----END PRIVATE KEY-----\\n";
    Path key = dir.resolve("service-account.json");
    Files.writeString(
        key,
        """
        {"type":"service_account","project_id":"e2e-project","private_key_id":"e2e-key",
         "private_key":"%s",
         "client_email":"dnsfailover@e2e-project.iam.gserviceaccount.com",
         "client_id":"1","token_uri":"%s/token"}
        """
            .formatted(pem, google.baseUrl()));
    return key;
  }

  private String state() {
    return dir.resolve("state.json").toString();
  }

  /** The jar with Application Default Credentials from {@code credentials}, no metadata server. */
  private static Result run(Path credentials, String... args) throws Exception {
    return JarRun.run(
        List.of(),
        env -> {
          env.put("GOOGLE_APPLICATION_CREDENTIALS", credentials.toString());
          env.put("NO_GCE_CHECK", "true");
          env.remove("GOOGLE_CLOUD_PROJECT");
        },
        args);
  }
}

package io.dnsfailover.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.dnsfailover.cli.JarRun.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Azure provider through the packaged jar, with WireMock standing in for both Azure Resource
 * Manager and the Microsoft Entra token endpoint, over HTTPS on loopback.
 *
 * <p>Authentication takes the production route: {@code DefaultAzureCredential}, whose first link
 * (EnvironmentCredential) reads {@code AZURE_TENANT_ID}, {@code AZURE_CLIENT_ID} and {@code
 * AZURE_CLIENT_SECRET} and signs in at {@code AZURE_AUTHORITY_HOST}, here WireMock. The provider
 * turns MSAL's instance discovery off for sign-in hosts that are not Microsoft's (as it must for
 * Azure Stack Hub), so nothing is asked of login.microsoftonline.com. WireMock serves a certificate
 * made for 127.0.0.1 by keytool for this test; the jar's JVM trusts it through {@code
 * javax.net.ssl.trustStore}. ARM requests are answered only when they carry the bearer token the
 * fake token endpoint issued.
 */
class AzureEndToEndIT {

  private static final String PASSWORD = "changeit";
  private static final String TENANT = "tenant-1";
  private static final String ACCESS_TOKEN = "test-access-token";
  private static final String SUBSCRIPTION = "5f0c4c43-2a2d-4f4e-9a55-3c1f6f8c0d11";
  private static final String ZONE_PATH =
      "/subscriptions/"
          + SUBSCRIPTION
          + "/resourceGroups/rg-dns/providers/Microsoft.Network/dnsZones/example.test";

  @TempDir Path dir;

  private WireMockServer azure;
  private FakeAzureDns zone;
  private Path trustStore;

  @BeforeEach
  void startFakeAzure() throws Exception {
    Path keyStore = dir.resolve("server.p12");
    Path certificate = dir.resolve("server.crt");
    trustStore = dir.resolve("trust.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=127.0.0.1",
        "-ext",
        "SAN=ip:127.0.0.1",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        PASSWORD,
        "-keypass",
        PASSWORD);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "server",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        PASSWORD,
        "-file",
        certificate.toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "server",
        "-file",
        certificate.toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        trustStore.toString(),
        "-storepass",
        PASSWORD);

    zone = new FakeAzureDns(ZONE_PATH);
    azure =
        new WireMockServer(
            wireMockConfig()
                .bindAddress("127.0.0.1")
                .httpDisabled(true)
                .httpsPort(0)
                .keystorePath(keyStore.toString())
                .keystoreType("PKCS12")
                .keystorePassword(PASSWORD)
                .keyManagerPassword(PASSWORD)
                .extensions(zone));
    azure.start();
    zone.baseUrl(baseUrl());
    azure.stubFor(
        post(urlPathEqualTo("/" + TENANT + "/oauth2/v2.0/token"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"ext_expires_in\":3600,"
                            + "\"access_token\":\""
                            + ACCESS_TOKEN
                            + "\"}")));
    azure.stubFor(
        any(urlPathMatching("/subscriptions/.*"))
            .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
            .willReturn(aResponse().withTransformers(FakeAzureDns.NAME)));
    zone.seed("A", "www", "{\"TTL\":3600,\"ARecords\":[{\"ipv4Address\":\"192.0.2.80\"}]}");
    zone.seed(
        "NS", "@", "{\"TTL\":172800,\"NSRecords\":[{\"nsdname\":\"ns1-01.azure-dns.com.\"}]}");
  }

  @AfterEach
  void stopFakeAzure() {
    if (azure != null) {
      azure.stop();
    }
  }

  @Test
  void onceWritesWithEtagsAndFailsOverThroughTheJar() throws Exception {
    try (Backend primary = new Backend("127.0.0.1");
        Backend backup = new Backend("127.0.0.2")) {
      Path config = writeConfig(primary.url(), backup.url());

      Result planBefore =
          run("plan", "-c", config.toString(), "--state", state(), "--detailed-exitcode");
      assertThat(planBefore.exitCode()).as(planBefore.output()).isEqualTo(2);
      assertThat(planBefore.stdout())
          .contains("+ app.example.test. A: 127.0.0.1 ttl 20")
          .contains("pool.example.test. A: weighted is published as a multi-value answer");
      assertThat(azure.findAll(putRequestedFor(anyUrl()))).as("plan writes nothing").isEmpty();

      Result first = run("once", "-c", config.toString(), "--state", state());
      assertThat(first.exitCode()).as(first.output()).isZero();
      LoggedRequest createApp = onlyPut("/A/app");
      assertThat(createApp.getHeader("If-None-Match")).isEqualTo("*");
      assertThat(createApp.containsHeader("If-Match")).isFalse();
      assertThat(createApp.getHeader("Authorization")).isEqualTo("Bearer " + ACCESS_TOKEN);
      assertThat(createApp.queryParameter("api-version").firstValue()).isEqualTo("2018-05-01");
      assertJson(
          createApp,
          "{\"properties\":{\"TTL\":20,\"ARecords\":[{\"ipv4Address\":\"127.0.0.1\"}]}}");
      assertJson(
          onlyPut("/TXT/_dnsfailover.app"),
          "{\"properties\":{\"TTL\":20,\"TXTRecords\":[{\"value\":[\"heritage=dnsfailover,owner=e2e\"]}]}}");
      assertJson(
          onlyPut("/A/pool"),
          "{\"properties\":{\"TTL\":20,\"ARecords\":[{\"ipv4Address\":\"127.0.0.1\"},"
              + "{\"ipv4Address\":\"127.0.0.2\"}]}}");
      String appEtag = FakeAzureDns.etag(zone.recordSet("A", "app"));

      Result planAfter =
          run("plan", "-c", config.toString(), "--state", state(), "--detailed-exitcode");
      assertThat(planAfter.exitCode()).as(planAfter.output()).isZero();

      primary.close();
      Result oneFailure = run("once", "-c", config.toString(), "--state", state());
      assertThat(oneFailure.exitCode()).as(oneFailure.output()).isZero();
      Result failover = run("once", "-c", config.toString(), "--state", state());
      assertThat(failover.exitCode()).as(failover.output()).isZero();
      assertThat(failover.stdout()).contains("failing over to priority 2: backup (127.0.0.2)");

      List<LoggedRequest> appPuts =
          azure.findAll(putRequestedFor(urlPathEqualTo(ZONE_PATH + "/A/app")));
      assertThat(appPuts).hasSize(2);
      LoggedRequest update = appPuts.get(1);
      assertThat(update.getHeader("If-Match")).isEqualTo(appEtag);
      assertThat(update.containsHeader("If-None-Match")).isFalse();
      assertJson(
          update, "{\"properties\":{\"TTL\":20,\"ARecords\":[{\"ipv4Address\":\"127.0.0.2\"}]}}");

      Result settled =
          run("plan", "-c", config.toString(), "--state", state(), "--detailed-exitcode");
      assertThat(settled.exitCode()).as(settled.output()).isZero();
    }
    assertThat(zone.recordSet("A", "www").toString()).contains("192.0.2.80");
    assertThat(azure.findAll(anyRequestedFor(urlPathMatching(".*/A/www")))).isEmpty();
    assertThat(azure.findAll(postRequestedFor(urlPathEqualTo("/" + TENANT + "/oauth2/v2.0/token"))))
        .isNotEmpty()
        .allSatisfy(
            token ->
                assertThat(token.getBodyAsString())
                    .contains("grant_type=client_credentials")
                    .contains("client_id=client-1"));
    assertThat(azure.findAllUnmatchedRequests()).isEmpty();
  }

  private Path writeConfig(String primaryUrl, String backupUrl) throws IOException {
    Path config = dir.resolve("config.yaml");
    Files.writeString(
        config,
        """
        version: 1
        ownerId: e2e
        defaults:
          check: { interval: 10s, timeout: 3s, rise: 2, fall: 2 }
        providers:
          az: { type: azure, subscriptionId: %s, resourceGroup: rg-dns, endpoint: "%s" }
        zones:
          - name: example.test.
            provider: az
            records:
              - name: app
                type: A
                ttl: 20
                policy: failover
                endpoints:
                  - { id: primary, address: 127.0.0.1, priority: 1, check: { type: http, url: "%s" } }
                  - { id: backup,  address: 127.0.0.2, priority: 2, check: { type: http, url: "%s" } }
              - name: pool
                type: A
                ttl: 20
                policy: weighted
                endpoints:
                  - { id: one, address: 127.0.0.1, weight: 3, check: { type: http, url: "%s" } }
                  - { id: two, address: 127.0.0.2, weight: 1, check: { type: http, url: "%s" } }
        """
            .formatted(
                SUBSCRIPTION, baseUrl() + "/", primaryUrl, backupUrl, primaryUrl, backupUrl));
    return config;
  }

  private String baseUrl() {
    return "https://127.0.0.1:" + azure.httpsPort();
  }

  private String state() {
    return dir.resolve("state.json").toString();
  }

  private LoggedRequest onlyPut(String recordSetPath) {
    List<LoggedRequest> puts =
        azure.findAll(putRequestedFor(urlPathEqualTo(ZONE_PATH + recordSetPath)));
    assertThat(puts).as("PUT %s", recordSetPath).hasSize(1);
    return puts.getFirst();
  }

  private static void assertJson(LoggedRequest request, String expected) {
    assertThat(equalToJson(expected).match(request.getBodyAsString()).isExactMatch())
        .as("body %s is %s", request.getBodyAsString(), expected)
        .isTrue();
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
  }

  /** The jar trusting the test certificate, signing in through the fake authority. */
  private Result run(String... args) throws Exception {
    Result result =
        JarRun.run(
            List.of(
                "-Djavax.net.ssl.trustStore=" + trustStore,
                "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12"),
            environment -> {
              environment
                  .keySet()
                  .removeIf(
                      name ->
                          name.startsWith("AZURE_")
                              || name.startsWith("IDENTITY_")
                              || name.startsWith("MSI_"));
              environment.put("AZURE_TENANT_ID", TENANT);
              environment.put("AZURE_CLIENT_ID", "client-1");
              environment.put("AZURE_CLIENT_SECRET", "not-a-real-secret");
              environment.put("AZURE_AUTHORITY_HOST", baseUrl() + "/");
            },
            args);
    assertThat(result.stdout() + result.stderr()).doesNotContain("not-a-real-secret");
    return result;
  }
}

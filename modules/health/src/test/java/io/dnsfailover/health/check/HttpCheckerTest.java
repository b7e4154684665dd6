package io.dnsfailover.health.check;

import static io.dnsfailover.health.check.Checks.endpoint;
import static io.dnsfailover.health.check.Checks.factory;
import static io.dnsfailover.health.check.Checks.http;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.core.config.Probe;
import io.dnsfailover.health.ProbeResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpCheckerTest {

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getPort() + path;
  }

  private ProbeResult probe(Probe.Http probe) {
    return factory().create(endpoint(probe)).probe();
  }

  @Test
  void status200IsHealthy() {
    server.enqueue(new MockResponse.Builder().code(200).body("ok").build());

    ProbeResult result = probe(http(url("/healthz")));

    assertThat(result.success()).isTrue();
    assertThat(result.detail()).isEqualTo("HTTP 200");
  }

  @Test
  void status503IsUnhealthy() {
    server.enqueue(new MockResponse.Builder().code(503).build());

    ProbeResult result = probe(http(url("/healthz")));

    assertThat(result.success()).isFalse();
    assertThat(result.detail()).isEqualTo("HTTP 503");
  }

  @Test
  void explicitExpectationIsNamedInTheDetail() {
    server.enqueue(new MockResponse.Builder().code(200).build());
    Checks.HttpProbe probe = new Checks.HttpProbe(url("/"));
    probe.expectStatus = List.of(new Probe.StatusRange(204, 204), new Probe.StatusRange(300, 399));

    ProbeResult result = probe(probe.build());

    assertThat(result.success()).isFalse();
    assertThat(result.detail()).isEqualTo("HTTP 200, expected 204,300-399");
  }

  @Test
  void responseSlowerThanTheTimeoutTimesOut() {
    server.enqueue(new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).build());

    ProbeResult result =
        factory()
            .create(
                endpoint(
                    http(url("/slow")), Duration.ofMillis(300), Optional.empty(), Optional.empty()))
            .probe();

    assertThat(result.success()).isFalse();
    assertThat(result.detail()).isEqualTo("timed out after 300ms");
    assertThat(result.latency()).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void bodyMismatchIsUnhealthy() {
    server.enqueue(new MockResponse.Builder().body("status: degraded").build());
    Checks.HttpProbe probe = new Checks.HttpProbe(url("/"));
    probe.bodyMatches = Optional.of(Pattern.compile("status: (ok|fine)"));

    ProbeResult result = probe(probe.build());

    assertThat(result.success()).isFalse();
    assertThat(result.detail()).isEqualTo("body does not match /status: (ok|fine)/");
  }

  @Test
  void bodyMatchIsHealthy() {
    server.enqueue(new MockResponse.Builder().body("{\"status\": \"ok\"}").build());
    Checks.HttpProbe probe = new Checks.HttpProbe(url("/"));
    probe.bodyMatches = Optional.of(Pattern.compile("\"status\": \"ok\""));

    assertThat(probe(probe.build()).success()).isTrue();
  }

  @Test
  void successSlowerThanMaxLatencyFails() {
    server.enqueue(new MockResponse.Builder().headersDelay(300, TimeUnit.MILLISECONDS).build());

    ProbeResult result =
        factory()
            .create(
                endpoint(
                    http(url("/")),
                    Duration.ofSeconds(2),
                    Optional.of(Duration.ofMillis(100)),
                    Optional.empty()))
            .probe();

    assertThat(result.success()).isFalse();
    assertThat(result.detail()).matches("latency [0-9]+ms > 100ms");
    assertThat(result.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void hostSetsTheHostHeaderButConnectsToTheUrlAddress() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).build());
    Checks.HttpProbe probe = new Checks.HttpProbe(url("/healthz"));
    probe.host = Optional.of("app.example.test");

    ProbeResult result = probe(probe.build());

    assertThat(result.detail()).isEqualTo("HTTP 200");
    RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(request.getHeaders().get("Host")).isEqualTo("app.example.test:" + server.getPort());
  }

  @Test
  void headersAreSentAndTheirValuesNeverEchoed() throws Exception {
    server.enqueue(new MockResponse.Builder().code(401).build());
    Checks.HttpProbe probe = new Checks.HttpProbe(url("/"));
    probe.headers = Map.of("Authorization", "Bearer s3cret-token");

    ProbeResult result = probe(probe.build());

    assertThat(server.takeRequest(1, TimeUnit.SECONDS).getHeaders().get("Authorization"))
        .isEqualTo("Bearer s3cret-token");
    assertThat(result.detail()).isEqualTo("HTTP 401").doesNotContain("s3cret");
  }

  @Test
  void invalidHeaderValueFailsWithoutEchoingIt() {
    Checks.HttpProbe probe = new Checks.HttpProbe(url("/"));
    probe.headers = Map.of("X-Token", "s3cret\nline");

    ProbeResult result = probe(probe.build());

    assertThat(result.success()).isFalse();
    assertThat(result.detail()).contains("X-Token").doesNotContain("s3cret");
  }

  @Test
  void redirectsAreFollowedOnlyWhenAsked() {
    Checks.HttpProbe probe = new Checks.HttpProbe(url("/"));
    server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/moved").build());

    assertThat(probe(probe.build()).detail()).isEqualTo("HTTP 302");

    probe.followRedirects = true;
    server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/moved").build());
    server.enqueue(new MockResponse.Builder().code(200).build());

    assertThat(probe(probe.build()).detail()).isEqualTo("HTTP 200");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void everyProbeOpensAFreshConnection() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    var checker = factory().create(endpoint(http(url("/"))));

    checker.probe();
    checker.probe();

    RecordedRequest first = server.takeRequest(1, TimeUnit.SECONDS);
    RecordedRequest second = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(second.getConnectionIndex()).isNotEqualTo(first.getConnectionIndex());
    assertThat(second.getExchangeIndex()).isZero();
  }

  @Test
  void closedPortIsConnectionRefused() throws IOException {
    int closedPort = closedPort();

    ProbeResult result = probe(http("http://127.0.0.1:" + closedPort + "/"));

    assertThat(result.success()).isFalse();
    assertThat(result.detail()).isEqualTo("connection refused");
  }

  @Test
  void hostIsTheTlsServerNameAndTheVerifiedName() throws Exception {
    HeldCertificate root = new HeldCertificate.Builder().certificateAuthority(0).build();
    HeldCertificate serverCertificate =
        new HeldCertificate.Builder()
            .addSubjectAlternativeName("app.example.test")
            .signedBy(root)
            .build();
    server.useHttps(
        new HandshakeCertificates.Builder()
            .heldCertificate(serverCertificate)
            .build()
            .sslSocketFactory());
    HandshakeCertificates trustRoot =
        new HandshakeCertificates.Builder().addTrustedCertificate(root.certificate()).build();
    SSLContext base = trustRoot.sslContext();
    String url = "https://127.0.0.1:" + server.getPort() + "/";

    server.enqueue(new MockResponse.Builder().code(200).build());
    Checks.HttpProbe withHost = new Checks.HttpProbe(url);
    withHost.host = Optional.of("app.example.test");
    ProbeResult verified = factory(base).create(endpoint(withHost.build())).probe();

    assertThat(verified.detail()).isEqualTo("HTTP 200");
    assertThat(server.takeRequest(1, TimeUnit.SECONDS).getHandshakeServerNames())
        .containsExactly("app.example.test");

    ProbeResult byAddress = factory(base).create(endpoint(http(url))).probe();

    assertThat(byAddress.success()).isFalse();
    assertThat(byAddress.detail()).isEqualTo("TLS: certificate does not match the host name");
  }

  @Test
  void untrustedCertificateFailsUnlessTlsVerifyIsOff() {
    HeldCertificate selfSigned =
        new HeldCertificate.Builder().addSubjectAlternativeName("localhost").build();
    server.useHttps(
        new HandshakeCertificates.Builder().heldCertificate(selfSigned).build().sslSocketFactory());
    Checks.HttpProbe probe = new Checks.HttpProbe("https://127.0.0.1:" + server.getPort() + "/");
    probe.host = Optional.of("localhost");

    ProbeResult verified = probe(probe.build());

    assertThat(verified.success()).isFalse();
    assertThat(verified.detail()).isEqualTo("TLS: certificate not trusted");

    server.enqueue(new MockResponse.Builder().code(200).build());
    probe.tlsVerify = false;

    assertThat(probe(probe.build()).detail()).isEqualTo("HTTP 200");
  }

  @Test
  void sourceAddressOnLoopbackWorks() {
    server.enqueue(new MockResponse.Builder().code(200).build());

    ProbeResult result =
        factory()
            .create(
                endpoint(
                    http(url("/")),
                    Duration.ofSeconds(2),
                    Optional.empty(),
                    Optional.of("127.0.0.1")))
            .probe();

    assertThat(result.detail()).isEqualTo("HTTP 200");
  }

  @Test
  void sourceAddressTheHostDoesNotHaveFails() {
    // 192.0.2.1 (TEST-NET-1) is on no interface here: the bind fails before anything is sent.
    ProbeResult result =
        factory()
            .create(
                endpoint(
                    http(url("/")),
                    Duration.ofSeconds(2),
                    Optional.empty(),
                    Optional.of("192.0.2.1")))
            .probe();

    assertThat(result.success()).isFalse();
    assertThat(result.detail()).startsWith("cannot bind to source address 192.0.2.1");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aBodyTricklingInCannotStretchTheProbePastItsTimeout() {
    // Every read gets a byte in time; only the deadline over the whole exchange stops it.
    server.enqueue(
        new MockResponse.Builder()
            .body("x".repeat(100))
            .throttleBody(1, 50, TimeUnit.MILLISECONDS)
            .build());
    Checks.HttpProbe probe = new Checks.HttpProbe(url("/"));
    probe.bodyMatches = Optional.of(Pattern.compile("ok"));

    ProbeResult result =
        factory()
            .create(
                endpoint(probe.build(), Duration.ofMillis(300), Optional.empty(), Optional.empty()))
            .probe();

    assertThat(result.detail()).isEqualTo("timed out after 300ms");
    assertThat(result.latency()).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void chunkedBodyIsDecodedBeforeMatching() {
    server.enqueue(new MockResponse.Builder().chunkedBody("status: ok, all good", 4).build());
    Checks.HttpProbe probe = new Checks.HttpProbe(url("/"));
    probe.bodyMatches = Optional.of(Pattern.compile("status: ok, all"));

    assertThat(probe(probe.build()).detail()).isEqualTo("HTTP 200");
  }

  @Test
  void headerLinesLongerThanTheReadBufferAreRead() {
    server.enqueue(
        new MockResponse.Builder().setHeader("Set-Cookie", "session=" + "a".repeat(5000)).build());

    assertThat(probe(http(url("/"))).detail()).isEqualTo("HTTP 200");
  }

  @Test
  void credentialsFollowARedirectOnTheSameHostOnly() throws Exception {
    try (MockWebServer other = new MockWebServer()) {
      other.start(InetAddress.getLoopbackAddress(), 0);
      other.enqueue(new MockResponse.Builder().code(200).build());
      server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/next").build());
      // Same address, another name: the redirect leaves the host the credentials were meant for.
      String elsewhere = "http://localhost:" + other.getPort() + "/landing";
      server.enqueue(new MockResponse.Builder().code(307).setHeader("Location", elsewhere).build());
      Checks.HttpProbe probe = new Checks.HttpProbe(url("/start"));
      probe.followRedirects = true;
      probe.headers = Map.of("Authorization", "Bearer s3cret", "X-Probe", "yes");

      assertThat(probe(probe.build()).detail()).isEqualTo("HTTP 200");

      RecordedRequest first = server.takeRequest(1, TimeUnit.SECONDS);
      RecordedRequest second = server.takeRequest(1, TimeUnit.SECONDS);
      RecordedRequest last = other.takeRequest(1, TimeUnit.SECONDS);
      assertThat(second.getTarget()).isEqualTo("/next");
      assertThat(second.getHeaders().get("Authorization")).isEqualTo("Bearer s3cret");
      assertThat(last.getTarget()).isEqualTo("/landing");
      assertThat(last.getHeaders().get("Authorization")).isNull();
      assertThat(last.getHeaders().get("X-Probe")).isEqualTo("yes");
      assertThat(last.getHeaders().get("Host")).isEqualTo("localhost:" + other.getPort());
      assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer s3cret");
    }
  }

  @Test
  void userInfoIsSentAsBasicAuthenticationPercentDecodedAsCurlDoes() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    String port = Integer.toString(server.getPort());

    ProbeResult full = probe(http("http://us%3Aer:p%40ss:w%C3%A9@127.0.0.1:" + port + "/"));
    ProbeResult userOnly = probe(http("http://probe@127.0.0.1:" + port + "/"));

    assertThat(full.detail()).isEqualTo("HTTP 200");
    assertThat(userOnly.detail()).isEqualTo("HTTP 200");
    assertThat(server.takeRequest(1, TimeUnit.SECONDS).getHeaders().get("Authorization"))
        .isEqualTo("Basic " + base64("us:er:p@ss:w\u00e9"));
    assertThat(server.takeRequest(1, TimeUnit.SECONDS).getHeaders().get("Authorization"))
        .isEqualTo("Basic " + base64("probe:"));
  }

  @Test
  void anAuthorizationHeaderWinsOverUserInfo() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).build());
    Checks.HttpProbe probe =
        new Checks.HttpProbe("http://probe:secret@127.0.0.1:" + server.getPort() + "/");
    probe.headers = Map.of("authorization", "Bearer from-headers");

    probe(probe.build());

    assertThat(server.takeRequest(1, TimeUnit.SECONDS).getHeaders().values("Authorization"))
        .containsExactly("Bearer from-headers");
  }

  @Test
  void basicAuthenticationFromUserInfoStaysWithItsOrigin() throws Exception {
    try (MockWebServer otherPort = new MockWebServer()) {
      otherPort.start(InetAddress.getLoopbackAddress(), 0);
      otherPort.enqueue(new MockResponse.Builder().code(200).build());
      // Same host, same port: kept. Same host name, another port: another server, so left behind.
      server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/next").build());
      String elsewhere = "http://127.0.0.1:" + otherPort.getPort() + "/landing";
      server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", elsewhere).build());
      Checks.HttpProbe probe =
          new Checks.HttpProbe("http://probe:s3cret@127.0.0.1:" + server.getPort() + "/start");
      probe.followRedirects = true;

      ProbeResult result = probe(probe.build());

      assertThat(result.detail()).isEqualTo("HTTP 200");
      String credentials = "Basic " + base64("probe:s3cret");
      assertThat(server.takeRequest(1, TimeUnit.SECONDS).getHeaders().get("Authorization"))
          .isEqualTo(credentials);
      assertThat(server.takeRequest(1, TimeUnit.SECONDS).getHeaders().get("Authorization"))
          .isEqualTo(credentials);
      RecordedRequest last = otherPort.takeRequest(1, TimeUnit.SECONDS);
      assertThat(last.getTarget()).isEqualTo("/landing");
      assertThat(last.getHeaders().get("Authorization")).isNull();
    }
  }

  @Test
  void aPasswordInTheUrlNeverShowsInTheDetail() {
    ProbeResult result = probe(http("ftp://probe:s3cret@127.0.0.1/"));

    assertThat(result.success()).isFalse();
    assertThat(result.detail())
        .isEqualTo("invalid request: url ftp://probe:***@127.0.0.1/ is not an http or https URL");
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(UTF_8));
  }

  @Test
  void redirectLoopsEndAfterTenRedirects() {
    for (int i = 0; i <= HttpChecker.MAX_REDIRECTS; i++) {
      server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/again").build());
    }
    Checks.HttpProbe probe = new Checks.HttpProbe(url("/"));
    probe.followRedirects = true;

    ProbeResult result = probe(probe.build());

    assertThat(result.success()).isFalse();
    assertThat(result.detail()).isEqualTo("more than 10 redirects");
    assertThat(server.getRequestCount()).isEqualTo(HttpChecker.MAX_REDIRECTS + 1);
  }

  @Test
  void postSendsAnEmptyBodyAndASeeOtherContinuesWithGet() throws Exception {
    server.enqueue(new MockResponse.Builder().code(303).setHeader("Location", "/done").build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    Checks.HttpProbe probe = new Checks.HttpProbe(url("/submit?probe=1"));
    probe.method = "post";
    probe.followRedirects = true;

    assertThat(probe(probe.build()).detail()).isEqualTo("HTTP 200");

    RecordedRequest post = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(post.getMethod()).isEqualTo("POST");
    assertThat(post.getTarget()).isEqualTo("/submit?probe=1");
    assertThat(post.getHeaders().get("Content-Length")).isEqualTo("0");
    assertThat(post.getHeaders().get("Connection")).isEqualTo("close");
    assertThat(post.getHeaders().get("User-Agent")).startsWith("dnsfailover");
    assertThat(server.takeRequest(1, TimeUnit.SECONDS).getMethod()).isEqualTo("GET");
  }

  @Test
  void somethingThatIsNotHttpIsABadResponse() throws Exception {
    try (ServerSocket notHttp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual()
          .start(
              () -> {
                try (var socket = notHttp.accept()) {
                  socket.getOutputStream().write("SSH-2.0-OpenSSH_9.6\r\n".getBytes(UTF_8));
                  socket.getInputStream().read(new byte[1024]);
                } catch (IOException e) {
                  // the probe hung up: done
                }
              });

      ProbeResult result = probe(http("http://127.0.0.1:" + notHttp.getLocalPort() + "/"));

      assertThat(result.success()).isFalse();
      assertThat(result.detail()).startsWith("bad HTTP response: ");
    }
  }

  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}

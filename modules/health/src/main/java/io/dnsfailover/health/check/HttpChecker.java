package io.dnsfailover.health.check;

import io.dnsfailover.core.config.CheckSpec;
import io.dnsfailover.core.config.Probe;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * {@code http} and {@code https}: one request on a fresh connection; healthy when the status is
 * expected and the body matches.
 *
 * <p>When {@code host} is set, the request goes to the URL's address but names {@code host}
 * everywhere a virtual host matters: the Host header, the TLS server name (SNI) and the name the
 * certificate is verified against. It does so by rewriting the URL to {@code host} and resolving
 * that one name to the URL's original address.
 */
final class HttpChecker extends AbstractChecker {

  private static final List<Probe.StatusRange> DEFAULT_EXPECT =
      List.of(new Probe.StatusRange(200, 299));
  private static final long MAX_BODY_BYTES = 1024 * 1024;

  private static final Set<String> METHODS_WITH_BODY = Set.of("POST", "PUT", "PATCH");

  private final Optional<OkHttpClient> client;
  private final Optional<Request> request;
  private final String invalidRequest;
  private final List<Probe.StatusRange> expectStatus;
  private final Optional<Pattern> bodyMatches;

  HttpChecker(Probe.Http probe, CheckSpec spec, OkHttpClient baseClient, Clock clock) {
    super(spec, clock);
    this.expectStatus = probe.expectStatus().isEmpty() ? DEFAULT_EXPECT : probe.expectStatus();
    this.bodyMatches = probe.bodyMatches();
    Optional<OkHttpClient> builtClient = Optional.empty();
    Optional<Request> builtRequest = Optional.empty();
    String invalid = "";
    try {
      builtClient = Optional.of(client(probe, spec, baseClient));
      builtRequest = Optional.of(request(probe));
    } catch (IllegalArgumentException e) {
      // OkHttp's message can quote a header value, and header values can hold tokens.
      invalid = "invalid request: " + invalidPart(probe, e);
    }
    this.client = builtClient;
    this.request = builtRequest;
    this.invalidRequest = invalid;
  }

  @Override
  Outcome attempt() throws Exception {
    if (client.isEmpty() || request.isEmpty()) {
      return Outcome.failure(invalidRequest);
    }
    try (Response response = client.get().newCall(request.get()).execute()) {
      int code = response.code();
      if (expectStatus.stream().noneMatch(range -> range.contains(code))) {
        return Outcome.failure("HTTP " + code + expectationSuffix());
      }
      if (bodyMatches.isPresent()) {
        String body = response.peekBody(MAX_BODY_BYTES).string();
        if (!bodyMatches.get().matcher(body).find()) {
          return Outcome.failure("body does not match /" + bodyMatches.get().pattern() + "/");
        }
      }
      return Outcome.success("HTTP " + code);
    }
  }

  /** "HTTP 503" speaks for itself against the default 2xx; other expectations are spelled out. */
  private String expectationSuffix() {
    if (expectStatus.equals(DEFAULT_EXPECT)) {
      return "";
    }
    return ", expected " + String.join(",", expectStatus.stream().map(String::valueOf).toList());
  }

  private static OkHttpClient client(Probe.Http probe, CheckSpec spec, OkHttpClient base) {
    OkHttpClient.Builder builder =
        base.newBuilder()
            // Health checks must not ride a kept-alive connection: a pool that keeps nothing idle.
            .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
            .retryOnConnectionFailure(false)
            // A probe targets one address; racing IPv4 and IPv6 connects on extra threads only
            // costs CPU (about 15% per probe, docs/PERFORMANCE.md).
            .fastFallback(false)
            .callTimeout(spec.timeout())
            .connectTimeout(spec.timeout())
            .readTimeout(spec.timeout())
            .writeTimeout(spec.timeout())
            .followRedirects(probe.followRedirects())
            .followSslRedirects(probe.followRedirects());
    spec.sourceAddress()
        .ifPresent(address -> builder.socketFactory(SourceAddress.socketFactory(address)));
    virtualHost(probe).ifPresent(host -> builder.dns(pinnedDns(host, originalHost(probe))));
    if (!probe.tlsVerify()) {
      TrustAll trustAll = new TrustAll();
      builder.sslSocketFactory(trustAll.context().getSocketFactory(), trustAll);
      builder.hostnameVerifier((hostname, session) -> true);
    }
    return builder.build();
  }

  private static Request request(Probe.Http probe) {
    HttpUrl url = HttpUrl.get(probe.url().toString());
    Optional<String> host = virtualHost(probe);
    if (host.isPresent()) {
      url = url.newBuilder().host(host.get()).build();
    }
    String method = probe.method().toUpperCase(Locale.ROOT);
    RequestBody body = METHODS_WITH_BODY.contains(method) ? RequestBody.create(new byte[0]) : null;
    Request.Builder builder = new Request.Builder().url(url).method(method, body);
    for (Map.Entry<String, String> header : probe.headers().entrySet()) {
      builder.addHeader(header.getKey(), header.getValue());
    }
    return builder.build();
  }

  private static String invalidPart(Probe.Http probe, IllegalArgumentException e) {
    for (String name : probe.headers().keySet()) {
      try {
        new Request.Builder().url("http://localhost/").addHeader(name, probe.headers().get(name));
      } catch (IllegalArgumentException headerError) {
        return "header " + name + " has a character HTTP does not allow";
      }
    }
    String message = e.getMessage() == null ? "" : e.getMessage();
    return message.isEmpty() ? "url " + probe.url() : message;
  }

  private static Optional<String> virtualHost(Probe.Http probe) {
    return probe.host().filter(host -> !host.equalsIgnoreCase(originalHost(probe)));
  }

  private static String originalHost(Probe.Http probe) {
    return HttpUrl.get(probe.url().toString()).host();
  }

  /** Resolves {@code name} to where the URL pointed; every other name resolves as usual. */
  private static Dns pinnedDns(String name, String originalHost) {
    return hostname -> {
      if (!hostname.equalsIgnoreCase(name)) {
        return Dns.SYSTEM.lookup(hostname);
      }
      if (isIpLiteral(originalHost)) {
        return List.of(InetAddress.getByName(originalHost)); // a literal: parsed, never looked up
      }
      return Dns.SYSTEM.lookup(originalHost);
    };
  }

  private static boolean isIpLiteral(String host) {
    return host.contains(":") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
  }

  /** {@code tlsVerify: false}: accepts any certificate, for this one checker only. */
  private static final class TrustAll implements X509TrustManager {

    SSLContext context() {
      try {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {this}, new SecureRandom());
        return context;
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException("no TLS in this JVM", e);
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}

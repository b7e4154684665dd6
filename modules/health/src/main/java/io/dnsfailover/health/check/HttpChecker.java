package io.dnsfailover.health.check;

import io.dnsfailover.core.config.CheckSpec;
import io.dnsfailover.core.config.Probe;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.net.PercentCodec;

/**
 * {@code http} and {@code https}: one request on a fresh connection ({@link HttpExchange}); healthy
 * when the status is expected and the body matches.
 *
 * <p>When {@code host} is set, the request goes to the URL's address but names {@code host}
 * everywhere a virtual host matters: the Host header, the TLS server name (SNI) and the name the
 * certificate is verified against. With {@code followRedirects}, up to {@value #MAX_REDIRECTS}
 * redirects are followed (http to https too).
 *
 * <p>User info in the URL ({@code http://user:password@host/}) is sent as HTTP Basic authentication
 * the way curl sends it: user and password split at the first colon, each percent-decoded, as UTF-8
 * (no password is an empty one). An {@code Authorization} header in {@code headers} wins over it.
 * Credentials ({@code Authorization}, {@code Cookie}, {@code Proxy-Authorization}) go only to the
 * origin they were meant for: a redirect to another host, port or scheme leaves them behind, as
 * curl does, so they never travel on to another server or in clear text after https.
 */
final class HttpChecker extends AbstractChecker {

  static final int MAX_REDIRECTS = 10;

  private static final List<Probe.StatusRange> DEFAULT_EXPECT =
      List.of(new Probe.StatusRange(200, 299));
  private static final int MAX_BODY_CHARS = 1024 * 1024;
  private static final Set<String> METHODS_WITH_BODY = Set.of("POST", "PUT", "PATCH");
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  /** Headers that carry credentials: not sent on to another host by a redirect. */
  private static final Set<String> CREDENTIALS =
      Set.of("authorization", "cookie", "proxy-authorization");

  private final Optional<HttpTarget> target;
  private final String invalidRequest;
  private final String method;
  private final Map<String, String> headers;
  private final HttpExchange.Tls tls;
  private final Optional<String> sourceAddress;
  private final List<Probe.StatusRange> expectStatus;
  private final Optional<Pattern> bodyMatches;
  private final boolean followRedirects;

  /**
   * @param trusted the TLS socket factory that verifies certificates (the JVM's trust store, unless
   *     a test passes its own)
   */
  HttpChecker(Probe.Http probe, CheckSpec spec, SSLSocketFactory trusted, Clock clock) {
    super(spec, clock);
    this.method = probe.method().toUpperCase(Locale.ROOT);
    this.headers = withBasicAuthorization(probe.headers(), probe.url());
    this.tls =
        probe.tlsVerify()
            ? new HttpExchange.Tls(trusted, true)
            : new HttpExchange.Tls(TrustAll.FACTORY, false);
    this.sourceAddress = spec.sourceAddress();
    this.expectStatus = probe.expectStatus().isEmpty() ? DEFAULT_EXPECT : probe.expectStatus();
    this.bodyMatches = probe.bodyMatches();
    this.followRedirects = probe.followRedirects();
    Optional<HttpTarget> parsed = Optional.empty();
    String invalid = invalidHeader(headers);
    if (invalid.isEmpty()) {
      try {
        parsed = Optional.of(HttpTarget.of(probe.url(), probe.host()));
      } catch (IllegalArgumentException e) {
        invalid =
            e.getMessage() == null
                ? "url " + Probe.Http.redactPassword(probe.url().toString())
                : e.getMessage();
      }
    }
    this.target = parsed;
    this.invalidRequest = "invalid request: " + invalid;
  }

  @Override
  Attempt attempt() throws Exception {
    if (target.isEmpty()) {
      return Attempt.failure(invalidRequest);
    }
    long deadline = System.nanoTime() + timeout().toNanos();
    Optional<InetAddress> source =
        sourceAddress.isPresent()
            ? Optional.of(SourceAddress.parse(sourceAddress.get()))
            : Optional.empty();
    HttpTarget to = target.get();
    String verb = method;
    Map<String, String> sent = headers;
    for (int redirects = 0; ; redirects++) {
      try (HttpExchange exchange = HttpExchange.open(to, source, tls, deadline)) {
        ClassicHttpResponse response = exchange.send(request(to, verb, sent));
        int code = response.getCode();
        Header location = response.getFirstHeader(HttpHeaders.LOCATION);
        if (!followRedirects || !REDIRECTS.contains(code) || location == null) {
          return judge(code, response.getEntity());
        }
        if (redirects == MAX_REDIRECTS) {
          return Attempt.failure("more than " + MAX_REDIRECTS + " redirects");
        }
        HttpTarget next = to.redirect(location.getValue());
        verb = methodAfterRedirect(code, verb);
        sent = next.sameOrigin(to) ? sent : withoutCredentials(sent);
        to = next;
      } catch (HttpException e) {
        return Attempt.failure("bad HTTP response: " + e.getMessage());
      }
    }
  }

  private Attempt judge(int code, HttpEntity entity) throws Exception {
    if (expectStatus.stream().noneMatch(range -> range.contains(code))) {
      return Attempt.failure("HTTP " + code + expectationSuffix());
    }
    if (bodyMatches.isPresent()) {
      String body =
          entity == null
              ? ""
              : EntityUtils.toString(entity, StandardCharsets.UTF_8, MAX_BODY_CHARS);
      if (!bodyMatches.get().matcher(body).find()) {
        return Attempt.failure("body does not match /" + bodyMatches.get().pattern() + "/");
      }
    }
    return Attempt.success("HTTP " + code);
  }

  private static ClassicHttpRequest request(
      HttpTarget target, String method, Map<String, String> headers) {
    ClassicHttpRequest request = new BasicClassicHttpRequest(method, target.pathAndQuery());
    headers.forEach(request::addHeader);
    if (!request.containsHeader(HttpHeaders.HOST)) {
      request.setHeader(HttpHeaders.HOST, target.authority());
    }
    request.setHeader(HttpHeaders.CONNECTION, "close"); // one request per connection, always
    if (METHODS_WITH_BODY.contains(method)) {
      request.setEntity(new ByteArrayEntity(new byte[0], null)); // Content-Length: 0
    }
    return request;
  }

  /** 303, and 301/302 after a POST, continue with GET (as browsers do); others keep the method. */
  private static String methodAfterRedirect(int code, String method) {
    if (code == 303 || ((code == 301 || code == 302) && method.equals("POST"))) {
      return "GET";
    }
    return method;
  }

  /**
   * {@code headers} plus the {@code Authorization} header the URL's user info stands for, unless
   * {@code headers} has one already.
   */
  private static Map<String, String> withBasicAuthorization(Map<String, String> headers, URI url) {
    String userInfo = url.getRawUserInfo();
    boolean explicit =
        headers.keySet().stream()
            .anyMatch(name -> name.equalsIgnoreCase(HttpHeaders.AUTHORIZATION));
    if (userInfo == null || explicit) {
      return headers;
    }
    int colon = userInfo.indexOf(':');
    String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
    String password = colon < 0 ? "" : userInfo.substring(colon + 1);
    String pair =
        PercentCodec.decode(user, StandardCharsets.UTF_8)
            + ":"
            + PercentCodec.decode(password, StandardCharsets.UTF_8);
    Map<String, String> withAuthorization = new LinkedHashMap<>(headers);
    withAuthorization.put(
        HttpHeaders.AUTHORIZATION,
        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    return withAuthorization;
  }

  private static Map<String, String> withoutCredentials(Map<String, String> headers) {
    Map<String, String> kept = new LinkedHashMap<>(headers);
    kept.keySet().removeIf(name -> CREDENTIALS.contains(name.toLowerCase(Locale.ROOT)));
    return kept;
  }

  /** "HTTP 503" speaks for itself against the default 2xx; other expectations are spelled out. */
  private String expectationSuffix() {
    if (expectStatus.equals(DEFAULT_EXPECT)) {
      return "";
    }
    return ", expected " + String.join(",", expectStatus.stream().map(String::valueOf).toList());
  }

  /**
   * The first header HTTP would not carry, named but never quoted (its value can hold a token);
   * empty when all are fine. Names are RFC 9110 tokens; values are visible ASCII, space and tab.
   */
  private static String invalidHeader(Map<String, String> headers) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      String name = header.getKey();
      boolean validName = !name.isEmpty() && name.chars().allMatch(HttpChecker::isTokenChar);
      boolean validValue =
          header.getValue().chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f));
      if (!validName || !validValue) {
        return "header " + (validName ? name : "name") + " has a character HTTP does not allow";
      }
    }
    return "";
  }

  private static boolean isTokenChar(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  /** {@code tlsVerify: false}: accepts any certificate, for the checkers that ask for it only. */
  private static final class TrustAll implements X509TrustManager {

    static final SSLSocketFactory FACTORY = new TrustAll().context().getSocketFactory();

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

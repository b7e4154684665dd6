package io.dnsfailover.health.check;

import io.dnsfailover.core.config.CheckSpec;
import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.core.config.Probe;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/** Builds endpoints the way the config loader would, for checker tests. */
final class Checks {

  static final Duration TIMEOUT = Duration.ofSeconds(2);

  private Checks() {}

  static EndpointConfig endpoint(Probe probe) {
    return endpoint(probe, TIMEOUT, Optional.empty(), Optional.empty());
  }

  static EndpointConfig endpoint(
      Probe probe, Duration timeout, Optional<Duration> maxLatency, Optional<String> source) {
    CheckSpec spec =
        new CheckSpec(timeout.multipliedBy(5), timeout, 2, 3, maxLatency, source, probe);
    return new EndpointConfig("app.example.test./A/primary", "primary", "127.0.0.1", 1, 1, spec);
  }

  static Probe.Http http(String url) {
    return new HttpProbe(url).build();
  }

  static DefaultCheckerFactory factory() {
    return new DefaultCheckerFactory();
  }

  static DefaultCheckerFactory factory(SSLContext tls) {
    return new DefaultCheckerFactory(tls, Clock.systemUTC());
  }

  /** A mutable builder for {@link Probe.Http}, with the config's defaults. */
  static final class HttpProbe {
    String url;
    String method = "GET";
    Optional<String> host = Optional.empty();
    Map<String, String> headers = Map.of();
    List<Probe.StatusRange> expectStatus = List.of();
    Optional<Pattern> bodyMatches = Optional.empty();
    boolean followRedirects = false;
    boolean tlsVerify = true;

    HttpProbe(String url) {
      this.url = url;
    }

    Probe.Http build() {
      String type = url.startsWith("https") ? "https" : "http";
      return new Probe.Http(
          type,
          URI.create(url),
          method,
          host,
          headers,
          expectStatus,
          bodyMatches,
          followRedirects,
          tlsVerify);
    }
  }
}

package io.dnsfailover.health.check;

import io.dnsfailover.core.config.Probe;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where one HTTP request goes: the name it carries (Host header, TLS server name, the name the
 * certificate is verified against) and the address it connects to, which differ when the check sets
 * {@code host}.
 *
 * @param scheme {@code http} or {@code https}
 * @param name the host name the request names
 * @param connectTo the host or address the connection opens to
 * @param port the port, the scheme's default filled in
 * @param pathAndQuery the request target, at least {@code /}
 */
record HttpTarget(String scheme, String name, String connectTo, int port, String pathAndQuery) {

  /** The target of a check's URL; {@code host} renames it but keeps the URL's address. */
  static HttpTarget of(URI url, Optional<String> host) {
    HttpTarget target = parse(url);
    return host.map(name -> target.renamed(name.toLowerCase(Locale.ROOT))).orElse(target);
  }

  /**
   * The target a redirect's {@code Location} points to, resolved against this one. A redirect to
   * the name this target carries goes to the same address, as the first request did.
   *
   * @throws IllegalArgumentException when the location is not an http or https URL
   */
  HttpTarget redirect(String location) {
    URI here = URI.create(scheme + "://" + authority() + pathAndQuery);
    URI next;
    try {
      next = here.resolve(new URI(location.trim()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IllegalArgumentException("redirect to an invalid location", e);
    }
    HttpTarget target = parse(next);
    return target.name.equals(name) ? target.connectingTo(connectTo) : target;
  }

  /** Same scheme, name and port: where credentials meant for one may go to the other. */
  boolean sameOrigin(HttpTarget other) {
    return scheme.equals(other.scheme) && name.equals(other.name) && port == other.port;
  }

  boolean tls() {
    return scheme.equals("https");
  }

  /** The Host header's value: the name, with the port only when it is not the default. */
  String authority() {
    String host = name.contains(":") ? "[" + name + "]" : name;
    return port == defaultPort(scheme) ? host : host + ":" + port;
  }

  /** The port of the Host header: -1 (left out) for the scheme's default. */
  int authorityPort() {
    return port == defaultPort(scheme) ? -1 : port;
  }

  /** Whether the name is an IP address (no TLS server name, no DNS lookup). */
  static boolean isIpLiteral(String host) {
    return host.contains(":") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
  }

  private HttpTarget renamed(String newName) {
    return new HttpTarget(scheme, newName, connectTo, port, pathAndQuery);
  }

  private HttpTarget connectingTo(String address) {
    return new HttpTarget(scheme, name, address, port, pathAndQuery);
  }

  private static HttpTarget parse(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "url " + Probe.Http.redactPassword(url.toString()) + " is not an http or https URL");
    }
    String host = url.getHost();
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException(
          "url " + Probe.Http.redactPassword(url.toString()) + " has no host");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    host = host.toLowerCase(Locale.ROOT); // names are case-insensitive: one spelling
    int port = url.getPort() < 0 ? defaultPort(scheme) : url.getPort();
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    String target = url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    return new HttpTarget(scheme, host, host, port, target);
  }

  private static int defaultPort(String scheme) {
    return scheme.equals("https") ? 443 : 80;
  }
}

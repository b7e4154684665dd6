package io.dnsfailover.core.config;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** What one check type probes, with its type-specific keys. */
public sealed interface Probe {

  /** The check type as the config writes it. */
  String type();

  /**
   * {@code http} and {@code https}: one request; healthy when the status is expected, the body
   * matches and it was fast enough.
   *
   * <p>The URL's user info ({@code http://user:password@host/}) is a credential, sent as HTTP Basic
   * authentication, and header values often are too: {@link #toString} shows the URL with its
   * password masked ({@link #redactPassword}) and the headers by name only.
   *
   * @param url the URL, user info included
   * @param host the Host header and TLS server name, when it differs from the URL's host
   * @param expectStatus status codes or ranges that count as healthy
   * @param tlsVerify verify the server's certificate and host name (default true)
   */
  record Http(
      String type,
      URI url,
      String method,
      Optional<String> host,
      Map<String, String> headers,
      List<StatusRange> expectStatus,
      Optional<Pattern> bodyMatches,
      boolean followRedirects,
      boolean tlsVerify)
      implements Probe {
    public Http {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(method, "method");
      headers = Map.copyOf(headers);
      expectStatus = List.copyOf(expectStatus);
    }

    /**
     * {@code url} as output may show it: the password of its user info, if any, replaced by {@code
     * ***} ({@code http://probe:***@host/}); user info without a password is replaced whole ({@code
     * http://***@host/}), since that is where a lone token goes. Works on text that does not parse
     * as a URL too, so error messages can use it.
     */
    public static String redactPassword(String url) {
      int schemeEnd = url.indexOf("://");
      if (schemeEnd < 0) {
        return url;
      }
      int authorityStart = schemeEnd + 3;
      int authorityEnd = authorityStart;
      while (authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
        authorityEnd++;
      }
      int at = url.lastIndexOf('@', authorityEnd - 1);
      if (at < authorityStart) {
        return url;
      }
      int colon = url.indexOf(':', authorityStart);
      int secretStart = colon < 0 || colon > at ? authorityStart : colon + 1;
      return url.substring(0, secretStart) + "***" + url.substring(at);
    }

    @Override
    public String toString() {
      return "Http[type="
          + type
          + ", url="
          + redactPassword(url.toString())
          + ", method="
          + method
          + ", host="
          + host
          + ", headers="
          + new TreeSet<>(headers.keySet())
          + ", expectStatus="
          + expectStatus
          + ", bodyMatches="
          + bodyMatches
          + ", followRedirects="
          + followRedirects
          + ", tlsVerify="
          + tlsVerify
          + "]";
    }
  }

  /** {@code tcp}: healthy when a connection to {@code host:port} opens in time. */
  record Tcp(String host, int port) implements Probe {
    @Override
    public String type() {
      return "tcp";
    }
  }

  /** {@code icmp}: {@code count} echo requests; healthy when loss is at most the limit. */
  record Icmp(String host, int count, int maxLossPercent) implements Probe {
    @Override
    public String type() {
      return "icmp";
    }
  }

  /**
   * {@code dns}: asks {@code server} for {@code query}/{@code qtype}; healthy on a NOERROR answer
   * that holds every value in {@code expect} (any answer with records when it is empty).
   */
  record Dns(String server, int port, String query, String qtype, List<String> expect)
      implements Probe {
    public Dns {
      expect = List.copyOf(expect);
    }

    @Override
    public String type() {
      return "dns";
    }
  }

  /** An inclusive range of HTTP status codes; a single code is a range of one. */
  record StatusRange(int from, int to) {
    public boolean contains(int status) {
      return status >= from && status <= to;
    }

    @Override
    public String toString() {
      return from == to ? Integer.toString(from) : from + "-" + to;
    }
  }
}

package io.dnsfailover.provider.rfc2136;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the primary server listens, as the config writes it: {@code host}, {@code host:port}, an
 * IPv6 literal in brackets with or without a port ({@code [2001:db8::53]:5353}), or a bare IPv6
 * literal (port 53). The host is resolved when the provider first talks to the server, never while
 * the config is checked.
 */
record ServerAddress(String host, int port) {

  static final int DEFAULT_PORT = 53;

  /** Letters, digits, hyphens, underscores and dots: host names and IPv4 literals. */
  private static final Pattern HOST =
      Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_.])?");

  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");

  ServerAddress {
    Objects.requireNonNull(host, "host");
  }

  /**
   * Parses {@code text}; throws {@link IllegalArgumentException} with a message that says what is
   * allowed.
   */
  static ServerAddress parse(String text) {
    String value = text.strip();
    if (value.isEmpty()) {
      throw new IllegalArgumentException(
          "is empty: write the primary server as host or host:port, like ns1.example.com:53");
    }
    if (value.startsWith("[")) {
      int close = value.indexOf(']');
      if (close < 0) {
        throw invalid(value, "an IPv6 address in brackets needs its ']', like [2001:db8::53]:53");
      }
      String host = value.substring(1, close);
      String rest = value.substring(close + 1);
      if (!IPV6.matcher(host).matches() || !host.contains(":")) {
        throw invalid(value, "'" + host + "' in brackets is not an IPv6 address");
      }
      if (rest.isEmpty()) {
        return new ServerAddress(host, DEFAULT_PORT);
      }
      if (!rest.startsWith(":")) {
        throw invalid(value, "write [IPv6]:port, like [2001:db8::53]:53");
      }
      return new ServerAddress(host, port(value, rest.substring(1)));
    }
    int colons = value.length() - value.replace(":", "").length();
    if (colons > 1) {
      if (!IPV6.matcher(value).matches()) {
        throw invalid(value, "write an IPv6 address with a port in brackets, like [::1]:5353");
      }
      return new ServerAddress(value, DEFAULT_PORT);
    }
    String host = colons == 1 ? value.substring(0, value.indexOf(':')) : value;
    int port = colons == 1 ? port(value, value.substring(value.indexOf(':') + 1)) : DEFAULT_PORT;
    if (!HOST.matcher(host).matches()) {
      throw invalid(value, "'" + host + "' is not a host name or IP address");
    }
    return new ServerAddress(host, port);
  }

  private static int port(String value, String port) {
    try {
      int parsed = Integer.parseInt(port);
      if (parsed >= 1 && parsed <= 65535) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(value, "'" + port + "' is not a port: write a number from 1 to 65535");
  }

  private static IllegalArgumentException invalid(String value, String why) {
    return new IllegalArgumentException("'" + value + "' is not host or host:port: " + why);
  }

  /** {@code host:port}, the IPv6 host in brackets: how messages name the server. */
  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}

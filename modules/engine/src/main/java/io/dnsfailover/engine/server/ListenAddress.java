package io.dnsfailover.engine.server;

import java.net.InetSocketAddress;

/** Parses {@code --listen HOST:PORT}: {@code 127.0.0.1:9090}, {@code [::1]:9090}, {@code :9090}. */
public final class ListenAddress {

  private ListenAddress() {}

  /**
   * The address to bind. An empty host ({@code :9090}) binds every interface, which the user asks
   * for explicitly; port 0 picks a free port.
   *
   * @throws IllegalArgumentException with a message that says what is wrong and what to write
   */
  public static InetSocketAddress parse(String text) {
    String value = text.strip();
    int colon = value.lastIndexOf(':');
    if (colon < 0) {
      throw invalid(text, "it has no port");
    }
    String host = value.substring(0, colon);
    String portText = value.substring(colon + 1);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw invalid(text, "an IPv6 address needs brackets, as in [::1]:9090");
    }
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw invalid(text, "the port is not a number");
    }
    if (port < 0 || port > 65535) {
      throw invalid(text, "the port must be 0..65535");
    }
    if (host.isEmpty()) {
      return new InetSocketAddress(port);
    }
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw invalid(text, "the host " + host + " does not resolve");
    }
    return address;
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException(
        "--listen was '" + text + "' but " + why + " (expected HOST:PORT, e.g. 127.0.0.1:9090)");
  }
}

package io.dnsfailover.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A zone's {@code verify:} block: the authoritative servers that must answer a change before it
 * counts as done, and how long to wait for them.
 *
 * @param servers queried directly (no recursion), each until it answers the change
 * @param timeout how long after the apply every server has to answer it
 */
public record VerifyConfig(List<Server> servers, Duration timeout) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** One server: a host name or IP literal and a port. */
  public record Server(String host, int port) {
    public Server {
      Objects.requireNonNull(host, "host");
    }

    /** {@code 127.0.0.1:53}, {@code [::1]:5353}, {@code ns1.example.test:53}. */
    @Override
    public String toString() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  public VerifyConfig {
    servers = List.copyOf(servers);
    Objects.requireNonNull(timeout, "timeout");
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("verify needs at least one server");
    }
  }
}

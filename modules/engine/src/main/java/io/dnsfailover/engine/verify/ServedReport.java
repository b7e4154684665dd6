package io.dnsfailover.engine.verify;

import io.dnsfailover.core.config.VerifyConfig;
import io.dnsfailover.spi.DnsName;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether each server of a zone's {@code verify:} block serves what was applied, and when.
 *
 * @param waited from the start of the check until the last server answered or the timeout
 */
public record ServedReport(DnsName zone, List<Server> servers, Duration waited) {

  /**
   * One server's verdict.
   *
   * @param servedAfter how long after the check started it answered everything; empty when it did
   *     not within the timeout
   * @param mismatches what it still answered instead, one line per record, when not served
   */
  public record Server(
      VerifyConfig.Server server, Optional<Duration> servedAfter, List<String> mismatches) {
    public Server {
      Objects.requireNonNull(server, "server");
      Objects.requireNonNull(servedAfter, "servedAfter");
      mismatches = List.copyOf(mismatches);
    }

    public boolean served() {
      return servedAfter.isPresent();
    }
  }

  public ServedReport {
    Objects.requireNonNull(zone, "zone");
    servers = List.copyOf(servers);
    Objects.requireNonNull(waited, "waited");
  }

  public long servedCount() {
    return servers.stream().filter(Server::served).count();
  }

  public boolean allServed() {
    return servedCount() == servers.size();
  }

  /**
   * The line {@code once} prints: "Served: 2/2 servers answer the change to example.test. after 0.4
   * s", or "... within 30.0 s" when some did not.
   */
  public String summary() {
    return "Served: "
        + servedCount()
        + "/"
        + servers.size()
        + " servers answer the change to "
        + zone
        + (allServed() ? " after " : " within ")
        + seconds(waited)
        + " s";
  }

  /**
   * One line per server that does not serve the change: "not served by 127.0.0.1:5300 after 30.0 s:
   * app.example.test. A answers 192.0.2.10, not 192.0.2.20".
   */
  public List<String> notServed() {
    return servers.stream()
        .filter(server -> !server.served())
        .map(
            server ->
                "not served by "
                    + server.server()
                    + " after "
                    + seconds(waited)
                    + " s: "
                    + String.join("; ", server.mismatches()))
        .toList();
  }

  /** Seconds with one decimal, as the summary writes them: "0.4". */
  public static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
  }
}

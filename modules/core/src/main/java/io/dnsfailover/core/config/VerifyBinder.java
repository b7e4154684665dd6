package io.dnsfailover.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Binds a zone's {@code verify:} block: {@code servers} ("host:port", ...) and {@code timeout}. */
final class VerifyBinder {

  static final List<String> KEYS = List.of("servers", "timeout");

  private static final int DNS_PORT = 53;
  private static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
  private static final String SERVER_FORMAT =
      "host:port, like 127.0.0.1:53, [::1]:5353 or ns1.example.test (port 53 by default)";

  private final ValueReader values;

  VerifyBinder(ValueReader values) {
    this.values = values;
  }

  /**
   * The zone's verify settings: empty when there is no block; {@code Optional.of(empty)} when the
   * block has a problem (reported).
   */
  Optional<Optional<VerifyConfig>> bind(Fields zone) {
    Optional<Node> node = zone.get("verify");
    if (node.isEmpty()) {
      return Optional.of(Optional.empty());
    }
    String path = zone.path("verify");
    Optional<Fields> maybeFields =
        Fields.of(node.get(), path, values, "a mapping with servers and timeout");
    if (maybeFields.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = maybeFields.get();
    fields.allowOnly(KEYS, "verify");
    Optional<List<VerifyConfig.Server>> servers =
        fields
            .required("servers", "list the authoritative servers to ask, like [127.0.0.1:53]")
            .flatMap(at -> servers(at, fields.path("servers")));
    Duration timeout = VerifyConfig.DEFAULT_TIMEOUT;
    boolean complete = servers.isPresent();
    if (fields.get("timeout").isPresent()) {
      Optional<Duration> value = fields.duration("timeout");
      if (value.isPresent() && (value.get().isZero() || value.get().compareTo(MAX_TIMEOUT) > 0)) {
        values
            .problems()
            .error(
                fields.get("timeout").orElseThrow(),
                fields.path("timeout"),
                "must be more than 0 and at most 10m");
        value = Optional.empty();
      }
      complete &= value.isPresent();
      timeout = value.orElse(timeout);
    }
    if (!complete) {
      return Optional.empty();
    }
    return Optional.of(Optional.of(new VerifyConfig(servers.orElseThrow(), timeout)));
  }

  private Optional<List<VerifyConfig.Server>> servers(Node node, String path) {
    Optional<Node.Sequence> list = values.list(node, path, "a list of " + SERVER_FORMAT);
    if (list.isEmpty()) {
      return Optional.empty();
    }
    if (list.get().items().isEmpty()) {
      values.problems().error(list.get(), path, "is empty: list at least one server");
      return Optional.empty();
    }
    List<VerifyConfig.Server> servers = new ArrayList<>();
    boolean complete = true;
    for (int i = 0; i < list.get().items().size(); i++) {
      Node item = list.get().items().get(i);
      String itemPath = KeyPaths.index(path, i);
      Optional<VerifyConfig.Server> server =
          values.text(item, itemPath, SERVER_FORMAT).flatMap(text -> server(item, itemPath, text));
      server.ifPresent(servers::add);
      complete &= server.isPresent();
    }
    return complete ? Optional.of(servers) : Optional.empty();
  }

  private Optional<VerifyConfig.Server> server(Node at, String path, String text) {
    Optional<VerifyConfig.Server> server = parse(text.trim());
    if (server.isEmpty()) {
      values
          .problems()
          .error(at, path, ValueReader.quote(at) + " is not a server: write " + SERVER_FORMAT);
    }
    return server;
  }

  /**
   * {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}; a bare IPv6 literal too.
   */
  static Optional<VerifyConfig.Server> parse(String text) {
    String host;
    String port = null;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        return Optional.empty();
      }
      host = text.substring(1, close);
      String rest = text.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          return Optional.empty();
        }
        port = rest.substring(1);
      }
      if (!Addresses.isIpv6(host)) {
        return Optional.empty();
      }
    } else if (Addresses.isIpv6(text)) {
      host = text;
    } else {
      int colon = text.lastIndexOf(':');
      host = colon < 0 ? text : text.substring(0, colon);
      port = colon < 0 ? null : text.substring(colon + 1);
      String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
      if (!Addresses.isIpv4(host) && !Addresses.isHostName(name) && !name.equals("localhost")) {
        return Optional.empty();
      }
    }
    int number = DNS_PORT;
    if (port != null) {
      if (!port.matches("\\d{1,5}")) {
        return Optional.empty();
      }
      number = Integer.parseInt(port);
      if (number < 1 || number > 65535) {
        return Optional.empty();
      }
    }
    return Optional.of(new VerifyConfig.Server(host, number));
  }
}

package io.dnsfailover.core.config;

import io.dnsfailover.core.config.ClusterConfig.EtcdConnection;
import io.dnsfailover.core.config.ClusterConfig.Quorum;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Binds the optional {@code cluster:} block. Its {@code etcd:} keys are the {@code coredns}
 * provider's connection keys; they are read here from the located YAML (so every mistake has its
 * line and column) rather than through the provider, which sees only untyped settings and may not
 * depend on core.
 */
final class ClusterBinder {

  static final List<String> KEYS = List.of("etcd", "member", "quorum", "leaseTtl");
  static final List<String> ETCD_KEYS =
      List.of(
          "endpoints",
          "username",
          "password",
          "caFile",
          "certFile",
          "keyFile",
          "dialTimeout",
          "requestTimeout");

  // The member name is part of etcd keys and of log lines.
  private static final Pattern MEMBER = Pattern.compile("[A-Za-z0-9_.-]{1,63}");
  private static final Duration MIN_LEASE_TTL = Duration.ofSeconds(1);
  private static final Duration MAX_LEASE_TTL = Duration.ofMinutes(10);

  private final ValueReader values;

  ClusterBinder(ValueReader values) {
    this.values = values;
  }

  /**
   * {@code Optional.empty()} when there is no cluster block; {@code Optional.of(empty)} when there
   * is one with a problem (already reported).
   */
  Optional<Optional<ClusterConfig>> bind(Fields top) {
    Optional<Node> node = top.get("cluster");
    if (node.isEmpty() || node.get() instanceof Node.Scalar scalar && scalar.isNull()) {
      return Optional.empty();
    }
    Optional<Fields> maybeFields =
        Fields.of(
            node.get(), "cluster", values, "a mapping with etcd, member, quorum and leaseTtl");
    if (maybeFields.isEmpty()) {
      return Optional.of(Optional.empty());
    }
    Fields fields = maybeFields.get();
    int before = values.problems().count();
    fields.allowOnly(KEYS, "cluster");
    Optional<EtcdConnection> etcd =
        fields
            .required("etcd", "write etcd: { endpoints: [http://127.0.0.1:2379] }")
            .flatMap(this::etcd);
    String member = member(fields).orElse(ClusterConfig.hostName());
    Quorum quorum = quorum(fields).orElse(new Quorum.Majority());
    Duration leaseTtl = leaseTtl(fields).orElse(ClusterConfig.DEFAULT_LEASE_TTL);
    if (etcd.isEmpty() || values.problems().count() > before) {
      return Optional.of(Optional.empty());
    }
    return Optional.of(Optional.of(new ClusterConfig(etcd.get(), member, quorum, leaseTtl)));
  }

  private Optional<EtcdConnection> etcd(Node node) {
    Optional<Fields> maybeFields =
        Fields.of(node, "cluster.etcd", values, "a mapping with endpoints and credentials");
    if (maybeFields.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = maybeFields.get();
    int before = values.problems().count();
    fields.allowOnly(ETCD_KEYS, "cluster.etcd");
    List<URI> endpoints = endpoints(fields);
    Optional<String> username = nonBlank(fields, "username");
    Optional<String> password = fields.text("password", "the etcd password, like ${ETCD_PASSWORD}");
    if (password.isPresent() && username.isEmpty()) {
      error(fields, "password", "is set but username is not: etcd needs both");
    }
    Optional<Path> caFile = nonBlank(fields, "caFile").map(Path::of);
    Optional<Path> certFile = nonBlank(fields, "certFile").map(Path::of);
    Optional<Path> keyFile = nonBlank(fields, "keyFile").map(Path::of);
    if (certFile.isPresent() != keyFile.isPresent()) {
      error(
          fields,
          certFile.isPresent() ? "certFile" : "keyFile",
          "certFile and keyFile go together: a client certificate needs its key");
    }
    Duration dial = positive(fields, "dialTimeout").orElse(EtcdConnection.DEFAULT_DIAL_TIMEOUT);
    Duration request =
        positive(fields, "requestTimeout").orElse(EtcdConnection.DEFAULT_REQUEST_TIMEOUT);
    if (values.problems().count() > before || endpoints.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new EtcdConnection(
            endpoints, username, password, caFile, certFile, keyFile, dial, request));
  }

  /** A list of URLs, or one text of comma-separated URLs (handy with ${ETCD_ENDPOINTS}). */
  private List<URI> endpoints(Fields fields) {
    String expected = "etcd client URLs, like [http://10.0.0.1:2379, http://10.0.0.2:2379]";
    Optional<Node> node = fields.required("endpoints", "write endpoints: " + expected);
    if (node.isEmpty()) {
      return List.of();
    }
    List<Node> items =
        node.get() instanceof Node.Sequence sequence ? sequence.items() : List.of(node.get());
    List<URI> endpoints = new ArrayList<>();
    for (Node item : items) {
      Optional<String> text = values.text(item, fields.path("endpoints"), expected);
      if (text.isEmpty()) {
        continue;
      }
      for (String part : text.get().split(",")) {
        String trimmed = part.trim();
        if (!trimmed.isEmpty()) {
          url(item, fields.path("endpoints"), trimmed).ifPresent(endpoints::add);
        }
      }
    }
    if (endpoints.isEmpty() && values.problems().count() == 0) {
      values.problems().error(node.get(), fields.path("endpoints"), "is empty: list " + expected);
    }
    return endpoints;
  }

  private Optional<URI> url(Node at, String path, String text) {
    try {
      URI uri = new URI(text);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null
          && uri.getPort() >= 0) {
        return Optional.of(uri);
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    values
        .problems()
        .error(
            at,
            path,
            ValueReader.quote(at)
                + " is not an etcd URL: write http://HOST:PORT or https://HOST:PORT");
    return Optional.empty();
  }

  private Optional<String> member(Fields fields) {
    String expected = "a member name of 1 to 63 letters, digits, '-', '_' and '.', like eu-west-1";
    return fields
        .text("member", expected)
        .map(String::trim)
        .filter(
            name -> {
              if (MEMBER.matcher(name).matches()) {
                return true;
              }
              error(
                  fields,
                  "member",
                  ValueReader.quote(fields.get("member").orElseThrow()) + " is not " + expected);
              return false;
            });
  }

  private Optional<Quorum> quorum(Fields fields) {
    Optional<Node> node = fields.get("quorum");
    if (node.isEmpty()) {
      return Optional.empty();
    }
    String expected = "majority, or how many members must see an endpoint down, like 2";
    return values
        .text(node.get(), fields.path("quorum"), expected)
        .map(String::trim)
        .flatMap(
            text -> {
              if (text.equals("majority")) {
                return Optional.of(new Quorum.Majority());
              }
              if (text.matches("\\d{1,3}") && Integer.parseInt(text) >= 1) {
                return Optional.of(new Quorum.AtLeast(Integer.parseInt(text)));
              }
              error(fields, "quorum", ValueReader.quote(node.get()) + " is not " + expected);
              return Optional.empty();
            });
  }

  private Optional<Duration> leaseTtl(Fields fields) {
    return fields
        .duration("leaseTtl")
        .filter(
            ttl -> {
              if (ttl.compareTo(MIN_LEASE_TTL) >= 0 && ttl.compareTo(MAX_LEASE_TTL) <= 0) {
                if (ttl.toMillis() % 1000 == 0) {
                  return true;
                }
                error(
                    fields,
                    "leaseTtl",
                    "etcd leases last whole seconds: write a whole number of seconds, like 10s");
                return false;
              }
              error(fields, "leaseTtl", "must be from 1s to 10m, like 10s");
              return false;
            });
  }

  private Optional<String> nonBlank(Fields fields, String key) {
    Optional<String> text = fields.text(key, "a value");
    if (text.isPresent() && text.get().isBlank()) {
      error(fields, key, "is set but empty: give a value or leave the key out");
      return Optional.empty();
    }
    return text;
  }

  private Optional<Duration> positive(Fields fields, String key) {
    return fields
        .duration(key)
        .filter(
            duration -> {
              if (duration.isZero() || duration.isNegative()) {
                error(fields, key, "must be longer than 0, like 5s");
                return false;
              }
              return true;
            });
  }

  private void error(Fields fields, String key, String message) {
    values.problems().error(fields.get(key).orElseThrow(), fields.path(key), message);
  }
}

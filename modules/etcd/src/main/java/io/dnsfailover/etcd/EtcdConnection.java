package io.dnsfailover.etcd;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How to reach an etcd cluster: the connection keys of the {@code coredns} provider and of {@code
 * cluster.etcd}, checked by {@link EtcdConnectionReader}. {@link #toString()} never shows the
 * password.
 *
 * <p>The defaults, for both users:
 *
 * <ul>
 *   <li>{@code dialTimeout} 5s: how long a connection attempt to one endpoint may take.
 *   <li>{@code requestTimeout} 5s: how long any one etcd call (a read, a transaction, a lease
 *       renewal) may wait for its answer. etcdctl's own default ({@code --command-timeout}) is 5s
 *       too. It must stay well below the cluster's default {@code leaseTtl} of 10s: a member renews
 *       its lease every third of the TTL, and one renewal that hangs for the whole request timeout
 *       must leave time for another before the lease runs out. A slower etcd is a setting away; the
 *       daemon retries a call that timed out on its next cycle.
 * </ul>
 *
 * @param endpoints etcd client URLs, {@code http://HOST:PORT} or {@code https://HOST:PORT}
 * @param username etcd user; present exactly when {@code password} is
 * @param password that user's password (a secret)
 * @param caFile PEM file of the certificate authorities to trust (else the system's)
 * @param certFile PEM client certificate; present exactly when {@code keyFile} is
 * @param keyFile PEM key of {@code certFile}
 * @param dialTimeout see above
 * @param requestTimeout see above
 */
public record EtcdConnection(
    List<URI> endpoints,
    Optional<String> username,
    Optional<String> password,
    Optional<Path> caFile,
    Optional<Path> certFile,
    Optional<Path> keyFile,
    Duration dialTimeout,
    Duration requestTimeout) {

  public static final Duration DEFAULT_DIAL_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

  public EtcdConnection {
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
    Objects.requireNonNull(dialTimeout, "dialTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
  }

  /** {@code endpoints} without credentials or TLS, with the default timeouts. */
  public static EtcdConnection of(List<URI> endpoints) {
    return new EtcdConnection(
        endpoints,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        DEFAULT_DIAL_TIMEOUT,
        DEFAULT_REQUEST_TIMEOUT);
  }

  /** This connection with other timeouts. */
  public EtcdConnection withTimeouts(Duration dialTimeout, Duration requestTimeout) {
    return new EtcdConnection(
        endpoints, username, password, caFile, certFile, keyFile, dialTimeout, requestTimeout);
  }

  /** TLS when a CA or client certificate is given, or any endpoint is {@code https://}. */
  public boolean usesTls() {
    return caFile.isPresent()
        || certFile.isPresent()
        || endpoints.stream().anyMatch(uri -> "https".equals(uri.getScheme()));
  }

  /** The endpoints, comma-separated: how messages name the etcd they talk about. */
  public String endpointList() {
    return endpoints.stream().map(URI::toString).collect(Collectors.joining(","));
  }

  @Override
  public String toString() {
    return "EtcdConnection[endpoints="
        + endpointList()
        + ", username="
        + username.orElse("(none)")
        + ", password="
        + (password.isPresent() ? "****" : "(none)")
        + ", tls="
        + usesTls()
        + ", dialTimeout="
        + dialTimeout
        + ", requestTimeout="
        + requestTimeout
        + "]";
  }
}

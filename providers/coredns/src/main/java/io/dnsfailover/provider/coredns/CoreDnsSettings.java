package io.dnsfailover.provider.coredns;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code coredns} provider's settings, validated. {@link #toString()} never shows the password.
 *
 * @param endpoints etcd client URLs ({@code http://} or {@code https://})
 * @param prefix the SkyDNS path CoreDNS serves, normalised to {@code /name} (no trailing slash)
 * @param ownerPrefix where ownership markers and the key ledger live; outside {@code prefix}
 * @param maxTxnOps the most operations one etcd transaction may hold (etcd's {@code --max-txn-ops})
 */
record CoreDnsSettings(
    List<URI> endpoints,
    String prefix,
    String ownerPrefix,
    Optional<String> username,
    Optional<String> password,
    Optional<String> caFile,
    Optional<String> certFile,
    Optional<String> keyFile,
    Duration dialTimeout,
    Duration requestTimeout,
    int maxTxnOps) {

  static final String DEFAULT_PREFIX = "/skydns";
  static final String DEFAULT_OWNER_PREFIX = "/dnsfailover";
  static final Duration DEFAULT_DIAL_TIMEOUT = Duration.ofSeconds(5);
  static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  static final int DEFAULT_MAX_TXN_OPS = 128;

  CoreDnsSettings {
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(ownerPrefix, "ownerPrefix");
  }

  boolean usesTls() {
    return caFile.isPresent()
        || certFile.isPresent()
        || endpoints.stream().anyMatch(uri -> "https".equals(uri.getScheme()));
  }

  String endpointList() {
    return endpoints.stream().map(URI::toString).collect(Collectors.joining(","));
  }

  @Override
  public String toString() {
    return "CoreDnsSettings[endpoints="
        + endpointList()
        + ", prefix="
        + prefix
        + ", ownerPrefix="
        + ownerPrefix
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
        + ", maxTxnOps="
        + maxTxnOps
        + "]";
  }
}

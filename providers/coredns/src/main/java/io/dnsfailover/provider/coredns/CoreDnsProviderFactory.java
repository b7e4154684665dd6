package io.dnsfailover.provider.coredns;

import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.DnsProviderFactory;
import io.dnsfailover.spi.ProviderConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Creates {@link CoreDnsProvider}s for {@code type: coredns}: records in etcd in the SkyDNS layout
 * that CoreDNS's {@code etcd} plugin serves. See the package documentation for every key.
 */
public final class CoreDnsProviderFactory implements DnsProviderFactory {

  public static final String TYPE = "coredns";

  static final String ENDPOINTS = "endpoints";
  static final String PREFIX = "prefix";
  static final String OWNER_PREFIX = "ownerPrefix";
  static final String USERNAME = "username";
  static final String PASSWORD = "password";
  static final String CA_FILE = "caFile";
  static final String CERT_FILE = "certFile";
  static final String KEY_FILE = "keyFile";
  static final String DIAL_TIMEOUT = "dialTimeout";
  static final String REQUEST_TIMEOUT = "requestTimeout";
  static final String MAX_TXN_OPS = "maxTxnOps";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Set<String> keys() {
    return Set.of(
        ENDPOINTS,
        PREFIX,
        OWNER_PREFIX,
        USERNAME,
        PASSWORD,
        CA_FILE,
        CERT_FILE,
        KEY_FILE,
        DIAL_TIMEOUT,
        REQUEST_TIMEOUT,
        MAX_TXN_OPS);
  }

  @Override
  public Set<String> requiredKeys() {
    return Set.of(ENDPOINTS);
  }

  @Override
  public DnsProvider create(ProviderConfig config) {
    return new CoreDnsProvider(settings(config));
  }

  /** Validates {@code config}; throws {@link IllegalArgumentException} naming the key. */
  static CoreDnsSettings settings(ProviderConfig config) {
    List<URI> endpoints = endpoints(config.strings(ENDPOINTS));
    String prefix = path(PREFIX, config.string(PREFIX).orElse(CoreDnsSettings.DEFAULT_PREFIX));
    String ownerPrefix =
        path(
            OWNER_PREFIX, config.string(OWNER_PREFIX).orElse(CoreDnsSettings.DEFAULT_OWNER_PREFIX));
    if (nested(prefix, ownerPrefix)) {
      throw new IllegalArgumentException(
          OWNER_PREFIX
              + " was '"
              + ownerPrefix
              + "' but it must lie outside "
              + PREFIX
              + " '"
              + prefix
              + "' (and not contain it): CoreDNS would serve the ownership data");
    }
    Optional<String> username = nonBlank(config, USERNAME);
    Optional<String> password = config.string(PASSWORD);
    if (password.isPresent() && username.isEmpty()) {
      throw new IllegalArgumentException(PASSWORD + " is set but " + USERNAME + " is not");
    }
    Optional<String> caFile = nonBlank(config, CA_FILE);
    Optional<String> certFile = nonBlank(config, CERT_FILE);
    Optional<String> keyFile = nonBlank(config, KEY_FILE);
    if (certFile.isPresent() != keyFile.isPresent()) {
      throw new IllegalArgumentException(
          CERT_FILE + " and " + KEY_FILE + " go together: a client certificate needs its key");
    }
    Duration dialTimeout = positive(config, DIAL_TIMEOUT, CoreDnsSettings.DEFAULT_DIAL_TIMEOUT);
    Duration requestTimeout =
        positive(config, REQUEST_TIMEOUT, CoreDnsSettings.DEFAULT_REQUEST_TIMEOUT);
    int maxTxnOps = maxTxnOps(config.string(MAX_TXN_OPS));
    return new CoreDnsSettings(
        endpoints,
        prefix,
        ownerPrefix,
        username,
        password,
        caFile,
        certFile,
        keyFile,
        dialTimeout,
        requestTimeout,
        maxTxnOps);
  }

  private static List<URI> endpoints(List<String> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException(
          ENDPOINTS + " is required for coredns: etcd client URLs such as http://127.0.0.1:2379");
    }
    List<URI> endpoints = new ArrayList<>();
    for (String value : values) {
      for (String part : value.split(",")) {
        String trimmed = part.trim();
        if (trimmed.isEmpty()) {
          continue;
        }
        URI uri;
        try {
          uri = new URI(trimmed);
        } catch (URISyntaxException e) {
          throw new IllegalArgumentException(
              ENDPOINTS + " was '" + trimmed + "' but it is not a URL: " + e.getMessage(), e);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
            || uri.getHost() == null
            || uri.getPort() < 0) {
          throw new IllegalArgumentException(
              ENDPOINTS
                  + " was '"
                  + trimmed
                  + "' but it must be http://HOST:PORT or https://HOST:PORT");
        }
        endpoints.add(uri);
      }
    }
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException(ENDPOINTS + " must name at least one etcd URL");
    }
    return endpoints;
  }

  /** {@code skydns/}, {@code /skydns} and {@code /skydns/} all become {@code /skydns}. */
  static String path(String key, String value) {
    String trimmed = value.trim();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    if (!trimmed.startsWith("/")) {
      trimmed = "/" + trimmed;
    }
    if (trimmed.equals("/") || trimmed.contains("//") || trimmed.contains(" ")) {
      throw new IllegalArgumentException(
          key + " was '" + value + "' but it must be an etcd path such as /skydns");
    }
    return trimmed;
  }

  private static boolean nested(String left, String right) {
    return (left + "/").startsWith(right + "/") || (right + "/").startsWith(left + "/");
  }

  private static Optional<String> nonBlank(ProviderConfig config, String key) {
    Optional<String> value = config.string(key);
    if (value.isPresent() && value.get().isBlank()) {
      throw new IllegalArgumentException(key + " is set but empty");
    }
    return value;
  }

  private static Duration positive(ProviderConfig config, String key, Duration fallback) {
    Duration duration;
    try {
      duration = config.duration(key).orElse(fallback);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
    }
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(key + " must be longer than 0, like 5s");
    }
    return duration;
  }

  private static int maxTxnOps(Optional<String> value) {
    if (value.isEmpty()) {
      return CoreDnsSettings.DEFAULT_MAX_TXN_OPS;
    }
    try {
      int parsed = Integer.parseInt(value.get().trim());
      if (parsed >= 8) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        MAX_TXN_OPS
            + " was '"
            + value.get()
            + "' but it must be a whole number of at least 8 (etcd's --max-txn-ops, default 128)");
  }
}

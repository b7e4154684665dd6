package io.dnsfailover.provider.coredns;

import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.DnsProviderFactory;
import io.dnsfailover.spi.Durations;
import io.dnsfailover.spi.InvalidSettingsException;
import io.dnsfailover.spi.ProviderConfig;
import io.dnsfailover.spi.SettingProblem;
import io.dnsfailover.spi.SettingsCheck;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Creates {@link CoreDnsProvider}s for {@code type: coredns}: records in etcd in the SkyDNS layout
 * that CoreDNS's {@code etcd} plugin serves. See the package documentation for every key.
 *
 * <p>{@link #validate} checks every value without connecting to etcd (the TLS files are only
 * checked to be readable); {@link #create} refuses the same problems and connects on first use.
 * {@code password} is a secret: no message repeats it.
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

  /** {@code password}: etcd's password for {@code username}. */
  @Override
  public Set<String> secretKeys() {
    return Set.of(PASSWORD);
  }

  @Override
  public List<SettingProblem> validate(ProviderConfig config) {
    SettingsCheck check = new SettingsCheck();
    read(config, check);
    return check.problems();
  }

  @Override
  public DnsProvider create(ProviderConfig config) {
    return new CoreDnsProvider(settings(config));
  }

  /**
   * The checked settings; throws {@link InvalidSettingsException} with every problem {@link
   * #validate} reports.
   */
  static CoreDnsSettings settings(ProviderConfig config) {
    SettingsCheck check = new SettingsCheck();
    Optional<CoreDnsSettings> settings = read(config, check);
    check.throwIfAny(TYPE);
    return settings.orElseThrow();
  }

  /**
   * Reads every key, reporting each problem to {@code check}: the one routine behind {@link
   * #validate} and {@link #create}. Empty when there was a problem. Reads no etcd; looks at the TLS
   * files only to see that they can be read.
   */
  private static Optional<CoreDnsSettings> read(ProviderConfig config, SettingsCheck check) {
    List<URI> endpoints = endpoints(config, check);
    Optional<String> prefix =
        path(PREFIX, check.text(config, PREFIX).orElse(CoreDnsSettings.DEFAULT_PREFIX), check);
    Optional<String> ownerPrefix =
        path(
            OWNER_PREFIX,
            check.text(config, OWNER_PREFIX).orElse(CoreDnsSettings.DEFAULT_OWNER_PREFIX),
            check);
    if (prefix.isPresent() && ownerPrefix.isPresent()) {
      check.require(
          !nested(prefix.get(), ownerPrefix.get()),
          OWNER_PREFIX,
          quote(ownerPrefix.get())
              + " is not outside "
              + PREFIX
              + " "
              + quote(prefix.get())
              + ": CoreDNS would serve the ownership data; give it a path of its own, like"
              + " /dnsfailover");
    }
    Optional<String> username = check.text(config, USERNAME);
    Optional<String> password =
        check.read(PASSWORD, () -> config.string(PASSWORD)).flatMap(value -> value);
    if (password.isPresent() && config.settings().get(USERNAME) == null) {
      check.report(PASSWORD, "is set but " + USERNAME + " is not: etcd needs both");
    }
    if (username.isPresent() && config.settings().get(PASSWORD) == null) {
      check.report(
          USERNAME,
          "is set but " + PASSWORD + " is not: etcd needs both (write password: ${ETCD_PASSWORD})");
    }
    Optional<String> caFile = readableFile(config, CA_FILE, check);
    Optional<String> certFile = readableFile(config, CERT_FILE, check);
    Optional<String> keyFile = readableFile(config, KEY_FILE, check);
    boolean hasCert = config.settings().get(CERT_FILE) != null;
    boolean hasKey = config.settings().get(KEY_FILE) != null;
    if (hasCert != hasKey) {
      check.report(
          hasCert ? KEY_FILE : CERT_FILE,
          "is missing: "
              + CERT_FILE
              + " and "
              + KEY_FILE
              + " go together (a client certificate needs its key)");
    }
    Duration dialTimeout =
        positive(config, DIAL_TIMEOUT, CoreDnsSettings.DEFAULT_DIAL_TIMEOUT, check);
    Duration requestTimeout =
        positive(config, REQUEST_TIMEOUT, CoreDnsSettings.DEFAULT_REQUEST_TIMEOUT, check);
    int maxTxnOps =
        check
            .text(config, MAX_TXN_OPS)
            .flatMap(text -> maxTxnOps(text, check))
            .orElse(CoreDnsSettings.DEFAULT_MAX_TXN_OPS);
    if (!check.ok()) {
      return Optional.empty();
    }
    return Optional.of(
        new CoreDnsSettings(
            endpoints,
            prefix.orElseThrow(),
            ownerPrefix.orElseThrow(),
            username,
            password,
            caFile,
            certFile,
            keyFile,
            dialTimeout,
            requestTimeout,
            maxTxnOps));
  }

  /**
   * A list of URLs, or one text of comma-separated URLs (handy with {@code ${ETCD_ENDPOINTS}}); a
   * list item may hold several too. A bad URL is reported at its list item, {@code endpoints[1]}.
   */
  private static List<URI> endpoints(ProviderConfig config, SettingsCheck check) {
    Object value = config.settings().get(ENDPOINTS);
    if (value == null) {
      check.report(
          ENDPOINTS,
          "required key is missing: coredns providers need etcd client URLs, like"
              + " [http://127.0.0.1:2379]");
      return List.of();
    }
    if (value instanceof Map) {
      check.report(ENDPOINTS, "must be a list of URLs, not a mapping");
      return List.of();
    }
    List<?> items = value instanceof List<?> list ? list : List.of(value);
    List<URI> endpoints = new ArrayList<>();
    boolean bad = false;
    for (int i = 0; i < items.size(); i++) {
      String key = value instanceof List ? ENDPOINTS + "[" + i + "]" : ENDPOINTS;
      if (items.get(i) instanceof Map || items.get(i) instanceof List) {
        check.report(key, "must be a URL, like http://127.0.0.1:2379");
        bad = true;
        continue;
      }
      for (String part : String.valueOf(items.get(i)).split(",")) {
        String trimmed = part.trim();
        if (!trimmed.isEmpty()) {
          Optional<URI> url = url(key, trimmed, check);
          url.ifPresent(endpoints::add);
          bad |= url.isEmpty();
        }
      }
    }
    if (endpoints.isEmpty() && !bad) {
      check.report(ENDPOINTS, "is empty: list etcd client URLs, like [http://127.0.0.1:2379]");
    }
    return endpoints;
  }

  private static Optional<URI> url(String key, String text, SettingsCheck check) {
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
    check.report(
        key, quote(text) + " is not an etcd URL: write http://HOST:PORT or https://HOST:PORT");
    return Optional.empty();
  }

  /** {@code skydns/}, {@code /skydns} and {@code /skydns/} all become {@code /skydns}. */
  private static Optional<String> path(String key, String value, SettingsCheck check) {
    String trimmed = value.trim();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    if (!trimmed.startsWith("/")) {
      trimmed = "/" + trimmed;
    }
    if (trimmed.equals("/") || trimmed.contains("//") || trimmed.contains(" ")) {
      check.report(key, quote(value) + " is not an etcd path: write one like /skydns");
      return Optional.empty();
    }
    return Optional.of(trimmed);
  }

  private static boolean nested(String left, String right) {
    return (left + "/").startsWith(right + "/") || (right + "/").startsWith(left + "/");
  }

  /**
   * A TLS file the etcd client will read: it must be a readable regular file now, so {@code
   * validate} finds a wrong path before the first connection does. Relative paths are read from the
   * working directory, as the etcd client reads them.
   */
  private static Optional<String> readableFile(
      ProviderConfig config, String key, SettingsCheck check) {
    return check
        .text(config, key)
        .filter(
            name -> {
              Path file;
              try {
                file = Path.of(name);
              } catch (InvalidPathException e) {
                check.report(key, quote(name) + " is not a file path: " + e.getReason());
                return false;
              }
              String problem =
                  !Files.exists(file)
                      ? "does not exist"
                      : !Files.isRegularFile(file)
                          ? "is not a regular file"
                          : !Files.isReadable(file) ? "cannot be read by this user" : "";
              return check.require(
                  problem.isEmpty(),
                  key,
                  quote(name)
                      + " "
                      + problem
                      + ": give the path of a PEM file this process can read");
            });
  }

  private static Duration positive(
      ProviderConfig config, String key, Duration fallback, SettingsCheck check) {
    return check
        .text(config, key)
        .flatMap(
            text ->
                check
                    .read(key, () -> Durations.parse(text))
                    .filter(
                        duration ->
                            check.require(
                                !duration.isZero(),
                                key,
                                quote(text) + " is not longer than 0: write one like 5s")))
        .orElse(fallback);
  }

  private static Optional<Integer> maxTxnOps(String text, SettingsCheck check) {
    try {
      int parsed = Integer.parseInt(text);
      if (parsed >= 8) {
        return Optional.of(parsed);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    check.report(
        MAX_TXN_OPS,
        quote(text)
            + " is not a whole number of at least 8: write etcd's --max-txn-ops (default 128)");
    return Optional.empty();
  }

  private static String quote(String value) {
    return "'" + value + "'";
  }
}

package io.dnsfailover.etcd;

import io.dnsfailover.spi.Durations;
import io.dnsfailover.spi.ProviderConfig;
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

/**
 * Reads an {@link EtcdConnection} from settings as the config gave them (strings, numbers, lists,
 * {@code ${ENV}} already substituted): the one routine behind the {@code coredns} provider's
 * connection keys ({@code providers.<name>.<key>}) and {@code cluster.etcd.<key>}. Every problem
 * goes to a {@link SettingsCheck} under its key relative to the block ({@code endpoints[1]}, {@code
 * keyFile}); the config loader turns that into {@code FILE:LINE:COL: <block>.<key>}.
 *
 * <p>Makes no network call. The TLS files are checked to be readable now, so {@code validate} finds
 * a wrong path before the first connection does (relative paths are read from the working
 * directory, as the etcd client reads them). The password is never quoted.
 */
public final class EtcdConnectionReader {

  public static final String ENDPOINTS = "endpoints";
  public static final String USERNAME = "username";
  public static final String PASSWORD = "password";
  public static final String CA_FILE = "caFile";
  public static final String CERT_FILE = "certFile";
  public static final String KEY_FILE = "keyFile";
  public static final String DIAL_TIMEOUT = "dialTimeout";
  public static final String REQUEST_TIMEOUT = "requestTimeout";

  /** Every connection key, in the order messages list them. */
  public static final List<String> KEYS =
      List.of(
          ENDPOINTS,
          USERNAME,
          PASSWORD,
          CA_FILE,
          CERT_FILE,
          KEY_FILE,
          DIAL_TIMEOUT,
          REQUEST_TIMEOUT);

  private static final String URL_EXAMPLE = "like [http://127.0.0.1:2379]";

  private EtcdConnectionReader() {}

  /**
   * The connection the {@link #KEYS} of {@code settings} describe (other keys are ignored), or
   * empty after reporting every problem with them to {@code check}.
   */
  public static Optional<EtcdConnection> read(Map<String, Object> settings, SettingsCheck check) {
    // SettingsCheck reads values through a ProviderConfig; name and type are not used.
    ProviderConfig config = new ProviderConfig("etcd", "etcd", settings);
    int before = check.problems().size();
    List<URI> endpoints = endpoints(settings.get(ENDPOINTS), check);
    Optional<String> username = check.text(config, USERNAME);
    Optional<String> password =
        check.read(PASSWORD, () -> config.string(PASSWORD)).flatMap(value -> value);
    bothOrNeither(settings, USERNAME, PASSWORD, "etcd needs both", check);
    Optional<Path> caFile = readableFile(config, CA_FILE, check);
    Optional<Path> certFile = readableFile(config, CERT_FILE, check);
    Optional<Path> keyFile = readableFile(config, KEY_FILE, check);
    bothOrNeither(settings, CERT_FILE, KEY_FILE, "a client certificate needs its key", check);
    Duration dialTimeout =
        positive(config, DIAL_TIMEOUT, check).orElse(EtcdConnection.DEFAULT_DIAL_TIMEOUT);
    Duration requestTimeout =
        positive(config, REQUEST_TIMEOUT, check).orElse(EtcdConnection.DEFAULT_REQUEST_TIMEOUT);
    if (check.problems().size() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new EtcdConnection(
            endpoints, username, password, caFile, certFile, keyFile, dialTimeout, requestTimeout));
  }

  /**
   * A list of URLs, or one text of comma-separated URLs (handy with {@code ${ETCD_ENDPOINTS}}); a
   * list item may hold several too. A bad URL is reported at its list item, {@code endpoints[1]}.
   */
  private static List<URI> endpoints(Object value, SettingsCheck check) {
    if (value == null) {
      check.report(ENDPOINTS, "required key is missing: list etcd client URLs, " + URL_EXAMPLE);
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
      check.report(ENDPOINTS, "is empty: list etcd client URLs, " + URL_EXAMPLE);
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

  /** Reports, at the key that is set, a pair of keys of which only one is set. */
  private static void bothOrNeither(
      Map<String, Object> settings, String first, String second, String why, SettingsCheck check) {
    boolean hasFirst = settings.get(first) != null;
    boolean hasSecond = settings.get(second) != null;
    if (hasFirst && !hasSecond) {
      check.report(first, "is set but " + second + " is not: " + why);
    } else if (hasSecond && !hasFirst) {
      check.report(second, "is set but " + first + " is not: " + why);
    }
  }

  /** A TLS file the etcd client will read: it must be a readable regular file now. */
  private static Optional<Path> readableFile(
      ProviderConfig config, String key, SettingsCheck check) {
    Optional<String> name = check.text(config, key);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Path file;
    try {
      file = Path.of(name.get());
    } catch (InvalidPathException e) {
      check.report(key, quote(name.get()) + " is not a file path: " + e.getReason());
      return Optional.empty();
    }
    String problem =
        !Files.exists(file)
            ? "does not exist"
            : !Files.isRegularFile(file)
                ? "is not a regular file"
                : !Files.isReadable(file) ? "cannot be read by this user" : "";
    if (!problem.isEmpty()) {
      check.report(
          key,
          quote(name.get())
              + " "
              + problem
              + ": give the path of a PEM file this process can read");
      return Optional.empty();
    }
    return Optional.of(file);
  }

  private static Optional<Duration> positive(
      ProviderConfig config, String key, SettingsCheck check) {
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
                                quote(text) + " is not longer than 0: write one like 5s")));
  }

  private static String quote(String value) {
    return "'" + value + "'";
  }
}

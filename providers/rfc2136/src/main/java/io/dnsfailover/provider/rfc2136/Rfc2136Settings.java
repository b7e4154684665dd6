package io.dnsfailover.provider.rfc2136;

import io.dnsfailover.spi.Durations;
import io.dnsfailover.spi.ProviderConfig;
import io.dnsfailover.spi.SettingsCheck;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * The settings of one {@code rfc2136} provider, read from its config block with every problem
 * reported at its key. {@link #toString()} never shows the secret.
 *
 * @param server the primary server that takes updates and transfers
 * @param tsig the key messages are signed with; empty sends them unsigned (allowed by address)
 * @param timeout how long one request (a transfer, an update) may take
 */
record Rfc2136Settings(ServerAddress server, Optional<TsigCredentials> tsig, Duration timeout) {

  static final String SERVER = "server";
  static final String TSIG = "tsig";
  static final String TIMEOUT = "timeout";
  static final String TSIG_NAME = "name";
  static final String TSIG_ALGORITHM = "algorithm";
  static final String TSIG_SECRET = "secret";
  static final Set<String> TSIG_KEYS = Set.of(TSIG_NAME, TSIG_ALGORITHM, TSIG_SECRET);
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  Rfc2136Settings {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(tsig, "tsig");
    Objects.requireNonNull(timeout, "timeout");
  }

  /** The settings in {@code config}, or empty with every problem reported to {@code check}. */
  static Optional<Rfc2136Settings> read(ProviderConfig config, SettingsCheck check) {
    int before = check.problems().size();
    Optional<ServerAddress> server =
        check.read(SERVER, () -> ServerAddress.parse(config.requiredString(SERVER)));
    Optional<TsigCredentials> tsig = tsig(config.settings().get(TSIG), check);
    Optional<Duration> timeout =
        check.read(TIMEOUT, () -> config.duration(TIMEOUT).orElse(DEFAULT_TIMEOUT));
    timeout.ifPresent(
        value ->
            check.require(
                !value.isZero() && !value.isNegative(),
                TIMEOUT,
                "must be longer than 0, like " + Durations.format(DEFAULT_TIMEOUT)));
    if (check.problems().size() > before) {
      return Optional.empty();
    }
    return Optional.of(new Rfc2136Settings(server.orElseThrow(), tsig, timeout.orElseThrow()));
  }

  private static Optional<TsigCredentials> tsig(Object value, SettingsCheck check) {
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof Map<?, ?> mapping)) {
      check.report(
          TSIG,
          "must be a mapping with the key's name, algorithm and secret, like"
              + " { name: ddns, algorithm: hmac-sha256, secret: \"${TSIG_SECRET}\" }");
      return Optional.empty();
    }
    for (Object key : mapping.keySet()) {
      if (!TSIG_KEYS.contains(String.valueOf(key))) {
        check.report(
            TSIG + "." + key,
            "unknown key in tsig: allowed keys are " + String.join(", ", new TreeSet<>(TSIG_KEYS)));
      }
    }
    Optional<Name> name = keyName(mapping.get(TSIG_NAME), check);
    Optional<String> algorithm = algorithm(mapping.get(TSIG_ALGORITHM), check);
    Optional<byte[]> secret = secret(mapping.get(TSIG_SECRET), check);
    if (name.isEmpty() || algorithm.isEmpty() || secret.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new TsigCredentials(name.get(), algorithm.get(), secret.get()));
  }

  private static Optional<Name> keyName(Object value, SettingsCheck check) {
    String key = TSIG + "." + TSIG_NAME;
    if (value == null || String.valueOf(value).isBlank()) {
      check.report(
          key, "required key is missing: the key's name, as the server's key statement spells it");
      return Optional.empty();
    }
    String text = String.valueOf(value).strip();
    try {
      return Optional.of(Name.fromString(text, Name.root));
    } catch (TextParseException e) {
      check.report(key, "'" + text + "' is not a TSIG key name: " + e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<String> algorithm(Object value, SettingsCheck check) {
    if (value == null) {
      return Optional.of(TsigCredentials.DEFAULT_ALGORITHM);
    }
    String text = String.valueOf(value).strip().toLowerCase(Locale.ROOT);
    if (TsigCredentials.ALGORITHMS.contains(text)) {
      return Optional.of(text);
    }
    check.report(
        TSIG + "." + TSIG_ALGORITHM,
        "'"
            + value
            + "' is not one of "
            + String.join(", ", TsigCredentials.ALGORITHMS)
            + " (hmac-md5 is not accepted: it is no longer safe)");
    return Optional.empty();
  }

  /** Never quotes the value: it is the secret, or a mistyped one. */
  private static Optional<byte[]> secret(Object value, SettingsCheck check) {
    String key = TSIG + "." + TSIG_SECRET;
    if (value == null || String.valueOf(value).isBlank()) {
      check.report(
          key,
          "required key is missing: the key's base64 secret, best from the environment, like"
              + " \"${TSIG_SECRET}\"");
      return Optional.empty();
    }
    String text = String.valueOf(value).replaceAll("\\s", "");
    try {
      if (text.length() % 4 != 0) {
        throw new IllegalArgumentException("base64 comes in groups of 4 characters, '=' padded");
      }
      byte[] bytes = Base64.getDecoder().decode(text);
      if (bytes.length == 0) {
        check.report(key, "decodes to no bytes: give the key's base64 secret");
        return Optional.empty();
      }
      return Optional.of(bytes);
    } catch (IllegalArgumentException e) {
      check.report(
          key,
          "is not base64 (the value is not shown): copy the secret from the key statement that"
              + " tsig-keygen printed, between the quotes");
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "Rfc2136Settings[server="
        + server
        + ", tsig="
        + tsig.map(TsigCredentials::toString).orElse("none")
        + ", timeout="
        + Durations.format(timeout)
        + "]";
  }
}

package io.dnsfailover.provider.zonefile;

import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.DnsProviderFactory;
import io.dnsfailover.spi.ProviderConfig;
import io.dnsfailover.spi.SettingProblem;
import io.dnsfailover.spi.SettingsCheck;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Creates {@link ZoneFileProvider}s for {@code type: zonefile}. Keys: {@code path} names the zone
 * file (a relative path is resolved against the working directory); {@code reloadCommand}, a list
 * of words run without a shell after each write ({@link ReloadCommand}), and {@code reloadTimeout},
 * how long it may take (default 10s).
 */
public final class ZoneFileProviderFactory implements DnsProviderFactory {

  public static final String TYPE = "zonefile";
  public static final String PATH_KEY = "path";
  static final String RELOAD_COMMAND = "reloadCommand";
  static final String RELOAD_TIMEOUT = "reloadTimeout";

  private static final Duration MAX_RELOAD_TIMEOUT = Duration.ofMinutes(10);

  /** What the settings hold once they passed every check. */
  private record Settings(Path path, Optional<ReloadCommand> reload) {}

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Set<String> keys() {
    return Set.of(PATH_KEY, RELOAD_COMMAND, RELOAD_TIMEOUT);
  }

  @Override
  public Set<String> requiredKeys() {
    return Set.of(PATH_KEY);
  }

  @Override
  public List<SettingProblem> validate(ProviderConfig config) {
    return SettingsCheck.problems(config, ZoneFileProviderFactory::settings);
  }

  @Override
  public DnsProvider create(ProviderConfig config) {
    Settings settings = SettingsCheck.settings(config, TYPE, ZoneFileProviderFactory::settings);
    return new ZoneFileProvider(settings.path(), Clock.systemUTC(), settings.reload());
  }

  /** The settings, or empty with every problem reported to {@code check}. */
  private static Optional<Settings> settings(ProviderConfig config, SettingsCheck check) {
    Optional<Path> path = check.read(PATH_KEY, () -> path(config.requiredString(PATH_KEY)));
    Optional<Duration> timeout =
        check.read(
            RELOAD_TIMEOUT,
            () -> config.duration(RELOAD_TIMEOUT).orElse(ReloadCommand.DEFAULT_TIMEOUT));
    timeout.ifPresent(
        value ->
            check.require(
                !value.isZero() && value.compareTo(MAX_RELOAD_TIMEOUT) <= 0,
                RELOAD_TIMEOUT,
                "was '"
                    + config.string(RELOAD_TIMEOUT).orElse("")
                    + "' but it must be more than 0 and at most 10m"));
    Optional<List<String>> words = reloadWords(config, check);
    if (!check.ok()) {
      return Optional.empty();
    }
    return Optional.of(
        new Settings(
            path.orElseThrow(), words.map(list -> new ReloadCommand(list, timeout.orElseThrow()))));
  }

  private static Path path(String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("must name a zone file, was empty");
    }
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("is not a valid path: " + e.getMessage(), e);
    }
  }

  /** The reload command's words when set and valid; every problem reported to {@code check}. */
  private static Optional<List<String>> reloadWords(ProviderConfig config, SettingsCheck check) {
    Object value = config.settings().get(RELOAD_COMMAND);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof List<?> list)) {
      check.report(
          RELOAD_COMMAND,
          "must be a list of words run without a shell, like [rndc, reload, \"{zone}\"]; a"
              + " single string is not split into words");
      return Optional.empty();
    }
    if (list.isEmpty()) {
      check.report(RELOAD_COMMAND, "is empty: give the program to run and its arguments");
      return Optional.empty();
    }
    boolean ok = true;
    for (int i = 0; i < list.size(); i++) {
      String key = RELOAD_COMMAND + "[" + i + "]";
      Object word = list.get(i);
      if (word instanceof List<?> || word instanceof Map<?, ?>) {
        check.report(key, "must be a single word");
        ok = false;
        continue;
      }
      String text = String.valueOf(word);
      if (i == 0 && text.isBlank()) {
        check.report(key, "is empty: name the program to run");
        ok = false;
      }
      for (String unknown : ReloadCommand.unknownPlaceholders(text)) {
        check.report(
            key,
            "'"
                + text
                + "' holds "
                + unknown
                + ", which is not a placeholder: use "
                + String.join(" or ", ReloadCommand.PLACEHOLDERS));
        ok = false;
      }
    }
    return ok ? Optional.of(list.stream().map(String::valueOf).toList()) : Optional.empty();
  }
}

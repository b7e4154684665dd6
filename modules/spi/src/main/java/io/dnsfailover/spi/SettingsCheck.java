package io.dnsfailover.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Collects the problems a factory finds while it reads a {@link ProviderConfig}, so that {@link
 * DnsProviderFactory#validate} reports every one of them at once and {@link
 * DnsProviderFactory#create} fails with all of them.
 *
 * <p>A factory writes one {@link Reader} that reads every key into its settings record, and uses it
 * twice: {@link #problems} in {@code validate}, {@link #settings} in {@code create}.
 *
 * <pre>{@code
 * static Optional<Settings> read(ProviderConfig config, SettingsCheck check) {
 *   Optional<Duration> timeout = check.read("timeout", () -> config.duration("timeout").orElse(FIVE));
 *   check.require(timeout.isEmpty() || !timeout.get().isZero(), "timeout", "must be more than 0");
 *   return check.ok() ? Optional.of(new Settings(timeout.orElseThrow())) : Optional.empty();
 * }
 * public List<SettingProblem> validate(ProviderConfig config) {
 *   return SettingsCheck.problems(config, MyFactory::read);
 * }
 * public DnsProvider create(ProviderConfig config) {
 *   return new MyProvider(SettingsCheck.settings(config, TYPE, MyFactory::read));
 * }
 * }</pre>
 */
public final class SettingsCheck {

  /** Reads a provider block into settings, reporting each problem to {@code check}. */
  @FunctionalInterface
  public interface Reader<T> {

    /** The settings; empty when a problem was reported (and maybe when one was not). */
    Optional<T> read(ProviderConfig config, SettingsCheck check);
  }

  private final List<SettingProblem> problems = new ArrayList<>();

  /**
   * Every problem {@code reader} finds in {@code config}: what {@link DnsProviderFactory#validate}
   * returns.
   */
  public static <T> List<SettingProblem> problems(ProviderConfig config, Reader<T> reader) {
    SettingsCheck check = new SettingsCheck();
    reader.read(config, check);
    return check.problems();
  }

  /**
   * The settings {@code reader} reads from {@code config}, for {@link DnsProviderFactory#create};
   * throws {@link InvalidSettingsException} for {@code type} with every problem it reported.
   */
  public static <T> T settings(ProviderConfig config, String type, Reader<T> reader) {
    SettingsCheck check = new SettingsCheck();
    Optional<T> settings = reader.read(config, check);
    check.throwIfAny(type);
    return settings.orElseThrow();
  }

  /** Reports a problem with {@code key}. */
  public void report(String key, String message) {
    problems.add(new SettingProblem(key, message));
  }

  /** Reports {@code message} at {@code key} unless {@code ok}; returns {@code ok}. */
  public boolean require(boolean ok, String key, String message) {
    if (!ok) {
      report(key, message);
    }
    return ok;
  }

  /**
   * Runs {@code read}; when it throws {@link IllegalArgumentException} (what {@link
   * ProviderConfig}'s typed getters and {@link Durations#parse} throw), reports its message at
   * {@code key} and returns empty.
   */
  public <T> Optional<T> read(String key, Supplier<T> read) {
    try {
      return Optional.ofNullable(read.get());
    } catch (IllegalArgumentException e) {
      report(key, String.valueOf(e.getMessage()));
      return Optional.empty();
    }
  }

  /**
   * The text of {@code key}, trimmed; empty when the key is not set. Reports a list or mapping
   * where one value belongs, and a blank value, and then returns empty. Not for secrets whose
   * spaces count (a password): read those with {@link ProviderConfig#string}.
   */
  public Optional<String> text(ProviderConfig config, String key) {
    Object value = config.settings().get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Map || value instanceof List) {
      report(key, "must be a single value, not a " + (value instanceof Map ? "mapping" : "list"));
      return Optional.empty();
    }
    String text = value.toString().trim();
    if (text.isEmpty()) {
      report(key, "is empty: give it a value or leave the key out");
      return Optional.empty();
    }
    return Optional.of(text);
  }

  /**
   * {@link #text}, and a report in the config loader's words when {@code key} is not set (the
   * loader checks {@link DnsProviderFactory#requiredKeys} first; this covers {@code create} called
   * directly).
   */
  public Optional<String> requiredText(ProviderConfig config, String key) {
    if (config.settings().get(key) == null) {
      report(key, "required key is missing: " + config.type() + " providers need " + key);
      return Optional.empty();
    }
    return text(config, key);
  }

  public boolean ok() {
    return problems.isEmpty();
  }

  public List<SettingProblem> problems() {
    return List.copyOf(problems);
  }

  /** Throws {@link InvalidSettingsException} with every problem reported, if there is one. */
  public void throwIfAny(String type) {
    if (!problems.isEmpty()) {
      throw new InvalidSettingsException(type, problems);
    }
  }
}

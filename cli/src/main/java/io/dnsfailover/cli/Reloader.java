package io.dnsfailover.cli;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.config.ConfigException;
import io.dnsfailover.core.config.ConfigLoader;
import io.dnsfailover.core.config.LoadResult;
import io.dnsfailover.core.config.Problem;
import io.dnsfailover.engine.Daemon;
import io.dnsfailover.engine.DaemonListener;
import io.dnsfailover.engine.Providers;
import io.dnsfailover.spi.DnsProviderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the daemon's config file: a valid new config, with providers created anew, is handed to
 * {@link Daemon#reload} (which swaps it in before the next reconcile, keeping the health of
 * unchanged endpoints); an invalid one is rejected, its problems logged one per line, and the
 * running config stays. Thread-safe: the file watcher and SIGHUP may call at the same time.
 */
final class Reloader {

  private static final Logger log = LoggerFactory.getLogger(Reloader.class);

  private final Path file;
  private final Daemon daemon;
  private final DaemonListener listener;
  private final Map<String, DnsProviderFactory> factories;
  private final Function<Config, Providers> providerFactory;
  private final Map<String, String> environment;
  private byte[] lastSeen;

  /**
   * @param listener told of a rejected reload through {@link DaemonListener#onError}
   */
  Reloader(
      Path file,
      Daemon daemon,
      DaemonListener listener,
      Map<String, DnsProviderFactory> factories,
      Function<Config, Providers> providerFactory,
      Map<String, String> environment) {
    this.file = file;
    this.daemon = daemon;
    this.listener = listener;
    this.factories = Map.copyOf(factories);
    this.providerFactory = providerFactory;
    this.environment = Map.copyOf(environment);
    this.lastSeen = read();
  }

  /** The file watcher's call: reloads only when the file's bytes changed since last seen. */
  boolean reloadIfChanged() {
    return reload(false);
  }

  /** SIGHUP's call: reloads even when the file looks the same (providers are created anew). */
  boolean reload() {
    return reload(true);
  }

  private synchronized boolean reload(boolean force) {
    byte[] bytes = read();
    if (!force && Arrays.equals(bytes, lastSeen)) {
      return false;
    }
    lastSeen = bytes;
    log.info("{}: reloading the config{}", file, force ? " (SIGHUP)" : " (the file changed)");
    Config config;
    try {
      LoadResult result =
          new ConfigLoader(factories, environment).load(file, ConfigLoader.Mode.STRICT);
      result.warnings().forEach(warning -> log.warn("{}", warning));
      config = result.requireConfig();
    } catch (ConfigException e) {
      e.problems().forEach(problem -> log.error("config reload rejected: {}", problem));
      long errors = e.problems().stream().filter(Problem::isError).count();
      return reject(errors + (errors == 1 ? " error" : " errors") + " in " + file);
    } catch (RuntimeException e) {
      return reject(e.getMessage() == null ? e.toString() : e.getMessage());
    }
    Providers providers;
    try {
      providers = providerFactory.apply(config);
    } catch (RuntimeException e) {
      return reject("cannot create its providers: " + e.getMessage());
    }
    daemon.reload(config, providers);
    return true;
  }

  private boolean reject(String why) {
    String message = "config reload rejected: " + why + "; the running config stays in effect";
    log.error("{}", message);
    listener.onError(message);
    return false;
  }

  /** The file's bytes; empty when it cannot be read (the loader then says why). */
  private byte[] read() {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      return new byte[0];
    }
  }
}

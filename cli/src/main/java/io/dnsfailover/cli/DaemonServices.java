package io.dnsfailover.cli;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.engine.Daemon;
import io.dnsfailover.engine.DaemonListener;
import io.dnsfailover.engine.Providers;
import io.dnsfailover.engine.journal.DaemonEvents;
import io.dnsfailover.engine.journal.Event;
import io.dnsfailover.engine.journal.Journal;
import io.dnsfailover.engine.notify.Notifier;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * What runs beside the daemon's loop: the event journal, notifications, reloading the config (file
 * watch and SIGHUP), and stopping on SIGTERM or SIGINT once the reconcile in progress has finished.
 *
 * <p>Use: {@link #open}, build the {@link Daemon} with {@link #listener()}, {@link #attach} it, run
 * it, close this.
 */
final class DaemonServices implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DaemonServices.class);
  private static final Duration QUIET = Duration.ofMillis(300);

  private final Path configFile;
  private final Clock clock;
  private final Journal journal;
  private final Notifier notifier;
  private final DaemonEvents events;
  private ConfigWatcher watcher;

  private DaemonServices(Path configFile, Clock clock, Journal journal, Notifier notifier) {
    this.configFile = configFile;
    this.clock = clock;
    this.journal = journal;
    this.notifier = notifier;
    this.events = new DaemonEvents(clock, List.of(journal, notifier));
  }

  /** Opens the journal and the notifier of {@code config}; a journal that fails is only logged. */
  static DaemonServices open(Config config, Path configFile, Clock clock) {
    Journal journal = Journal.of(config, System.getenv());
    try {
      journal.open();
      log.info("event journal: {}", journal.path());
    } catch (IOException e) {
      log.error(
          "event journal {}: cannot open ({}); going on without it", journal.path(), e.toString());
    }
    return new DaemonServices(configFile, clock, journal, Notifier.of(config));
  }

  /** The daemon's listener: feeds the journal and the notifier. */
  DaemonListener listener() {
    return events;
  }

  /**
   * Hooks the daemon up to signals (TERM and INT stop it, HUP reloads) and, when {@code watch},
   * reloads it whenever the config file changes.
   *
   * @param providers creates the providers of a reloaded config
   */
  void attach(Daemon daemon, boolean watch, Function<Config, Providers> providers) {
    Reloader reloader =
        new Reloader(
            configFile, daemon, events, ConfigOptions.factories(), providers, System.getenv());
    handle("TERM", () -> stop(daemon, "SIGTERM"));
    handle("INT", () -> stop(daemon, "SIGINT"));
    handle("HUP", () -> Thread.ofPlatform().name("reload").start(reloader::reload));
    if (watch) {
      try {
        watcher = ConfigWatcher.start(configFile, QUIET, reloader::reloadIfChanged);
      } catch (IOException | RuntimeException e) {
        log.warn("cannot watch {} ({}): reload with SIGHUP", configFile, e.toString());
      }
    }
    Config config = daemon.state().config();
    events.record(
        Event.of(
            clock.instant(),
            Event.Kind.START,
            "daemon started with "
                + configFile
                + ": "
                + config.endpoints().size()
                + " endpoints in "
                + config.zones().size()
                + " zones"));
  }

  private void stop(Daemon daemon, String signal) {
    log.info("{} received: stopping once the reconcile in progress has finished", signal);
    daemon.stop();
  }

  private static void handle(String signal, Runnable action) {
    try {
      Signal.handle(new Signal(signal), unused -> action.run());
    } catch (IllegalArgumentException e) {
      log.debug("no SIG{} on this platform", signal);
    }
  }

  /** Records the stop, then closes the watcher, sends what notifications are pending, closes. */
  @Override
  public void close() {
    if (watcher != null) {
      watcher.close();
    }
    events.record(Event.of(clock.instant(), Event.Kind.STOP, "daemon stopped"));
    notifier.close();
    journal.close();
  }
}

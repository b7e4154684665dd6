package io.dnsfailover.cli;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a config file for changes and calls back once things are quiet again. It watches the
 * file's directory, not the file, so every way of changing it is seen:
 *
 * <ul>
 *   <li>writing in place (MODIFY of the file);
 *   <li>editors that write a new file and rename it over the old one (CREATE of the file);
 *   <li>Kubernetes ConfigMap volumes, where {@code config.yaml} is a symlink through {@code
 *       ..data}, a symlink swapped to a new timestamped directory on update (CREATE of {@code
 *       ..data}).
 * </ul>
 *
 * Events come in bursts, so the callback runs after {@code quiet} without further events; it should
 * compare the content itself ({@link Reloader#reloadIfChanged}) since a burst may change nothing.
 */
final class ConfigWatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);

  private final WatchService watcher;
  private final Thread thread;

  private ConfigWatcher(WatchService watcher, Thread thread) {
    this.watcher = watcher;
    this.thread = thread;
  }

  static ConfigWatcher start(Path file, Duration quiet, Runnable onChange) throws IOException {
    Path absolute = file.toAbsolutePath();
    Path directory = absolute.getParent();
    String name = absolute.getFileName().toString();
    WatchService watcher = FileSystems.getDefault().newWatchService();
    directory.register(
        watcher,
        StandardWatchEventKinds.ENTRY_CREATE,
        StandardWatchEventKinds.ENTRY_MODIFY,
        StandardWatchEventKinds.ENTRY_DELETE);
    Thread thread =
        Thread.ofPlatform()
            .daemon()
            .name("config-watch")
            .unstarted(() -> watch(watcher, directory, name, quiet, onChange));
    thread.start();
    log.info("watching {} for changes", absolute);
    return new ConfigWatcher(watcher, thread);
  }

  private static void watch(
      WatchService watcher, Path directory, String name, Duration quiet, Runnable onChange) {
    try {
      while (true) {
        WatchKey key = watcher.take();
        boolean relevant = drain(key, name);
        if (!key.reset()) {
          log.warn("{} can no longer be watched (removed?): reload with SIGHUP", directory);
          return;
        }
        // Wait for the burst to end, noting whether anything in it concerned the file.
        for (WatchKey more = watcher.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
            more != null;
            more = watcher.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) {
          relevant |= drain(more, name);
          more.reset();
        }
        if (relevant) {
          try {
            onChange.run();
          } catch (RuntimeException e) {
            log.error("config reload failed: {}", e.toString(), e);
          }
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed: stop watching
    }
  }

  /** Whether the key's events touch the file, Kubernetes' {@code ..data}, or were lost. */
  private static boolean drain(WatchKey key, String name) {
    boolean relevant = false;
    for (WatchEvent<?> event : key.pollEvents()) {
      if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
        relevant = true;
      } else if (event.context() instanceof Path changed) {
        String changedName = changed.getFileName().toString();
        relevant |= changedName.equals(name) || changedName.startsWith("..");
      }
    }
    return relevant;
  }

  @Override
  public void close() {
    try {
      watcher.close();
    } catch (IOException e) {
      log.debug("closing the config watcher: {}", e.toString());
    }
    thread.interrupt();
  }
}

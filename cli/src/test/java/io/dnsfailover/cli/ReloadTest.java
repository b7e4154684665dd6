package io.dnsfailover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.config.ConfigLoader;
import io.dnsfailover.engine.Daemon;
import io.dnsfailover.engine.DaemonListener;
import io.dnsfailover.engine.Providers;
import io.dnsfailover.health.testing.ScriptedChecker.Step;
import io.dnsfailover.health.testing.ScriptedCheckerFactory;
import io.dnsfailover.testkit.OneZoneYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Reloading a running daemon: file edits, rename-replace, a ConfigMap swap, and SIGHUP's call. */
class ReloadTest {

  private static final Duration QUIET = Duration.ofMillis(100);

  @TempDir Path dir;

  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final DaemonListener listener =
      new DaemonListener() {
        @Override
        public void onError(String message) {
          errors.add(message);
        }
      };
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger reloaderLogger = (Logger) LoggerFactory.getLogger(Reloader.class);
  private Daemon daemon;
  private Thread runner;
  private ConfigWatcher watcher;

  @AfterEach
  void stop() throws Exception {
    if (watcher != null) {
      watcher.close();
    }
    if (daemon != null) {
      daemon.stop();
      runner.join(Duration.ofSeconds(20));
      assertThat(runner.isAlive()).isFalse();
    }
    reloaderLogger.detachAppender(logs);
  }

  private String yaml(int ttl) {
    return OneZoneYaml.failover()
        .ownerId("reload")
        .defaultCheck("{ type: tcp, port: 80, interval: 200ms, timeout: 100ms, rise: 1, fall: 1 }")
        .provider(
            "local", "{ type: zonefile, path: \"%s\" }".formatted(dir.resolve("example.test.zone")))
        .ttl(ttl)
        .text();
  }

  /** Starts a daemon on {@code file} and returns its reloader. */
  private Reloader start(Path file) throws Exception {
    logs.start();
    reloaderLogger.addAppender(logs);
    Config config =
        new ConfigLoader(ConfigOptions.factories(), Map.of())
            .load(file, ConfigLoader.Mode.STRICT)
            .requireConfig();
    ScriptedCheckerFactory checks = new ScriptedCheckerFactory(Clock.systemUTC());
    checks.checker("app.example.test./A/primary").setCurrent(Step.up());
    checks.checker("app.example.test./A/backup").setCurrent(Step.up());
    daemon =
        new Daemon(
            config,
            Providers.create(config, ConfigOptions.factories()),
            checks,
            Map.of(),
            Clock.systemUTC(),
            listener);
    runner =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    daemon.run();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    return new Reloader(
        file,
        daemon,
        listener,
        ConfigOptions.factories(),
        reloaded -> Providers.create(reloaded, ConfigOptions.factories()),
        Map.of());
  }

  private int ttl() {
    return daemon.state().config().zones().getFirst().records().getFirst().ttl();
  }

  private void awaitTtl(int ttl) {
    await().atMost(Duration.ofSeconds(20)).until(() -> ttl() == ttl);
  }

  @Test
  void anEditedFileIsReloadedAndAnInvalidEditIsRejectedKeepingTheOldConfig() throws Exception {
    Path file = Files.writeString(dir.resolve("config.yaml"), yaml(20));
    Reloader reloader = start(file);
    watcher = ConfigWatcher.start(file, QUIET, reloader::reloadIfChanged);

    Files.writeString(file, yaml(25));
    awaitTtl(25);

    Files.writeString(file, yaml(25).replace("ttl: 25", "ttl: 0"));
    await().atMost(Duration.ofSeconds(20)).until(() -> !errors.isEmpty());
    assertThat(errors.getFirst())
        .isEqualTo(
            "config reload rejected: 1 error in " + file + "; the running config stays in effect");
    assertThat(ttl()).isEqualTo(25);
    assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .contains(
            "config reload rejected: "
                + file
                + ":13:14: zones[0].records[0].ttl: '0' is out of range: expected a whole number"
                + " from 1 to 86400");

    Files.writeString(file, yaml(30));
    awaitTtl(30);
  }

  @Test
  void anEditorsRenameOverTheFileIsSeen() throws Exception {
    Path file = Files.writeString(dir.resolve("config.yaml"), yaml(20));
    Reloader reloader = start(file);
    watcher = ConfigWatcher.start(file, QUIET, reloader::reloadIfChanged);

    Path swap = Files.writeString(dir.resolve(".config.yaml.swp"), yaml(40));
    Files.move(swap, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    awaitTtl(40);
  }

  @Test
  void aKubernetesConfigMapSymlinkSwapIsSeen() throws Exception {
    // The layout kubelet writes: config.yaml -> ..data/config.yaml, ..data -> ..<timestamp>
    Path mount = Files.createDirectory(dir.resolve("mount"));
    Path first = Files.createDirectory(mount.resolve("..2026_11_23_10_00_00.1"));
    Files.writeString(first.resolve("config.yaml"), yaml(20));
    Files.createSymbolicLink(mount.resolve("..data"), first.getFileName());
    Path file =
        Files.createSymbolicLink(mount.resolve("config.yaml"), Path.of("..data/config.yaml"));
    Reloader reloader = start(file);
    watcher = ConfigWatcher.start(file, QUIET, reloader::reloadIfChanged);

    Path second = Files.createDirectory(mount.resolve("..2026_11_23_10_05_00.2"));
    Files.writeString(second.resolve("config.yaml"), yaml(50));
    Path temporary = Files.createSymbolicLink(mount.resolve("..data_tmp"), second.getFileName());
    Files.move(
        temporary,
        mount.resolve("..data"),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);

    awaitTtl(50);
  }

  @Test
  void sighupReloadsAValidConfigAndRejectsAnInvalidOne() throws Exception {
    Path file = Files.writeString(dir.resolve("config.yaml"), yaml(20));
    Reloader reloader = start(file);
    assertThat(reloader.reloadIfChanged()).as("nothing changed").isFalse();

    Files.writeString(file, yaml(25));
    assertThat(reloader.reload()).isTrue();
    awaitTtl(25);

    Files.writeString(file, "version: 1\nownerId: [not, valid]\n");
    assertThat(reloader.reload()).isFalse();
    assertThat(errors).hasSize(1);
    assertThat(errors.getFirst()).startsWith("config reload rejected: ");
    assertThat(ttl()).isEqualTo(25);
  }
}

package io.dnsfailover.cli;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.engine.Daemon;
import io.dnsfailover.engine.Providers;
import io.dnsfailover.health.check.DefaultCheckerFactory;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code daemon}: keeps probing and reconciling until SIGTERM or SIGINT; journals events, sends
 * notifications, and reloads its config on change or SIGHUP ({@link DaemonServices}).
 */
@Command(
    name = "daemon",
    mixinStandardHelpOptions = true,
    description = {
      "Keep probing every endpoint on its own interval and reconcile DNS on every health change",
      "(and at least every shortest check interval, within 1s..60s). Logs every failover with",
      "its reason. SIGTERM or SIGINT lets an in-flight apply finish, then exits 0.",
      "The config file is watched (and SIGHUP reloads it): a valid new config takes over before",
      "the next reconcile; an invalid one is rejected with its errors logged, the old one stays.",
      "Events go to the journal (see 'dnsfailover events') and the configured webhooks."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped by SIGTERM or SIGINT", "1:invalid config or start-up failure"})
final class DaemonCommand implements Callable<Integer> {

  @Mixin ConfigOptions options;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      defaultValue = "127.0.0.1:9090",
      description = {
        "Address for /metrics, /status, /healthz, /readyz and / (default: ${DEFAULT-VALUE}).",
        "Reserved: the status server is not part of this release yet."
      })
  String listen;

  @Option(
      names = "--no-watch",
      description = "Do not reload when the config file changes (SIGHUP still reloads).")
  boolean noWatch;

  @Override
  public Integer call() throws InterruptedException {
    Optional<Config> config = options.loadStrict();
    if (config.isEmpty()) {
      return ExitCodes.FAILURE;
    }
    Providers providers = Providers.create(config.get(), ConfigOptions.factories());
    try (DaemonServices services =
        DaemonServices.open(config.get(), options.configPath(), Clock.systemUTC())) {
      Daemon daemon =
          new Daemon(
              config.get(),
              providers,
              new DefaultCheckerFactory(),
              Map.of(),
              Clock.systemUTC(),
              services.listener());
      services.attach(daemon, !noWatch); // signals: TERM/INT stop, HUP reloads
      daemon.run(); // closes the providers when it returns
    }
    return ExitCodes.OK;
  }
}

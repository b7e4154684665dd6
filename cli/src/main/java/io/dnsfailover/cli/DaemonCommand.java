package io.dnsfailover.cli;

import io.dnsfailover.cluster.Membership;
import io.dnsfailover.core.config.Config;
import io.dnsfailover.engine.Daemon;
import io.dnsfailover.engine.DaemonListener;
import io.dnsfailover.engine.Providers;
import io.dnsfailover.engine.metrics.DaemonMetrics;
import io.dnsfailover.engine.metrics.MeteredDnsProvider;
import io.dnsfailover.engine.metrics.PrometheusMetrics;
import io.dnsfailover.engine.server.BearerToken;
import io.dnsfailover.engine.server.ListenAddress;
import io.dnsfailover.engine.server.RecentActivity;
import io.dnsfailover.engine.server.StatusServer;
import io.dnsfailover.health.check.DefaultCheckerFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code daemon}: keeps probing and reconciling until SIGTERM or SIGINT; journals events, sends
 * notifications, and reloads its config on change or SIGHUP ({@link DaemonServices}).
 */
@Command(
    name = "daemon",
    mixinStandardHelpOptions = true,
    description = {
      "Keep probing every endpoint on its own interval and reconcile DNS on every health change"
          + " (and at least once per shortest check interval, kept between 1s and 60s). Logs every failover"
          + " with its reason. SIGTERM or SIGINT lets an in-flight apply finish, then exits 0.",
      "",
      "Serves on --listen: / (status page), /status (JSON), /metrics (Prometheus), /healthz"
          + " (200 while alive) and /readyz (200 once the first reconcile is done, 503 before).",
      "",
      "The config file is watched (and SIGHUP reloads it): a valid new config takes over before"
          + " the next reconcile; an invalid one is rejected with its errors logged, the old one"
          + " stays. Events go to the journal (see 'dnsfailover events') and the configured"
          + " webhooks."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped by SIGTERM or SIGINT",
      "1:invalid config or start-up failure (address in use, token variable unset)",
      "64:bad command-line usage"
    })
final class DaemonCommand implements Callable<Integer> {

  @Mixin ConfigOptions options;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      defaultValue = "127.0.0.1:9090",
      description =
          "Address for /, /status, /metrics, /healthz and /readyz (default: ${DEFAULT-VALUE})."
              + " Port 0 picks a free port; the log says which. Listening beyond loopback"
              + " (0.0.0.0:9090, :9090) shows DNS and health state to the network: pair it with"
              + " --token-env.")
  String listen;

  @Option(
      names = "--token-env",
      paramLabel = "NAME",
      description =
          "Require a bearer token, read from the environment variable NAME (never from the"
              + " command line, where ps shows it), on every path but /healthz and /readyz (left"
              + " open for Kubernetes probes). Send 'Authorization: Bearer <token>'; a browser may"
              + " give it as the password of the HTTP Basic prompt, with any user name.")
  String tokenEnv;

  @Option(
      names = "--no-watch",
      description = "Do not reload when the config file changes (SIGHUP still reloads).")
  boolean noWatch;

  @Override
  public Integer call() throws InterruptedException {
    InetSocketAddress address = listenAddress();
    PrintWriter err = options.spec.commandLine().getErr();
    Optional<BearerToken> token;
    try {
      token = token(System.getenv());
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.FAILURE;
    }
    Optional<Config> config = options.loadStrict();
    if (config.isEmpty()) {
      return ExitCodes.FAILURE;
    }
    Clock clock = Clock.systemUTC();
    PrometheusMetrics metrics = new PrometheusMetrics();
    RecentActivity activity = new RecentActivity(clock);
    // Cluster mode (docs/cluster.md): applies go through only while this member leads. A reload
    // that adds, changes or removes the cluster: block makes the member leave and join again.
    Membership membership = Membership.start(config.get(), clock);
    Function<Config, Providers> providerFactory =
        c -> {
          Providers metered = providers(c, metrics);
          return c.cluster().isPresent()
              ? metered.decorated((n, p) -> membership.fence(p))
              : metered;
        };
    Providers providers = providerFactory.apply(config.get());
    try (DaemonServices services = DaemonServices.open(config.get(), options.configPath(), clock)) {
      DaemonListener listener =
          DaemonListener.all(
              List.of(
                  new DaemonMetrics(metrics.registry(), config.get(), clock),
                  activity,
                  services.listener()));
      Daemon daemon =
          new Daemon(
              config.get(),
              providers,
              new DefaultCheckerFactory(),
              Map.of(),
              clock,
              listener,
              membership);
      membership.onChange(daemon::wakeUp);
      StatusServer server;
      try {
        server = StatusServer.start(address, daemon::state, activity, metrics, token, clock);
      } catch (IOException e) {
        err.println("error: cannot listen on " + listen + ": " + e.getMessage());
        providers.close();
        metrics.close();
        membership.close();
        return ExitCodes.FAILURE;
      }
      // Signals: TERM/INT stop, HUP reloads; reloaded providers are metered and fenced like these.
      services.attach(daemon, !noWatch, providerFactory);
      try {
        daemon.run(); // closes the providers when it returns
      } finally {
        server.close();
        metrics.close();
        membership.close(); // resigns: a successor leads at once
      }
    }
    return ExitCodes.OK;
  }

  /**
   * The providers of {@code config}, each wrapped so its calls show in {@code /metrics}. A reload
   * must build its providers here too.
   */
  static Providers providers(Config config, PrometheusMetrics metrics) {
    return Providers.create(config, ConfigOptions.factories())
        .decorated((name, provider) -> new MeteredDnsProvider(name, provider, metrics.registry()));
  }

  private InetSocketAddress listenAddress() {
    try {
      return ListenAddress.parse(listen);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(options.spec.commandLine(), e.getMessage());
    }
  }

  /** The token named by {@code --token-env}; the value itself is never printed. */
  Optional<BearerToken> token(Map<String, String> environment) {
    if (tokenEnv == null) {
      return Optional.empty();
    }
    String value = environment.get(tokenEnv);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "--token-env names "
              + tokenEnv
              + ", but that environment variable is not set or empty; set it to the token, or"
              + " leave --token-env out to serve without one");
    }
    return Optional.of(BearerToken.of(value));
  }
}

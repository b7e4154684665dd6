package io.dnsfailover.cli;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.engine.HealthRound;
import io.dnsfailover.engine.Providers;
import io.dnsfailover.engine.Reconciler;
import io.dnsfailover.engine.state.StateFile;
import io.dnsfailover.health.CheckerFactory;
import io.dnsfailover.health.check.DefaultCheckerFactory;
import java.io.IOException;

/** What {@code check}, {@code plan} and {@code once} share: the config, its state and checks. */
final class Session implements AutoCloseable {

  final Config config;
  final StateFile stateFile;
  private final CheckerFactory checkers = new DefaultCheckerFactory();
  private Providers providers;
  private StateFile.State saved;

  Session(Config config, StateFile stateFile) {
    this.config = config;
    this.stateFile = stateFile;
  }

  /** What earlier runs saved, read once. */
  StateFile.State saved() throws IOException {
    if (saved == null) {
      saved = stateFile.load();
    }
    return saved;
  }

  /** Probes every endpoint once, on top of the rise/fall state saved by earlier runs. */
  HealthRound probe() throws IOException {
    return HealthRound.probe(config.endpoints(), checkers, saved().endpoints());
  }

  Reconciler reconciler() {
    if (providers == null) {
      providers = Providers.create(config, ConfigOptions.factories());
    }
    return new Reconciler(config, providers);
  }

  @Override
  public void close() {
    if (providers != null) {
      providers.close();
    }
  }
}

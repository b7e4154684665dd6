package io.dnsfailover.cli;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.engine.state.StateFile;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --state FILE}: where rise/fall counters live between runs. */
final class StateOptions {

  @Option(
      names = "--state",
      paramLabel = "FILE",
      description =
          "Rise/fall state between runs (default: $XDG_STATE_HOME/dnsfailover/OWNER.state.json,"
              + " XDG_STATE_HOME defaulting to ~/.local/state).")
  Path state;

  StateFile stateFile(Config config) {
    return new StateFile(
        state != null ? state : StateFile.defaultPath(config.ownerId(), System.getenv()));
  }
}

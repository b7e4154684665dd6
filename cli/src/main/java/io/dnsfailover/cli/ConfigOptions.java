package io.dnsfailover.cli;

import ch.qos.logback.classic.Level;
import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.config.ConfigException;
import io.dnsfailover.core.config.ConfigLoader;
import io.dnsfailover.core.config.LoadResult;
import io.dnsfailover.core.config.Problem;
import io.dnsfailover.spi.DnsProviderFactory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options every command shares: the config file and verbosity. */
final class ConfigOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      defaultValue = "${env:DNSFAILOVER_CONFIG}",
      description = "The config file (default: $DNSFAILOVER_CONFIG).")
  Path config;

  @Option(
      names = {"-v", "--verbose"},
      description = "Debug logging, and stack traces on failures.")
  boolean verbose;

  Path configPath() {
    if (config == null) {
      throw new ParameterException(
          spec.commandLine(), "Missing config: pass -c FILE or set DNSFAILOVER_CONFIG");
    }
    if (verbose) {
      ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.dnsfailover"))
          .setLevel(Level.DEBUG);
    }
    return config;
  }

  /**
   * Loads and validates the config, printing warnings and problems to stderr. Empty when it does
   * not load: the problems are printed, and the command exits 1.
   */
  Optional<LoadResult> load(ConfigLoader.Mode mode) {
    Path path = configPath();
    PrintWriter err = spec.commandLine().getErr();
    try {
      LoadResult result = new ConfigLoader(factories(), System.getenv()).load(path, mode);
      result.warnings().forEach(warning -> err.println(warning));
      return Optional.of(result);
    } catch (ConfigException e) {
      for (Problem problem : e.problems()) {
        err.println(problem);
      }
      long errors = e.errors().size();
      err.println(
          path + ": " + errors + (errors == 1 ? " error" : " errors") + "; nothing changed");
      return Optional.empty();
    }
  }

  /** Loads for a command that uses the values: unset variables are errors. */
  Optional<Config> loadStrict() {
    return load(ConfigLoader.Mode.STRICT).map(LoadResult::requireConfig);
  }

  static Map<String, DnsProviderFactory> factories() {
    return ConfigLoader.discoverFactories();
  }
}

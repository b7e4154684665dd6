package io.dnsfailover.cli;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.config.ConfigLoader;
import io.dnsfailover.core.config.LoadResult;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code validate}: checks a config without probing or calling any provider (CI). */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Check a config file: syntax, keys, types, addresses, TTLs and provider settings. Makes"
            + " no probe and no provider call. An unset $${VAR} is only a warning here, so CI can"
            + " validate without production secrets.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the config is valid", "1:it is not (FILE:LINE:COL: key: problem)"})
final class ValidateCommand implements Callable<Integer> {

  @Mixin ConfigOptions options;

  @Override
  public Integer call() {
    Optional<LoadResult> result = options.load(ConfigLoader.Mode.VALIDATE_ONLY);
    if (result.isEmpty()) {
      return ExitCodes.FAILURE;
    }
    Optional<Config> config = result.get().config();
    String summary =
        config
            .map(
                c ->
                    ": "
                        + c.zones().size()
                        + " zone(s), "
                        + c.zones().stream().mapToInt(z -> z.records().size()).sum()
                        + " record(s), "
                        + c.endpoints().size()
                        + " endpoint(s)")
            .orElse("");
    options.spec.commandLine().getOut().println(options.configPath() + ": valid" + summary);
    return ExitCodes.OK;
  }
}

package io.dnsfailover.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.UnmatchedArgumentException;

/** The {@code dnsfailover} command line: one binary for cron, the daemon and CI. */
@Command(
    name = "dnsfailover",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    versionProvider = VersionProvider.class,
    description = "Health-checked DNS failover: probes endpoints and rewrites DNS records.",
    subcommands = {
      ValidateCommand.class,
      CheckCommand.class,
      PlanCommand.class,
      OnceCommand.class,
      DaemonCommand.class,
      EventsCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok (plan --detailed-exitcode: no change pending)",
      "1:failure: invalid config, provider or I/O error, or a conflict",
      "2:changes pending (plan --detailed-exitcode only)",
      "64:bad command-line usage"
    },
    footerHeading = "%nConfig:%n",
    footer = "  -c FILE or the DNSFAILOVER_CONFIG environment variable. See README.md.")
public final class Main {

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      scope = ScopeType.INHERIT,
      defaultValue = "${env:DNSFAILOVER_LOG_FORMAT:-text}",
      description =
          "Log lines on stderr: text, or json (one object per line, for Loki or Elasticsearch)."
              + " Default: $DNSFAILOVER_LOG_FORMAT, else text.")
  void logFormat(LogFormat format) {
    format.apply();
  }

  public static void main(String[] args) {
    // netty (under the etcd client) warns on JDK 24+ when it uses sun.misc.Unsafe; it works
    // without it.
    if (System.getProperty("io.netty.noUnsafe") == null) {
      System.setProperty("io.netty.noUnsafe", "true");
    }
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code; what tests call instead of {@link #main}. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /**
   * A bad command line: the problem, the commands or options it was probably meant to be (picocli's
   * suggestions), where to find help, exit 64.
   */
  private static int usageError(ParameterException problem, String[] args) {
    CommandLine command = problem.getCommandLine();
    String name = command.getCommandSpec().qualifiedName();
    PrintWriter err = command.getErr();
    if (problem instanceof UnmatchedArgumentException unmatched
        && !unmatched.isUnknownOption()
        && !command.getSubcommands().isEmpty()
        && !unmatched.getUnmatched().isEmpty()) {
      err.println("error: unknown command '" + unmatched.getUnmatched().getFirst() + "'");
    } else {
      err.println("error: " + problem.getMessage());
    }
    if (problem instanceof UnmatchedArgumentException unmatched) {
      List<String> suggestions = unmatched.getSuggestions();
      if (!suggestions.isEmpty()) {
        String prefix = unmatched.isUnknownOption() ? "" : name + " ";
        err.println(
            "Did you mean "
                + suggestions.stream()
                    .map(suggestion -> "'" + prefix + suggestion + "'")
                    .collect(Collectors.joining(" or "))
                + "?");
      }
    }
    err.println("Try '" + name + " --help' for usage.");
    return ExitCodes.USAGE;
  }

  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setParameterExceptionHandler(Main::usageError);
    commandLine.setExecutionExceptionHandler(new FailureHandler());
    // Help as wide as the terminal (80 columns when not on one), for every command, with a
    // blank line between synopsis, description and options.
    commandLine.setUsageHelpAutoWidth(true);
    layOut(commandLine);
    return commandLine;
  }

  private static void layOut(CommandLine command) {
    command
        .getCommandSpec()
        .usageMessage()
        .descriptionHeading("%n")
        .optionListHeading("%nOptions:%n");
    command.getSubcommands().values().forEach(Main::layOut);
  }
}

package io.dnsfailover.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code dnsfailover} command line: one binary for cron, the daemon and CI. */
@Command(
    name = "dnsfailover",
    mixinStandardHelpOptions = true,
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
      description = {
        "Log lines on stderr: text, or json (one object per line, for Loki or Elasticsearch).",
        "Default: $DNSFAILOVER_LOG_FORMAT, else text."
      })
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

  /** A bad command line: the problem, where to find help, exit 64. */
  private static int usageError(CommandLine.ParameterException problem, String[] args) {
    CommandLine command = problem.getCommandLine();
    command.getErr().println("error: " + problem.getMessage());
    command
        .getErr()
        .println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
    return ExitCodes.USAGE;
  }

  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setParameterExceptionHandler(Main::usageError);
    commandLine.setExecutionExceptionHandler(new FailureHandler());
    return commandLine;
  }
}

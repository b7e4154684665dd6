package io.dnsfailover.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place an unexpected failure becomes an exit code: one clear line on stderr, the stack
 * trace only with {@code -v}.
 */
final class FailureHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception exception, CommandLine commandLine, ParseResult parseResult) {
    boolean verbose =
        parseResult.subcommands().stream().anyMatch(sub -> sub.hasMatchedOption("--verbose"));
    String message = exception.getMessage() == null ? exception.toString() : exception.getMessage();
    commandLine.getErr().println("error: " + message);
    if (verbose) {
      exception.printStackTrace(commandLine.getErr());
    }
    return ExitCodes.FAILURE;
  }
}

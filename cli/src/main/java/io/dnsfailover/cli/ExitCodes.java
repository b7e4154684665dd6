package io.dnsfailover.cli;

/** The exit codes of every command (DESIGN.md, "CLI"). */
public final class ExitCodes {
  /** Success; for {@code plan --detailed-exitcode}: no change pending. */
  public static final int OK = 0;

  /** Invalid config, provider or I/O error, or a record left alone because of a conflict. */
  public static final int FAILURE = 1;

  /** {@code plan --detailed-exitcode} only: changes are pending. */
  public static final int CHANGES = 2;

  /** Bad command-line usage. */
  public static final int USAGE = 64;

  private ExitCodes() {}
}

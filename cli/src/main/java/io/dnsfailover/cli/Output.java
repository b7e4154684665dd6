package io.dnsfailover.cli;

/** The output formats of {@code plan} and {@code check}. */
enum Output {
  text,
  json,
  /** {@code plan} only: a Markdown summary and tables for a merge-request comment. */
  markdown
}

package io.dnsfailover.cli;

/** The output formats of {@code plan}: those of {@link Output}, and Markdown for CI comments. */
enum PlanOutput {
  text,
  json,
  /** A summary and a table per zone for a merge-request comment or job summary. */
  markdown
}

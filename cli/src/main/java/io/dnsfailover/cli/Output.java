package io.dnsfailover.cli;

/** The output formats of {@code plan} and {@code check}. */
enum Output {
  text,
  json
}

package io.dnsfailover.cli;

/** The output formats of {@code check} and {@code events}. */
enum Output {
  text,
  json
}

package io.dnsfailover.provider.zonefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs BIND's {@code named-checkzone}, the reference for "a DNS server accepts this file". */
final class NamedCheckzone {

  private static final String COMMAND = "named-checkzone";

  private NamedCheckzone() {}

  static boolean available() {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String directory : path.split(File.pathSeparator, -1)) {
      if (Files.isExecutable(Path.of(directory, COMMAND))) {
        return true;
      }
    }
    return false;
  }

  /** Skips the calling test, saying why, when the binary is not installed. */
  static void assumeAvailable() {
    Assumptions.assumeTrue(
        available(),
        COMMAND + " is not on PATH: install BIND's tools (apt-get install bind9 bind9-dnsutils)");
  }

  /** Asserts that {@code named-checkzone zone file} exits 0. */
  static void assertAccepts(String zone, Path file) throws IOException, InterruptedException {
    Verdict verdict = check(zone, file);
    assertThat(verdict.accepted())
        .as(
            "%s %s %s:%n%s%nfile:%n%s",
            COMMAND, zone, file, verdict.output(), Files.readString(file))
        .isTrue();
  }

  /** What {@code named-checkzone} said about a file: whether it loads, and its output. */
  record Verdict(boolean accepted, String output) {}

  /** Runs {@code named-checkzone zone file}; it exits 0 when BIND would load the zone. */
  static Verdict check(String zone, Path file) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(COMMAND, zone, file.toString()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Verdict(process.exitValue() == 0, output);
  }
}

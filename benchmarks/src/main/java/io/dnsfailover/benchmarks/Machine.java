package io.dnsfailover.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the machine is doing: the load average, read from /proc (Linux). */
final class Machine {

  private Machine() {}

  /** "1m/5m/15m", e.g. "0.42/0.80/1.10", or "?" where /proc/loadavg does not exist. */
  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + "/" + parts[1] + "/" + parts[2];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }
}

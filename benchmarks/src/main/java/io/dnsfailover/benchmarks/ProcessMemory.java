package io.dnsfailover.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Memory and CPU time of another process as the kernel counts them, read from {@code /proc}
 * (Linux): what {@code ps} and the OOM killer see, whatever the process runs on.
 */
final class ProcessMemory {

  private static final long TICKS_PER_SECOND = ticksPerSecond();

  /**
   * One reading.
   *
   * @param rssKib resident set size now ({@code VmRSS}): the memory the process holds
   * @param peakKib the largest resident set since the process started ({@code VmHWM})
   * @param cpuNanos user + system CPU time of all its threads so far
   */
  record Sample(long rssKib, long peakKib, long cpuNanos) {}

  private ProcessMemory() {}

  static Sample sample(long pid) throws IOException {
    long rss = -1;
    long peak = -1;
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        rss = kib(line);
      } else if (line.startsWith("VmHWM:")) {
        peak = kib(line);
      }
    }
    if (rss < 0 || peak < 0) {
      throw new IOException("/proc/" + pid + "/status has no VmRSS or VmHWM: is it a zombie?");
    }
    // /proc/PID/stat: "pid (comm) state ..." where comm may hold spaces; utime and stime are the
    // 14th and 15th fields, the 12th and 13th after the closing parenthesis.
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return new Sample(rss, peak, ticks * 1_000_000_000L / TICKS_PER_SECOND);
  }

  /** The command line of a process, its arguments as given. */
  static List<String> commandLine(long pid) throws IOException {
    byte[] bytes = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
    return List.of(new String(bytes, StandardCharsets.UTF_8).split("\0"));
  }

  private static long kib(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }

  /** The kernel's clock tick ({@code getconf CLK_TCK}), 100 on every common Linux. */
  private static long ticksPerSecond() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
      String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      return getconf.waitFor() == 0 ? Long.parseLong(out.trim()) : 100;
    } catch (IOException | RuntimeException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}

package io.dnsfailover.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.dist.Release.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./dnsfailover} at the root of a checkout: the README's next step after building the jar,
 * which must work on a machine whose default {@code java} is older than 21, through a symlink.
 */
class CheckoutLauncherIT {

  private static final Path CHECKOUT =
      Path.of(System.getProperty("dnsfailover.checkout", "..")).toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void runsTheJarWithAJdkOf21OrNewerWhateverJavaComesFirstOnThePath() throws Exception {
    Path link = dir.resolve("dnsfailover");
    Files.createSymbolicLink(link, CHECKOUT.resolve("dnsfailover"));

    Result version =
        Release.run(
            dir,
            Map.of("PATH", "/usr/bin:/bin", "HOME", dir.toString()),
            List.of(link.toString(), "--version"));

    assertThat(version.exitCode()).as(version.output()).isZero();
    assertThat(version.stdout()).isEqualTo("dnsfailover " + Release.VERSION + "\n");
  }

  /**
   * The daemon gets the release launcher's memory defaults, the serial collector and 64 MiB plus 20
   * KiB per endpoint (74 MiB for 512, a whole number of 2 MiB, the alignment the JVM rounds a heap
   * size up to), and DNSFAILOVER_JAVA_OPTS wins over them, as the JVM's {@code
   * -XX:+PrintFlagsFinal} reports.
   */
  @Test
  void theDaemonGetsASmallHeapThatDnsfailoverJavaOptsOverrides() throws Exception {
    StringBuilder config = new StringBuilder("zones:\n  - records:\n      - endpoints:\n");
    for (int i = 1; i <= 512; i++) {
      config.append("          - { id: e%d, address: 192.0.2.%d }\n".formatted(i, i % 250 + 1));
    }
    Files.writeString(dir.resolve("config.yaml"), config);
    Path launcher = CHECKOUT.resolve("dnsfailover");

    String defaults = flags(launcher, "-XX:+PrintFlagsFinal");
    assertThat(defaults)
        .containsPattern("(?m)^\\s*size_t MaxHeapSize\\s+= " + (74L << 20) + "\\s")
        .containsPattern("(?m)^\\s*size_t InitialHeapSize\\s+= " + (74L << 20) + "\\s")
        .containsPattern("(?m)^\\s*bool AlwaysPreTouch\\s+= true\\s")
        .containsPattern("(?m)^\\s*bool UseSerialGC\\s+= true\\s");

    String overridden = flags(launcher, "-XX:+PrintFlagsFinal -Xmx200m");
    assertThat(overridden)
        .containsPattern("(?m)^\\s*size_t MaxHeapSize\\s+= " + (200L << 20) + "\\s");
  }

  private String flags(Path launcher, String javaOptions) throws Exception {
    Result result =
        Release.run(
            dir,
            Map.of(
                "PATH",
                "/usr/bin:/bin",
                "HOME",
                dir.toString(),
                "DNSFAILOVER_JAVA_OPTS",
                javaOptions),
            List.of(launcher.toString(), "daemon", "-c", "config.yaml", "--help"));
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result.stdout();
  }
}

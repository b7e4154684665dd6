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
}

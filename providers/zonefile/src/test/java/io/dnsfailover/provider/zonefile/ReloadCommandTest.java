package io.dnsfailover.provider.zonefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.Zone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reloadCommand}: run without a shell, placeholders filled, failures explained. */
class ReloadCommandTest {

  @TempDir Path directory;

  private static final Zone ZONE = new Zone(DnsName.of("example.test."), "local");

  private ZoneFileProvider provider(Duration timeout, String... words) {
    return new ZoneFileProvider(
        directory.resolve("example.test.zone"),
        Clock.systemUTC(),
        Optional.of(new ReloadCommand(List.of(words), timeout)));
  }

  @Test
  void fillsInTheZoneWithoutItsDotAndThePathAsSingleWords() throws Exception {
    Path log = directory.resolve("called with");
    // Each argument on its own line: a word holding spaces stays one argument, no shell splits it.
    provider(
            Duration.ofSeconds(10),
            "/bin/sh",
            "-c",
            "printf '%s\\n' \"$@\" > '" + log + "'",
            "sh",
            "{zone}",
            "{path}",
            "two words")
        .reload(ZONE);

    assertThat(Files.readAllLines(log))
        .containsExactly(
            "example.test", directory.resolve("example.test.zone").toString(), "two words");
  }

  @Test
  void aNonZeroExitFailsWithTheLastLineOfErrorOutput() {
    assertThatThrownBy(
            () ->
                provider(
                        Duration.ofSeconds(10),
                        "/bin/sh",
                        "-c",
                        "echo checking >&2; echo 'rndc: reload failed: not found' >&2; exit 1")
                    .reload(ZONE))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.TRANSIENT))
        .hasMessageStartingWith("reload command `/bin/sh -c")
        .hasMessageEndingWith("exited 1: rndc: reload failed: not found");
  }

  @Test
  void aCommandThatHangsIsKilledAtTheTimeout() {
    assertThatThrownBy(
            () ->
                provider(Duration.ofMillis(300), "/bin/sh", "-c", "echo waiting >&2; sleep 60")
                    .reload(ZONE))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("did not finish within reloadTimeout 300ms: waiting; it was killed");
  }

  @Test
  void aProgramThatDoesNotExistSaysSo() {
    assertThatThrownBy(() -> provider(Duration.ofSeconds(5), "no-such-rndc", "reload").reload(ZONE))
        .isInstanceOf(ProviderException.class)
        .hasMessageStartingWith("reload command `no-such-rndc reload` could not start:");
  }

  @Test
  void withoutACommandReloadDoesNothing() throws Exception {
    new ZoneFileProvider(directory.resolve("example.test.zone"), Clock.systemUTC()).reload(ZONE);

    assertThat(directory).isEmptyDirectory();
  }
}

package io.dnsfailover.dist;

import static io.dnsfailover.dist.Release.DEB;
import static io.dnsfailover.dist.Release.VERSION;
import static io.dnsfailover.dist.Release.run;
import static io.dnsfailover.dist.Release.tool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dnsfailover.dist.Release.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package, read with dpkg-deb as an administrator would before installing it: its
 * control fields, its files, a launcher that runs from the unpacked tree, and a systemd unit that
 * {@code systemd-analyze verify} accepts. (Installing it needs root and changes the machine, so
 * these tests unpack it instead; the maintainer scripts are checked for syntax.)
 */
class DebIT {

  private static final String UNIT = "usr/lib/systemd/system/dnsfailover.service";

  @TempDir Path dir;

  @BeforeEach
  void needsDpkgDeb() {
    assumeTrue(
        Release.installed("dpkg-deb"),
        "dpkg-deb is missing (apt-get install dpkg): the .deb was not built, so it is not tested");
  }

  @Test
  void controlNamesPackageVersionArchitectureAndDependencies() throws Exception {
    String info = tool(dir, "dpkg-deb", "-I", DEB.toString());

    assertThat(info)
        .contains(" Package: dnsfailover\n")
        .contains(" Version: " + VERSION.replace("-SNAPSHOT", "~SNAPSHOT") + "\n")
        .contains(" Architecture: amd64\n")
        .contains(" Depends: libc6 (>= 2.17), adduser\n")
        .contains(" Recommends: iputils-ping\n")
        .containsPattern(" Installed-Size: \\d+\n")
        .contains("postinst", "prerm", "postrm");
  }

  @Test
  void installsTheLauncherOnThePathTheCompletionAndTheUnitOwnedByRoot() throws Exception {
    List<String> entries = tool(dir, "dpkg-deb", "-c", DEB.toString()).lines().toList();

    assertThat(entries).allSatisfy(line -> assertThat(line).contains(" root/root "));
    assertThat(entries)
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("lrwxrwxrwx")
                    .endsWith("./usr/bin/dnsfailover -> ../lib/dnsfailover/bin/dnsfailover"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("-rwxr-xr-x")
                    .endsWith("./usr/lib/dnsfailover/bin/dnsfailover"))
        .anySatisfy(line -> assertThat(line).endsWith("./usr/lib/dnsfailover/lib/dnsfailover.jar"))
        .anySatisfy(line -> assertThat(line).endsWith("./usr/lib/dnsfailover/runtime/bin/java"))
        .anySatisfy(
            line ->
                assertThat(line).endsWith("./usr/share/bash-completion/completions/dnsfailover"))
        .anySatisfy(line -> assertThat(line).endsWith("./" + UNIT))
        .anySatisfy(line -> assertThat(line).endsWith("./usr/share/doc/dnsfailover/README.md"));
  }

  @Test
  void theUnpackedLauncherRunsThroughUsrBin() throws Exception {
    Path root = unpack();

    Result version =
        run(
            dir,
            Map.of("PATH", "/usr/bin:/bin", "DNSFAILOVER_JAVA_OPTS", startUpCache(root)),
            List.of(root.resolve("usr/bin/dnsfailover").toString(), "--version"));

    assertThat(version.exitCode()).as(version.output()).isZero();
    assertThat(version.stdout()).isEqualTo("dnsfailover " + VERSION + "\n");
  }

  @Test
  void theUnitRunsTheDaemonUnprivilegedHardenedAndReloadsOnSighup() throws Exception {
    String unit = Files.readString(unpack().resolve(UNIT));

    assertThat(unit.lines())
        .contains(
            "ExecStart=/usr/bin/dnsfailover daemon -c /etc/dnsfailover/config.yaml",
            "ExecReload=/bin/kill -HUP $MAINPID",
            "User=dnsfailover",
            "StateDirectory=dnsfailover",
            "RuntimeDirectory=dnsfailover",
            "Restart=on-failure",
            "NoNewPrivileges=yes",
            "ProtectSystem=strict",
            "ProtectHome=yes",
            "PrivateTmp=yes",
            "AmbientCapabilities=CAP_NET_RAW",
            "CapabilityBoundingSet=CAP_NET_RAW");
  }

  @Test
  void systemdAcceptsTheUnit() throws Exception {
    assumeTrue(
        Release.installed("systemd-analyze"),
        "systemd-analyze is missing (apt-get install systemd): the unit was not verified");
    Path unit = Files.createDirectories(dir.resolve("units")).resolve("dnsfailover.service");
    Files.copy(unpack().resolve(UNIT), unit);

    Result verify =
        run(
            dir,
            Map.of("PATH", System.getenv("PATH"), "SYSTEMD_LOG_COLOR", "0"),
            List.of("systemd-analyze", "verify", unit.toString()));

    // The package is not installed here, so its ExecStart binary is missing; anything else
    // (an unknown key, a bad value, a missing dependency) is a finding.
    assertThat(
            (verify.stdout() + verify.stderr())
                .lines()
                .filter(line -> !line.isBlank())
                .filter(line -> !line.contains("Command /usr/bin/dnsfailover is not executable")))
        .as(verify.output())
        .isEmpty();
  }

  @Test
  void theMaintainerScriptsArePosixShell() throws Exception {
    Path control = Files.createDirectories(dir.resolve("control"));
    tool(dir, "dpkg-deb", "-e", DEB.toString(), control.toString());

    for (String script : List.of("postinst", "prerm", "postrm")) {
      Path file = control.resolve(script);
      assertThat(Files.readString(file)).startsWith("#!/bin/sh\n");
      assertThat(Files.isExecutable(file)).as(script).isTrue();
      tool(dir, "sh", "-n", file.toString());
    }
    assertThat(Files.readString(control.resolve("postinst")))
        .contains("adduser --system --group --home /var/lib/dnsfailover");
  }

  private Path unpack() throws Exception {
    Path root = dir.resolve("root");
    if (!Files.isDirectory(root)) {
      tool(dir, "dpkg-deb", "-x", DEB.toString(), root.toString());
    }
    return root;
  }

  private static String startUpCache(Path root) {
    return Release.requireStartUpCache(root.resolve("usr/lib/dnsfailover"));
  }
}

package io.dnsfailover.dist;

import static io.dnsfailover.dist.Release.NAME;
import static io.dnsfailover.dist.Release.TARBALL;
import static io.dnsfailover.dist.Release.VERSION;
import static io.dnsfailover.dist.Release.run;
import static io.dnsfailover.dist.Release.tool;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.dnsfailover.dist.Release.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release tarball as a new user meets it: unpacked anywhere, run through a symlink from another
 * folder, on a machine whose {@code java} is too old (Java 17) or missing, with or without a
 * JAVA_HOME.
 */
class TarballIT {

  private static final Path JAVA_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin");

  @TempDir Path dir;

  @Test
  void holdsOneFolderWithTheLauncherJarRuntimeStartUpCacheCompletionAndReadme() throws Exception {
    List<String> entries = tool(dir, "tar", "-tzvf", TARBALL.toString()).lines().toList();

    assertThat(entries)
        .allSatisfy(line -> assertThat(line).contains(" root/root ").contains(" " + NAME + "/"));
    assertThat(entries)
        .anySatisfy(
            line -> assertThat(line).startsWith("-rwxr-xr-x").endsWith(NAME + "/bin/dnsfailover"))
        .anySatisfy(line -> assertThat(line).endsWith(NAME + "/lib/dnsfailover.jar"))
        .anySatisfy(line -> assertThat(line).endsWith(NAME + "/lib/jvm.options"))
        .anySatisfy(line -> assertThat(line).endsWith(NAME + "/runtime/bin/java"))
        .anySatisfy(line -> assertThat(line).endsWith(NAME + "/completions/dnsfailover.bash"))
        .anySatisfy(line -> assertThat(line).endsWith(NAME + "/README.md"))
        .anySatisfy(line -> assertThat(line).matches(".*" + NAME + "/lib/dnsfailover\\.(aot|jsa)"));
  }

  @Test
  void theRuntimeIsJlinkedWithTheModulesTheProvidersNeedAndNoCompiler() throws Exception {
    Path release = Release.unpack(dir);

    String modules = tool(dir, release.resolve("runtime/bin/java").toString(), "--list-modules");

    assertThat(modules.lines().map(line -> line.replaceAll("@.*", "")))
        .contains(
            "java.base",
            "java.naming", // JNDI, and jdk.naming.dns below for grpc's SRV lookups
            "jdk.naming.dns",
            "java.net.http",
            "jdk.httpserver", // the daemon's status server
            "java.management", // /metrics: jvm_* and process_*
            "jdk.management",
            "jdk.unsupported", // netty, grpc, protobuf
            "jdk.crypto.ec",
            "jdk.zipfs")
        .doesNotContain("jdk.compiler", "jdk.jshell", "jdk.jlink", "jdk.jdeps");
  }

  @Test
  void runsThroughSymlinksFromAnyFolderWithJava17OnThePathAndNoJavaHome() throws Exception {
    Map<String, String> environment = new HashMap<>();
    String path = tools(dir.resolve("tools")).toString();
    // The machine's java is 17 when it has one: the jar's classes need 21, so using it would fail
    // with UnsupportedClassVersionError.
    environment.put("PATH", Files.isDirectory(JAVA_17) ? JAVA_17 + ":" + path : path);
    runsValidateAndOnce(environment);
  }

  @Test
  void runsWithoutAnyJavaAndIgnoresJavaHome() throws Exception {
    Map<String, String> environment = new HashMap<>();
    Path tools = tools(dir.resolve("tools"));
    Path fakeJdk = Files.createDirectories(dir.resolve("fake-jdk/bin"));
    fakeJava(tools.resolve("java"));
    fakeJava(fakeJdk.resolve("java"));
    environment.put("PATH", tools.toString());
    environment.put("JAVA_HOME", fakeJdk.getParent().toString());
    runsValidateAndOnce(environment);
  }

  /**
   * The daemon gets a small-daemon JVM from the launcher: the serial collector, C1 only and a heap
   * of 64 MiB plus 20 KiB per endpoint of its config, committed and touched at start (74 MiB for
   * 512; a count that gives a whole number of 2 MiB, the alignment the JVM rounds a heap size up
   * to; an {@code address:} in a comment is no endpoint), with the start-up cache still in use;
   * JAVA_OPTS (and DNSFAILOVER_JAVA_OPTS) win over both. What the JVM settled on is what {@code
   * -XX:+PrintFlagsFinal} prints before {@code daemon --help}.
   */
  @Test
  void theDaemonsHeapCapFollowsTheEndpointCountAndDnsfailoverJavaOptsOverridesIt()
      throws Exception {
    Path release = Release.unpack(dir.resolve("opt"));
    Path work = Files.createDirectories(dir.resolve("work"));
    StringBuilder config =
        new StringBuilder(
            """
            # Every endpoint has an address: this comment names none.
            version: 1
            ownerId: memory-test
            defaults:
              check: { type: tcp, port: 443, sourceAddress: 127.0.0.1 }
            providers:
              local: { type: zonefile, path: example.test.zone }
            zones:
              - name: example.test.
                provider: local
                records:
            """);
    for (int i = 0; i < 256; i++) {
      config.append(
          """
                - name: r%d
                  type: A
                  endpoints:
                    - { id: primary, address: 192.0.2.%d }
                    - id: backup
                      address: 198.51.100.%d
          """
              .formatted(i, i % 250 + 1, i % 250 + 1));
    }
    Files.writeString(work.resolve("config.yaml"), config);
    String launcher = release.resolve("bin/dnsfailover").toString();
    String flags = Release.requireStartUpCache(release) + " -XX:+PrintFlagsFinal";

    Result daemon =
        run(
            work,
            Map.of("DNSFAILOVER_JAVA_OPTS", flags),
            List.of(launcher, "daemon", "-c", "config.yaml", "--help"));
    assertThat(daemon.exitCode()).as(daemon.output()).isZero();
    assertThat(flag(daemon, "MaxHeapSize")).isEqualTo(Long.toString(74L << 20));
    assertThat(flag(daemon, "InitialHeapSize")).isEqualTo(Long.toString(74L << 20));
    assertThat(flag(daemon, "AlwaysPreTouch")).isEqualTo("true");
    assertThat(flag(daemon, "UseSerialGC")).isEqualTo("true");
    assertThat(flag(daemon, "TieredStopAtLevel")).isEqualTo("1");

    Result fromEnvironment =
        run(
            work,
            Map.of("DNSFAILOVER_JAVA_OPTS", flags, "DNSFAILOVER_CONFIG", "config.yaml"),
            List.of(launcher, "daemon", "--help"));
    assertThat(flag(fromEnvironment, "MaxHeapSize")).isEqualTo(Long.toString(74L << 20));

    Result overridden =
        run(
            work,
            Map.of("DNSFAILOVER_JAVA_OPTS", flags, "JAVA_OPTS", "-Xmx300m -XX:+UseParallelGC"),
            List.of(launcher, "daemon", "-c", "config.yaml", "--help"));
    assertThat(overridden.exitCode()).as(overridden.output()).isZero();
    assertThat(flag(overridden, "MaxHeapSize")).isEqualTo(Long.toString(300L << 20));
    assertThat(flag(overridden, "UseParallelGC")).isEqualTo("true");
    assertThat(flag(overridden, "UseSerialGC")).isEqualTo("false");
    assertThat(flag(overridden, "AlwaysPreTouch")).isEqualTo("false");

    Result validate =
        run(
            work,
            Map.of("DNSFAILOVER_JAVA_OPTS", flags),
            List.of(launcher, "validate", "-c", "config.yaml"));
    assertThat(validate.exitCode()).as(validate.output()).isZero();
    assertThat(flag(validate, "MaxHeapSize"))
        .as("short commands keep the JVM's own heap cap")
        .isNotEqualTo(Long.toString(74L << 20));
    assertThat(flag(validate, "InitialHeapSize"))
        .as("short commands start with a small heap")
        .isEqualTo(Long.toString(32L << 20));

    Result ownHeap =
        run(
            work,
            Map.of("DNSFAILOVER_JAVA_OPTS", flags + " -Xmx24m"),
            List.of(launcher, "validate", "-c", "config.yaml"));
    assertThat(ownHeap.exitCode())
        .as("-Xmx24m replaces the initial 32 MiB: " + ownHeap.output())
        .isZero();
    assertThat(flag(ownHeap, "MaxHeapSize")).isEqualTo(Long.toString(24L << 20));
  }

  /** A flag's final value from {@code -XX:+PrintFlagsFinal}'s table on stdout. */
  private static String flag(Result result, String name) {
    Matcher matcher =
        Pattern.compile("(?m)^\\s*\\S+\\s+" + name + "\\s+:?=\\s+(\\S+)").matcher(result.stdout());
    assertThat(matcher.find()).as(name + " in\n" + result.output()).isTrue();
    return matcher.group(1);
  }

  @Test
  void theBashCompletionCompletesCommandsAndOptions() throws Exception {
    Path release = Release.unpack(dir);
    Path completion = release.resolve("completions/dnsfailover.bash");

    assertThat(complete(completion, "dnsfailover", "val")).isEqualTo("validate");
    assertThat(complete(completion, "dnsfailover", "plan", "--detailed"))
        .isEqualTo("--detailed-exitcode");
  }

  /** What bash completes the last word to, with the release's completion script sourced. */
  private String complete(Path completion, String... words) throws Exception {
    String script =
        "source \"$1\"; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1));"
            + " COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE}; _complete_dnsfailover;"
            + " printf '%s\\n' \"${COMPREPLY[@]}\"";
    List<String> command = new java.util.ArrayList<>(List.of("bash", "-c", script, "complete"));
    command.add(completion.toString());
    command.addAll(List.of(words));
    Result result = run(dir, Map.of("PATH", System.getenv("PATH")), command);
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result.stdout().strip();
  }

  /**
   * Unpacks the tarball into {@code opt/}, calls it through a chain of symlinks from {@code links/}
   * while working in {@code work/}: {@code --version}, {@code validate} and {@code once} on a
   * zone-file config whose endpoint is healthy. Each run must use the start-up cache.
   */
  private void runsValidateAndOnce(Map<String, String> environment) throws Exception {
    Path release = Release.unpack(dir.resolve("opt"));
    Path links = Files.createDirectories(dir.resolve("links"));
    Files.createSymbolicLink(
        links.resolve("dnsfailover-release"), Path.of("../opt/" + NAME + "/bin/dnsfailover"));
    Path launcher = links.resolve("dnsfailover");
    Files.createSymbolicLink(launcher, Path.of("dnsfailover-release"));
    Path work = Files.createDirectories(dir.resolve("work"));
    environment.put("DNSFAILOVER_JAVA_OPTS", Release.requireStartUpCache(release));
    environment.put("XDG_STATE_HOME", dir.resolve("state").toString());

    Result version = run(work, environment, List.of(launcher.toString(), "--version"));
    assertThat(version.exitCode()).as(version.output()).isZero();
    assertThat(version.stdout()).isEqualTo("dnsfailover " + VERSION + "\n");
    assertThat(version.stderr()).isEmpty();

    HttpServer backend = Release.healthyBackend();
    try {
      Files.writeString(work.resolve("config.yaml"), config(backend.getAddress().getPort()));

      Path validateClasses = dir.resolve("classes-validate.log");
      environment.put(
          "DNSFAILOVER_JAVA_OPTS",
          Release.requireStartUpCache(release) + " -Xlog:class+load:file=" + validateClasses);
      Result validate =
          run(work, environment, List.of(launcher.toString(), "validate", "-c", "config.yaml"));
      assertThat(validate.exitCode()).as(validate.output()).isZero();
      assertThat(validate.stdout())
          .isEqualTo("config.yaml: valid: 1 zone(s), 1 record(s), 1 endpoint(s)\n");
      assertThat(validate.stderr()).isEmpty();
      assertNoCloudSdkLoaded(validateClasses);

      Path onceClasses = dir.resolve("classes-once.log");
      environment.put(
          "DNSFAILOVER_JAVA_OPTS",
          Release.requireStartUpCache(release) + " -Xlog:class+load:file=" + onceClasses);
      Result once =
          run(
              work,
              environment,
              List.of(launcher.toString(), "once", "-c", "config.yaml", "--state", "state.json"));
      assertThat(once.exitCode()).as(once.output()).isZero();
      assertThat(once.stdout()).contains("+ app.example.test. A: 127.0.0.1 ttl 20");
      assertThat(once.stderr()).doesNotContain("[warning]", "[error", "Exception");
      assertThat(Files.readString(work.resolve("example.test.zone")))
          .containsPattern("(?m)^app\\.example\\.test\\.\\s+20\\s+IN\\s+A\\s+127\\.0\\.0\\.1$");
      assertThat(work.resolve("state.json")).exists();
      assertNoCloudSdkLoaded(onceClasses);
    } finally {
      backend.stop(0);
    }
  }

  /**
   * A zone-file config needs no cloud SDK: the provider factories found through ServiceLoader must
   * not touch theirs until their provider is used, or every cron run would pay for all of them. Nor
   * does logging parse XML any more.
   */
  private static void assertNoCloudSdkLoaded(Path classLoadLog) throws Exception {
    List<String> loaded =
        Files.readAllLines(classLoadLog).stream()
            .map(line -> line.replaceFirst("^\\[[^]]*\\]\\[[^]]*\\]\\[[^]]*\\] ", ""))
            .toList();
    assertThat(loaded).hasSizeGreaterThan(1000);
    List<String> unwanted =
        List.of(
            "software.amazon.",
            "com.azure.",
            "com.microsoft.",
            "com.google.",
            "io.grpc.",
            "io.netty.",
            "io.etcd.",
            "io.vertx.",
            "reactor.",
            // logback reading an XML file: its Joran configurator and the JDK's XML parser
            "ch.qos.logback.classic.joran.JoranConfigurator",
            "com.sun.org.apache.xerces.");
    assertThat(loaded.stream().filter(line -> unwanted.stream().anyMatch(line::startsWith)))
        .as("classes loaded (all of them in %s)", classLoadLog)
        .isEmpty();
  }

  private static String config(int port) {
    return """
        version: 1
        ownerId: release-test
        providers:
          local: { type: zonefile, path: example.test.zone }
        zones:
          - name: example.test.
            provider: local
            records:
              - name: app
                type: A
                ttl: 20
                check: { type: http, url: "http://{address}:%d/healthz", timeout: 2s }
                endpoints:
                  - { id: primary, address: 127.0.0.1 }
        """
        .formatted(port);
  }

  /**
   * A folder holding only the commands the launcher may use besides its own runtime, so that no
   * java of the machine is within reach.
   */
  private static Path tools(Path folder) throws Exception {
    Files.createDirectories(folder);
    for (String tool : List.of("readlink", "dirname")) {
      Path real = Path.of("/usr/bin", tool);
      Files.createSymbolicLink(
          folder.resolve(tool), Files.exists(real) ? real : Path.of("/bin", tool));
    }
    return folder;
  }

  /** A {@code java} that fails loudly: the launcher must never call it. */
  private static void fakeJava(Path file) throws Exception {
    Files.writeString(
        file, "#!/bin/sh\necho \"the launcher ran $0, not its own runtime\" >&2\nexit 99\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}

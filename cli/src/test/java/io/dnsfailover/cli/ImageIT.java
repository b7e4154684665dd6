package io.dnsfailover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * The container image that {@code verify} builds with Jib (cli/target/jib-image.tar, profile {@code
 * image-tar}): its config as a container runtime reads it, its layers, and, where this test runs as
 * root, the image's own Java running the entry point from the image's file system as the image's
 * user.
 */
class ImageIT {

  private static final Path IMAGE =
      Path.of(System.getProperty("dnsfailover.image.tar", "target/jib-image.tar"));
  private static final Path JAR =
      Path.of(System.getProperty("dnsfailover.jar", "target/dnsfailover.jar"));
  private static final String VERSION = System.getProperty("dnsfailover.version", "");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path unpacked;

  private static JsonNode manifest;
  private static JsonNode config;
  private static List<Path> layers;

  @BeforeAll
  static void unpackTheImageTar() throws Exception {
    if (!Files.isRegularFile(IMAGE)) {
      if (System.getenv("CI") != null) {
        fail(IMAGE + " was not built: CI must build the image (profile image-tar, needs dpkg-deb)");
      }
      assumeTrue(false, IMAGE + " not built here (profile image-tar needs dpkg-deb; -DskipImage)");
    }
    exec(Duration.ofMinutes(2), "tar", "-xf", IMAGE.toString(), "-C", unpacked.toString());
    JsonNode manifests = JSON.readTree(unpacked.resolve("manifest.json").toFile());
    assertThat(manifests).as("one image in the tar").hasSize(1);
    manifest = manifests.get(0);
    config = JSON.readTree(unpacked.resolve(manifest.get("Config").asText()).toFile());
    layers = new ArrayList<>();
    manifest.get("Layers").forEach(layer -> layers.add(unpacked.resolve(layer.asText())));
  }

  @Test
  void runsAsAnUnprivilegedNumericUser() {
    String user = config.at("/config/User").asText();
    assertThat(user).as("User").matches("\\d+(:\\d+)?");
    String[] uidGid = user.split(":", -1);
    assertThat(Integer.parseInt(uidGid[0])).as("uid").isNotZero();
    if (uidGid.length > 1) {
      assertThat(Integer.parseInt(uidGid[1])).as("gid").isNotZero();
    }
  }

  @Test
  void entryPointRunsTheRunnableJarAsADaemon() {
    assertThat(strings(config.at("/config/Entrypoint")))
        .startsWith("java")
        .containsSubsequence("-jar", "/app/dnsfailover.jar", "daemon")
        .endsWith("daemon");
    assertThat(strings(config.at("/config/Cmd")))
        .as("default daemon arguments: reachable from outside the container")
        .containsExactly("--listen", "0.0.0.0:9090");
    assertThat(env()).containsEntry("DNSFAILOVER_CONFIG", "/etc/dnsfailover/config.yaml");
  }

  @Test
  void exposesTheStatusPortAndKeepsStateInAWritableFolder() {
    List<String> ports = new ArrayList<>();
    config.at("/config/ExposedPorts").fieldNames().forEachRemaining(ports::add);
    assertThat(ports).containsExactly("9090/tcp");
    assertThat(config.at("/config/WorkingDir").asText()).isEqualTo("/var/lib/dnsfailover");
    assertThat(env()).containsEntry("XDG_STATE_HOME", "/var/lib/dnsfailover");
  }

  @Test
  void isTaggedAndLabelledWithTheProjectVersion() {
    assertThat(config.at("/os").asText()).isEqualTo("linux");
    assertThat(config.at("/architecture").asText()).isEqualTo("amd64");
    assertThat(config.at("/config/Labels/org.opencontainers.image.title").asText())
        .isEqualTo("dnsfailover");
    if (!VERSION.isEmpty()) {
      assertThat(strings(manifest.get("RepoTags"))).containsExactly("dnsfailover:" + VERSION);
      assertThat(config.at("/config/Labels/org.opencontainers.image.version").asText())
          .isEqualTo(VERSION);
    }
  }

  @Test
  void everyLayerMatchesItsDiffIdAndTheAppLayerHoldsOnlyTheTestedJar() throws Exception {
    List<String> diffIds = strings(config.at("/rootfs/diff_ids"));
    assertThat(layers).hasSameSizeAs(diffIds).hasSizeGreaterThanOrEqualTo(2);
    for (int i = 0; i < layers.size(); i++) {
      assertThat("sha256:" + sha256(layers.get(i), true))
          .as("uncompressed digest of " + layers.get(i).getFileName())
          .isEqualTo(diffIds.get(i));
    }
    Map<String, TarEntry> app = listing(layers.getLast());
    assertThat(app.keySet())
        .as("jib's class and library layers are filtered out")
        .allMatch(path -> path.equals("app/") || path.equals("app/dnsfailover.jar"))
        .contains("app/dnsfailover.jar");
    Path extracted = Files.createDirectories(unpacked.resolve("app-layer"));
    exec(
        Duration.ofMinutes(1),
        "tar",
        "-xzf",
        layers.getLast().toString(),
        "-C",
        extracted.toString());
    assertThat(sha256(extracted.resolve("app/dnsfailover.jar"), false))
        .as("the image runs the jar the other *IT tests ran")
        .isEqualTo(sha256(JAR, false));
  }

  @Test
  void theOfflineBaseIsJava21WithTheUserButNotTheStateFolder() throws Exception {
    JsonNode java = config.at("/config/Labels/io.dnsfailover.base.java");
    assumeTrue(!java.isMissingNode(), "built from another base (-Djib.from.image)");
    assertThat(java.asText()).startsWith("openjdk-21-jre-headless=21.");
    Map<String, TarEntry> base = listing(layers.getFirst());
    assertThat(base)
        .as("trust store, user, java, and ping for icmp checks")
        .containsKeys("etc/ssl/certs/java/cacerts", "etc/passwd", "usr/bin/java", "usr/bin/ping");
    assertThat(base.keySet())
        .as("no shell in the image")
        .doesNotContain("usr/bin/sh", "usr/bin/bash", "usr/bin/dash");
    assertThat(base)
        .as("the state folder is not the base's: the image's own layer must bring it")
        .doesNotContainKey("var/lib/dnsfailover/");
  }

  /**
   * The daemon writes its state and journal to /var/lib/dnsfailover (WorkingDir, XDG_STATE_HOME) as
   * the image's user, with no volume: a layer Jib built (so on any base image) holds the folder,
   * and the folder as the layers stack up belongs to that user, who may write to it.
   */
  @Test
  void theImagesOwnLayerGivesTheStateFolderToItsUser() throws Exception {
    String user = config.at("/config/User").asText();
    String owner = user.contains(":") ? user.replace(':', '/') : user + "/" + user;
    List<JsonNode> layerHistory = new ArrayList<>();
    for (JsonNode history : config.at("/history")) {
      if (!history.path("empty_layer").asBoolean(false)) {
        layerHistory.add(history);
      }
    }
    assertThat(layerHistory).as("one history entry per layer").hasSameSizeAs(layers);

    // The layer that puts the folder last decides what the container sees.
    int top = -1;
    TarEntry state = null;
    for (int i = 0; i < layers.size(); i++) {
      TarEntry entry = listing(layers.get(i)).get("var/lib/dnsfailover/");
      if (entry != null) {
        top = i;
        state = entry;
      }
    }
    assertThat(state).as("/var/lib/dnsfailover in the image").isNotNull();
    assertThat(layerHistory.get(top).path("author").asText())
        .as("the layer giving /var/lib/dnsfailover was built by Jib, not taken from the base")
        .isEqualTo("Jib");
    assertThat(state.mode()).as("a folder").startsWith("d");
    assertThat(state.owner()).as("owner uid/gid: the image's user").isEqualTo(owner);
    assertThat(state.mode().substring(1, 4))
        .as("the owner may list, write and enter")
        .isEqualTo("rwx");
    assertThat(state.mode().charAt(8)).as("not writable by everyone").isEqualTo('-');
  }

  /**
   * The image as a runtime would run it: its layers unpacked into one root, its entry point and
   * environment, its user, its own Java and C library (chroot in a private mount namespace, with
   * /proc and /dev). `once` through the runnable jar, then the daemon through the real entry point,
   * each writing a zone file from a probe of a backend on the host's loopback.
   */
  @Test
  void theEntryPointRunsFromTheImageAsItsUser(@TempDir Path scratch) throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root (chroot, mount)");
    assumeTrue(onPath("unshare") && onPath("chroot"), "needs util-linux unshare and chroot");
    assumeTrue(
        new ProcessBuilder("unshare", "--mount", "true").start().waitFor() == 0,
        "this sandbox refuses a private mount namespace (unshare --mount)");
    Path root = scratch.resolve("rootfs");
    Files.createDirectories(root);
    for (Path layer : layers) {
      exec(Duration.ofMinutes(2), "tar", "-xzf", layer.toString(), "-C", root.toString());
    }
    Path state = root.resolve("var/lib/dnsfailover");
    try (Backend backend = new Backend("127.0.0.1")) {
      Files.writeString(
          root.resolve("etc/dnsfailover/config.yaml"),
          """
          version: 1
          ownerId: image
          defaults:
            check: { interval: 2s, timeout: 1s, rise: 1, fall: 1 }
          providers:
            local: { type: zonefile, path: /var/lib/dnsfailover/example.test.zone }
          zones:
            - name: example.test.
              provider: local
              records:
                - name: app
                  type: A
                  ttl: 20
                  policy: failover
                  endpoints:
                    - { id: primary, address: 127.0.0.1, priority: 1, check: { type: http, url: "%s" } }
          """
              .formatted(backend.url()));

      String javaVersion = inImage(root, "java", "-version");
      assertThat(javaVersion).contains("version \"21.");

      // The heap, collector and compiler the image's JDK_JAVA_OPTIONS choose for the daemon: a
      // bounded heap whatever the host's memory, no GC threads, no C2.
      String flags = inImage(root, "java", "-XX:+PrintFlagsFinal", "-version");
      assertThat(flags)
          .containsPattern("(?m)^\\s*size_t MaxHeapSize\\s+= " + (260L << 20) + "\\s")
          .containsPattern("(?m)^\\s*bool UseSerialGC\\s+= true\\s")
          .containsPattern("(?m)^\\s*intx TieredStopAtLevel\\s+= 1\\s");

      String version = inImage(root, "java", "-jar", "/app/dnsfailover.jar", "--version");
      if (!VERSION.isEmpty()) {
        assertThat(version).contains("dnsfailover " + VERSION);
      }

      // `once` (a cron run with the image): the config from DNSFAILOVER_CONFIG, the state in
      // XDG_STATE_HOME, both set by the image.
      inImage(root, "java", "-jar", "/app/dnsfailover.jar", "once");
      assertThat(appRecord(state.resolve("example.test.zone"))).containsExactly("127.0.0.1");
      Files.delete(state.resolve("example.test.zone"));

      // The daemon, through the image's own entry point, its default arguments replaced as a
      // Kubernetes `args:` would (a loopback port here).
      List<String> daemon = new ArrayList<>(strings(config.at("/config/Entrypoint")));
      daemon.addAll(List.of("--listen", "127.0.0.1:" + freePort()));
      try (JarRun.Running process =
          JarRun.startCommand(
              scratch.resolve("daemon"), inImageCommand(root, daemon), ImageIT::imageEnvironment)) {
        process.awaitUntil(
            "zone file written by the daemon",
            Duration.ofSeconds(90),
            () -> Files.exists(state.resolve("example.test.zone")));
        assertThat(appRecord(state.resolve("example.test.zone"))).containsExactly("127.0.0.1");
        // SIGTERM to the daemon, as a runtime stops a container: exit 0.
        assertThat(process.terminate(Duration.ofSeconds(30))).as(process.output()).isZero();
      }
    }
    assertThat(Files.getOwner(state.resolve("example.test.zone")).getName())
        .as("files written as the image's user")
        .isIn("65532", "dnsfailover");
  }

  // --- running inside the unpacked image -------------------------------------------------------

  /** Runs the command inside the image to completion; returns what it printed. */
  private static String inImage(Path root, String... command) throws Exception {
    JarRun.Result result =
        JarRun.runCommand(inImageCommand(root, List.of(command)), ImageIT::imageEnvironment);
    assertThat(result.exitCode()).as(String.join(" ", command) + "\n" + result.output()).isZero();
    return result.output();
  }

  /**
   * The command line that runs {@code command} inside the image as the image's user. A private
   * mount namespace: /proc and /dev are mounted for the image's root only and vanish with the last
   * process. No fork: the command (a daemon) gets the signals sent to the process started. chroot
   * starts in / (the image's WorkingDir is not applied: the commands here use absolute paths).
   */
  private static List<String> inImageCommand(Path root, List<String> command) {
    String user = config.at("/config/User").asText();
    List<String> argv = new ArrayList<>();
    argv.addAll(List.of("unshare", "--mount", "--", "sh", "-c"));
    argv.add(
        "root=\"$0\"; user=\"$1\"; shift; mount -t proc proc \"$root/proc\""
            + " && mount --rbind /dev \"$root/dev\" && exec chroot --userspec=\"$user\" \"$root\" \"$@\"");
    argv.add(root.toString());
    argv.add(user.contains(":") ? user : user + ":" + user);
    argv.addAll(command);
    return argv;
  }

  /**
   * The image's environment and no other; sh and chroot come from the host, the command itself is
   * looked up on the image's PATH.
   */
  private static void imageEnvironment(Map<String, String> environment) {
    environment.clear();
    environment.putAll(env());
    environment.put("HOME", "/home/dnsfailover");
  }

  // --- helpers ----------------------------------------------------------------------------------

  private static Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    for (String entry : strings(config.at("/config/Env"))) {
      int eq = entry.indexOf('=');
      env.put(entry.substring(0, eq), entry.substring(eq + 1));
    }
    return env;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  /** One entry's header in a layer: the mode as {@code ls -l} shows it, and "uid/gid". */
  private record TarEntry(String mode, String owner) {}

  /**
   * Every entry of a gzipped layer, by its path without a leading "./" (the offline base writes
   * "./etc/passwd", Jib "app/dnsfailover.jar"); folders end in "/".
   */
  private static Map<String, TarEntry> listing(Path layer) throws Exception {
    Map<String, TarEntry> entries = new LinkedHashMap<>();
    String output =
        exec(Duration.ofMinutes(1), "tar", "--numeric-owner", "-tvzf", layer.toString());
    for (String line : output.lines().toList()) {
      String[] fields = line.trim().split("\\s+", 6);
      if (fields.length == 6) {
        String path = fields[5];
        int arrow = path.indexOf(" -> ");
        path = arrow < 0 ? path : path.substring(0, arrow);
        path = path.startsWith("./") ? path.substring(2) : path;
        if (!path.isEmpty()) {
          entries.put(path, new TarEntry(fields[0], fields[1]));
        }
      }
    }
    return entries;
  }

  private static String sha256(Path file, boolean gunzip) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream raw = Files.newInputStream(file);
        InputStream in =
            new DigestInputStream(gunzip ? new GZIPInputStream(raw, 1 << 16) : raw, digest)) {
      in.transferTo(OutputStreamNull.INSTANCE);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static final class OutputStreamNull extends java.io.OutputStream {
    static final OutputStreamNull INSTANCE = new OutputStreamNull();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }

  private static String exec(Duration timeout, String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
    process.getOutputStream().close();
    Thread.Builder builder = Thread.ofVirtual();
    StringBuilder err = new StringBuilder();
    InputStream stderr = process.getErrorStream();
    Thread errReader =
        builder.start(
            () -> {
              try {
                err.append(new String(stderr.readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException e) {
                err.append(e);
              }
            });
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)).as("finished").isTrue();
    errReader.join();
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + err).isZero();
    return out;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static boolean onPath(String command) {
    for (String directory : System.getenv("PATH").split(":", -1)) {
      if (Files.isExecutable(Path.of(directory, command))) {
        return true;
      }
    }
    return false;
  }

  private static List<String> appRecord(Path zoneFile) throws IOException {
    List<String> values = new ArrayList<>();
    try (Master master =
        new Master(zoneFile.toString(), Name.fromConstantString("example.test."))) {
      for (Record record = master.nextRecord(); record != null; record = master.nextRecord()) {
        if (record instanceof ARecord a && a.getName().toString().equals("app.example.test.")) {
          values.add(a.getAddress().getHostAddress());
        }
      }
    }
    return values;
  }
}

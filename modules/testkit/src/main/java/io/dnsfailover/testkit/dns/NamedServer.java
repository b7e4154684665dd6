package io.dnsfailover.testkit.dns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A real BIND 9 ({@code named}) on 127.0.0.1 for tests: a free port (UDP and TCP), its own
 * temporary directory for the config, zone files and journals, running as the current user in the
 * foreground ({@code named -g}), stopped by {@link #close()}.
 *
 * <pre>{@code
 * TsigKey ddns = TsigKey.generate("ddns");
 * try (NamedServer named =
 *     NamedServer.builder().zone(DnsZone.dynamic("example.test.", ddns)).startOrSkip()) {
 *   named.hostPort();                        // 127.0.0.1:<port>, for the rfc2136 provider
 *   named.client(ddns).add("example.test.", "app 30 IN A 192.0.2.1");
 * }
 * // A zone served from its file, reloaded by rndc after the file changed:
 * try (NamedServer named =
 *     NamedServer.builder().zone(DnsZone.file("example.test.")).rndc().startOrSkip()) {
 *   Files.writeString(named.zoneFile("example.test."), newText);
 *   named.reload("example.test.");           // rndc -c <dir>/rndc.conf reload example.test
 * }
 * }</pre>
 *
 * <p>A dynamic zone ({@link DnsZone#updateKeys()} not empty) gets {@code allow-update { key ...;
 * };}; {@code rndc reload} refuses such a zone ("dynamic zone"), so a file-served zone has no
 * update keys. Transfers are allowed to {@link DnsZone#transferKeys()} only.
 *
 * <p>The test is skipped (JUnit assumption) when {@code named} is not installed, or {@code rndc}
 * when the control channel is asked for. Everything else that fails to start is an error with
 * named's log.
 */
public final class NamedServer extends LocalServer {

  private final Optional<Path> rndc;

  private NamedServer(Started started, List<DnsZone> zones, Optional<Path> rndc) {
    super("named", started, zones);
    this.rndc = rndc;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** What the server will serve, and whether it opens a control channel. */
  public static final class Builder {
    private final List<DnsZone> zones = new ArrayList<>();
    private boolean rndc;

    private Builder() {}

    public Builder zone(DnsZone zone) {
      zones.add(zone);
      return this;
    }

    /**
     * Opens rndc's control channel on another free loopback port, with its own key, and writes
     * {@code rndc.conf} for it (see {@link #rndc(String...)}).
     */
    public Builder rndc() {
      rndc = true;
      return this;
    }

    /**
     * Starts named and waits until it answers for every zone (SOA, authoritative); skips the test
     * when named (or rndc, if asked for) is not installed.
     */
    public NamedServer startOrSkip() {
      Path named = ServerProcess.binaryOrSkip("named", "bind9");
      Optional<Path> rndcBinary =
          rndc ? Optional.of(ServerProcess.binaryOrSkip("rndc", "bind9-utils")) : Optional.empty();
      Started started =
          start(
              "named",
              zones,
              (directory, port) -> {
                Optional<Integer> controlPort =
                    rndc ? Optional.of(ServerProcess.freePort()) : Optional.empty();
                writeFiles(directory, port, controlPort);
                return ServerProcess.start(
                    List.of(
                        named.toString(),
                        "-g", // foreground, log to stderr; runs as the current user
                        "-c",
                        directory.resolve("named.conf").toString(),
                        "-n",
                        "1",
                        "-4"),
                    directory,
                    directory.resolve("named.log"));
              });
      return new NamedServer(started, zones, rndcBinary);
    }

    private void writeFiles(Path directory, int port, Optional<Integer> controlPort)
        throws IOException {
      String dir = directory.toString();
      StringBuilder conf = new StringBuilder();
      conf.append(
          """
          options {
            directory "%s";
            pid-file "%s/named.pid";
            session-keyfile "%s/session.key";
            managed-keys-directory "%s";
            listen-on port %d { 127.0.0.1; };
            listen-on-v6 { none; };
            recursion no;
            dnssec-validation no;
            notify no;
          };
          """
              .formatted(dir, dir, dir, dir, port));
      List<TsigKey> keys = new ArrayList<>();
      zones.forEach(
          zone -> zone.keys().stream().filter(key -> !keys.contains(key)).forEach(keys::add));
      keys.forEach(key -> conf.append(key.namedStatement()).append('\n'));
      if (controlPort.isPresent()) {
        TsigKey rndcKey = TsigKey.generate("rndc-key");
        conf.append(rndcKey.namedStatement()).append('\n');
        conf.append(
            "controls { inet 127.0.0.1 port %d allow { 127.0.0.1; } keys { \"rndc-key\"; }; };\n"
                .formatted(controlPort.get()));
        ServerProcess.write(
            directory.resolve("rndc.conf"),
            rndcKey.namedStatement()
                + "\noptions { default-key \"rndc-key\"; default-server 127.0.0.1;"
                + " default-port "
                + controlPort.get()
                + "; };\n");
      } else {
        conf.append("controls { };\n"); // no default channel from /etc/bind/rndc.key
      }
      for (DnsZone zone : zones) {
        Path file = directory.resolve(zone.bareName() + ".zone");
        ServerProcess.write(file, zone.text());
        conf.append("zone \"").append(zone.bareName()).append("\" {\n");
        conf.append("  type primary;\n  file \"").append(file).append("\";\n");
        if (!zone.updateKeys().isEmpty()) {
          conf.append("  allow-update { ").append(keyList(zone.updateKeys())).append(" };\n");
        }
        conf.append("  allow-transfer { ")
            .append(zone.transferKeys().isEmpty() ? "none;" : keyList(zone.transferKeys()))
            .append(" };\n");
        if (!zone.namedExtra().isBlank()) {
          conf.append("  ").append(zone.namedExtra().strip()).append('\n');
        }
        conf.append("};\n");
      }
      ServerProcess.write(directory.resolve("named.conf"), conf.toString());
    }

    private static String keyList(List<TsigKey> keys) {
      return keys.stream()
          .map(key -> "key \"" + key.name() + "\";")
          .collect(Collectors.joining(" "));
    }
  }

  /** {@code named.conf}, as named read it. */
  public Path configFile() {
    return directory().resolve("named.conf");
  }

  /** The {@code rndc.conf} that reaches this server's control channel. */
  public Path rndcConf() {
    requireRndc();
    return directory().resolve("rndc.conf");
  }

  /**
   * Runs {@code rndc -c <rndc.conf> ARGS} and returns its output; throws {@link
   * UncheckedIOException} with the output when rndc fails.
   */
  public String rndc(String... args) {
    Path binary = requireRndc();
    List<String> command = new ArrayList<>(List.of(binary.toString(), "-c", rndcConf().toString()));
    command.addAll(List.of(args));
    try {
      return ServerProcess.run(command);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code rndc reload ZONE}: named loads the zone file again (file-served zones only). */
  public String reload(String zone) {
    String bare = zone.endsWith(".") ? zone.substring(0, zone.length() - 1) : zone;
    return rndc("reload", bare);
  }

  private Path requireRndc() {
    return rndc.orElseThrow(
        () -> new IllegalStateException("start named with builder().rndc() to use rndc"));
  }
}

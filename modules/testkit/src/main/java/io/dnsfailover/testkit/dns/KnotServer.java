package io.dnsfailover.testkit.dns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Knot DNS ({@code knotd}) on 127.0.0.1 for tests: a free port (UDP and TCP), its own
 * temporary directory for the config, zone files, journal database and control socket, running as
 * the current user in the foreground, stopped by {@link #close()}.
 *
 * <pre>{@code
 * TsigKey ddns = TsigKey.generate("ddns");
 * try (KnotServer knot =
 *     KnotServer.builder().zone(DnsZone.dynamic("example.test.", ddns)).startOrSkip()) {
 *   knot.hostPort();                         // 127.0.0.1:<port>
 *   knot.knotc("zone-status", "example.test");
 * }
 * }</pre>
 *
 * <p>Each of a zone's {@link DnsZone#updateKeys()} gets an {@code acl} with {@code action: update},
 * each of its {@link DnsZone#transferKeys()} one with {@code action: transfer}. A dynamic zone
 * keeps its changes in the journal and never writes them back to the file ({@code zonefile-sync:
 * -1}); a file-served zone is loaded again by {@link #reload}. {@link DnsZone#namedExtra()} is
 * BIND's and is ignored here.
 *
 * <p>The test is skipped (JUnit assumption) when {@code knotd} or {@code knotc} is not installed.
 */
public final class KnotServer extends LocalServer {

  private final Path knotc;

  private KnotServer(Started started, List<DnsZone> zones, Path knotc) {
    super("knotd", started, zones);
    this.knotc = knotc;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** What the server will serve. */
  public static final class Builder {
    private final List<DnsZone> zones = new ArrayList<>();

    private Builder() {}

    public Builder zone(DnsZone zone) {
      zones.add(zone);
      return this;
    }

    /**
     * Starts knotd and waits until it answers for every zone (SOA, authoritative); skips the test
     * when knotd or knotc is not installed.
     */
    public KnotServer startOrSkip() {
      Path knotd = ServerProcess.binaryOrSkip("knotd", "knot");
      Path knotc = ServerProcess.binaryOrSkip("knotc", "knot");
      Started started =
          start(
              "knotd",
              zones,
              (directory, port) -> {
                writeFiles(directory, port);
                return ServerProcess.start(
                    List.of(
                        knotd.toString(),
                        "-c",
                        directory.resolve("knot.conf").toString(),
                        "-s",
                        directory.resolve("knot.sock").toString()),
                    directory,
                    directory.resolve("knot.log"));
              });
      return new KnotServer(started, zones, knotc);
    }

    private void writeFiles(Path directory, int port) throws IOException {
      Files.createDirectories(directory.resolve("db"));
      StringBuilder conf = new StringBuilder();
      conf.append(
          """
          server:
            rundir: "%s"
            listen: 127.0.0.1@%d
            udp-workers: 1
            tcp-workers: 1
            background-workers: 1
          log:
            - target: stderr
              any: info
          database:
            storage: "%s/db"
          """
              .formatted(directory, port, directory));
      List<TsigKey> keys = new ArrayList<>();
      zones.forEach(
          zone -> zone.keys().stream().filter(key -> !keys.contains(key)).forEach(keys::add));
      if (!keys.isEmpty()) {
        conf.append("key:\n");
        keys.forEach(key -> conf.append(key.knotEntry()));
      }
      StringBuilder acls = new StringBuilder();
      StringBuilder zoneSection = new StringBuilder("zone:\n");
      for (int z = 0; z < zones.size(); z++) {
        DnsZone zone = zones.get(z);
        Path file = directory.resolve(zone.bareName() + ".zone");
        ServerProcess.write(file, zone.text());
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < zone.updateKeys().size(); k++) {
          String id = "zone" + z + "_update" + k;
          acls.append(acl(id, zone.updateKeys().get(k), "update"));
          ids.add(id);
        }
        for (int k = 0; k < zone.transferKeys().size(); k++) {
          String id = "zone" + z + "_transfer" + k;
          acls.append(acl(id, zone.transferKeys().get(k), "transfer"));
          ids.add(id);
        }
        zoneSection.append("  - domain: ").append(zone.name()).append('\n');
        zoneSection.append("    file: \"").append(file).append("\"\n");
        if (!ids.isEmpty()) {
          zoneSection.append("    acl: [").append(String.join(", ", ids)).append("]\n");
        }
        if (!zone.updateKeys().isEmpty()) {
          zoneSection.append("    zonefile-sync: -1\n    journal-content: changes\n");
        }
      }
      if (!acls.isEmpty()) {
        conf.append("acl:\n").append(acls);
      }
      conf.append(zoneSection);
      ServerProcess.write(directory.resolve("knot.conf"), conf.toString());
    }

    private static String acl(String id, TsigKey key, String action) {
      return "  - id: " + id + "\n    key: " + key.name() + "\n    action: " + action + "\n";
    }
  }

  public Path configFile() {
    return directory().resolve("knot.conf");
  }

  /**
   * Runs {@code knotc -s <socket> ARGS} and returns its output; throws {@link UncheckedIOException}
   * with the output when knotc fails.
   */
  public String knotc(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                knotc.toString(),
                "-c",
                configFile().toString(),
                "-s",
                directory().resolve("knot.sock").toString()));
    command.addAll(List.of(args));
    try {
      return ServerProcess.run(command);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code knotc -b zone-reload ZONE}: loads the zone file again and waits until done. */
  public String reload(String zone) {
    return knotc("-b", "zone-reload", DnsZone.absolute(zone));
  }
}

package io.dnsfailover.testkit.dns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link NamedServer} and {@link KnotServer} share: a server process started in its own
 * temporary directory on a free loopback port, serving {@link DnsZone}s from files in that
 * directory, stopped and deleted by {@link #close()}.
 */
abstract sealed class LocalServer implements DnsServer permits NamedServer, KnotServer {

  /** One try at starting the server: write its files into {@code directory} and start it. */
  @FunctionalInterface
  interface Launch {
    ServerProcess start(Path directory, int port) throws IOException;
  }

  /** A server that answers for all its zones. */
  record Started(Path directory, int port, ServerProcess process) {}

  private final String name;
  private final Path directory;
  private final int port;
  private final List<DnsZone> zones;
  private final ServerProcess process;

  LocalServer(String name, Started started, List<DnsZone> zones) {
    this.name = name;
    this.directory = started.directory();
    this.port = started.port();
    this.zones = List.copyOf(zones);
    this.process = started.process();
  }

  /**
   * Launches {@code name} in a fresh temporary directory on a free port and waits until it answers
   * for every zone. A port can be taken between picking and binding, so a failed try is cleaned up
   * and repeated on fresh ports, three times at most.
   */
  static Started start(String name, List<DnsZone> zones, Launch launch) {
    if (zones.isEmpty()) {
      throw new IllegalStateException("give " + name + " at least one zone");
    }
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      Path directory = null;
      ServerProcess process = null;
      try {
        directory = Files.createTempDirectory(name + "-test-");
        int port = ServerProcess.freePort();
        process = launch.start(directory, port);
        process.awaitZones(name, port, zones.stream().map(DnsZone::name).toList());
        return new Started(directory, port, process);
      } catch (IOException e) {
        last = e;
        if (process != null) {
          process.stop();
        }
        if (directory != null) {
          ServerProcess.deleteRecursively(directory);
        }
      }
    }
    throw new UncheckedIOException(last);
  }

  @Override
  public final int port() {
    return port;
  }

  @Override
  public final Path zoneFile(String zone) {
    DnsZone found =
        zones.stream()
            .filter(candidate -> candidate.name().equals(DnsZone.absolute(zone)))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException(name + " does not serve " + zone));
    return directory.resolve(found.bareName() + ".zone");
  }

  /** The directory holding the server's config, zone files, journals and log. */
  public final Path directory() {
    return directory;
  }

  @Override
  public final String log() {
    return process.log();
  }

  public final boolean isRunning() {
    return process.isAlive();
  }

  @Override
  public final void close() {
    process.stop();
    ServerProcess.deleteRecursively(directory);
  }
}

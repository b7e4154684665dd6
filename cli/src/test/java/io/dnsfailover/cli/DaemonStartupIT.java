package io.dnsfailover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * No start-up storm, as a user of the zone-file provider sees it: the packaged daemon with 200
 * endpoints in one zone file. Every endpoint's first probe is a health change and the first probes
 * are spread over an interval; a daemon that reconciled on each rewrote the zone file dozens of
 * times in its first seconds (43 writes in 10 s were counted). The writes are counted by the SOA
 * serial: the zone starts at serial 1, not a date, and the provider adds one on every write.
 */
class DaemonStartupIT {

  private static final int ENDPOINTS = 200;

  @TempDir Path dir;

  @Test
  void writesTheZoneFileOnceWithEveryRecordAndAtMostTwiceMoreInTheNextTenSeconds()
      throws Exception {
    Path zoneFile = dir.resolve("example.test.zone");
    Files.writeString(
        zoneFile,
        """
        $ORIGIN example.test.
        $TTL 3600
        @       IN SOA  ns1.example.test. hostmaster.example.test. 1 3600 600 604800 60
                IN NS   ns1.example.test.
        ns1     IN A    192.0.2.53
        """);
    try (Backend backend = new Backend("127.0.0.1")) {
      Path config = writeConfig(zoneFile, backend.port());
      try (JarRun.Running daemon =
          JarRun.start(
              dir.resolve("daemon"),
              environment -> {},
              "daemon",
              "-c",
              config.toString(),
              "--listen",
              "127.0.0.1:0",
              "--no-watch")) {
        daemon.awaitUntil(
            "the daemon's first write of the zone file",
            Duration.ofSeconds(90),
            () -> serial(zoneFile) > 1);

        // Ten seconds of probing after the first write: five more rounds of 200 healthy probes.
        Thread.sleep(Duration.ofSeconds(10));

        long writes = serial(zoneFile) - 1;
        assertThat(writes)
            .as("zone file writes: the first, then at most two more%n%s", daemon.output())
            .isBetween(1L, 3L);
        assertThat(published(zoneFile)).as("records at 127.0.0.1").isEqualTo(ENDPOINTS);
        assertThat(daemon.terminate(Duration.ofSeconds(60))).as(daemon.output()).isZero();
      }
    }
  }

  private Path writeConfig(Path zoneFile, int port) throws IOException {
    StringBuilder yaml =
        new StringBuilder(
            """
            version: 1
            ownerId: startup
            defaults:
              check: { type: tcp, port: %d, interval: 2s, timeout: 1s, rise: 1, fall: 3 }
            providers:
              local: { type: zonefile, path: "%s" }
            zones:
              - name: example.test.
                provider: local
                records:
            """
                .formatted(port, zoneFile));
    for (int i = 0; i < ENDPOINTS; i++) {
      yaml.append(
          "      - { name: r%d, type: A, endpoints: [{ id: a, address: 127.0.0.1 }] }%n"
              .formatted(i));
    }
    return Files.writeString(dir.resolve("config.yaml"), yaml);
  }

  /**
   * The zone's SOA serial as a server loading the file reads it; 0 while the file is unreadable.
   */
  private static long serial(Path zoneFile) throws IOException {
    try (Master master =
        new Master(zoneFile.toString(), Name.fromConstantString("example.test."))) {
      for (Record record = master.nextRecord(); record != null; record = master.nextRecord()) {
        if (record instanceof SOARecord soa) {
          return soa.getSerial();
        }
      }
    }
    return 0;
  }

  /** How many names r0.. answer 127.0.0.1 in the zone file. */
  private static long published(Path zoneFile) throws IOException {
    long count = 0;
    try (Master master =
        new Master(zoneFile.toString(), Name.fromConstantString("example.test."))) {
      for (Record record = master.nextRecord(); record != null; record = master.nextRecord()) {
        if (record instanceof ARecord a
            && a.getName().toString().startsWith("r")
            && a.getAddress().getHostAddress().equals("127.0.0.1")) {
          count++;
        }
      }
    }
    return count;
  }
}

package io.dnsfailover.cli;

import static io.dnsfailover.cli.JarRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dnsfailover.cli.JarRun.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * The whole path through the packaged jar, as a cron user runs it: two local backends, a zone file
 * with a record the config does not own, a failover when the primary stops.
 */
class EndToEndIT {

  @TempDir Path dir;

  @Test
  void onceFailsOverToTheBackupAndLeavesForeignRecordsAlone() throws Exception {
    Path zoneFile = dir.resolve("example.test.zone");
    String foreignLine = "www     IN A    192.0.2.80   ; not ours";
    Files.writeString(
        zoneFile,
        """
        $ORIGIN example.test.
        $TTL 3600
        @       IN SOA  ns1.example.test. hostmaster.example.test. 2026112301 3600 600 604800 60
                IN NS   ns1.example.test.
        ns1     IN A    192.0.2.53
        %s
        """
            .formatted(foreignLine));
    try (Backend primary = new Backend("127.0.0.1");
        Backend backup = new Backend("127.0.0.2")) {
      Path config = writeConfig(zoneFile, primary.url(), backup.url());

      Result planBefore =
          run("plan", "-c", config.toString(), "--state", state(), "--detailed-exitcode");
      assertThat(planBefore.exitCode()).as(planBefore.output()).isEqualTo(2);
      assertThat(planBefore.stdout()).contains("+ app.example.test. A: 127.0.0.1 ttl 20");

      Result first = run("once", "-c", config.toString(), "--state", state());
      assertThat(first.exitCode()).as(first.output()).isZero();
      assertThat(appRecord(zoneFile)).containsExactly("127.0.0.1");

      Result planAfter =
          run("plan", "-c", config.toString(), "--state", state(), "--detailed-exitcode");
      assertThat(planAfter.exitCode()).as(planAfter.output()).isZero();

      primary.close();
      Result oneFailure = run("once", "-c", config.toString(), "--state", state());
      assertThat(oneFailure.exitCode()).as(oneFailure.output()).isZero();
      assertThat(appRecord(zoneFile))
          .as("fall 2: one failed probe does not fail over")
          .containsExactly("127.0.0.1");

      Result failover = run("once", "-c", config.toString(), "--state", state());
      assertThat(failover.exitCode()).as(failover.output()).isZero();
      assertThat(appRecord(zoneFile)).containsExactly("127.0.0.2");
      assertThat(failover.stdout()).contains("failing over to priority 2: backup (127.0.0.2)");

      Result settled =
          run("plan", "-c", config.toString(), "--state", state(), "--detailed-exitcode");
      assertThat(settled.exitCode()).as(settled.output()).isZero();
    }
    String text = Files.readString(zoneFile);
    assertThat(text).contains(foreignLine);
    java.util.regex.Matcher soa =
        java.util.regex.Pattern.compile("hostmaster\\.example\\.test\\. (\\d+) ").matcher(text);
    assertThat(soa.find()).as(text).isTrue();
    assertThat(Long.parseLong(soa.group(1))).as("SOA serial bumped").isGreaterThan(2026112301L);
    assertNamedCheckzoneAccepts(zoneFile);
  }

  @Test
  void anInvalidConfigChangesNothingAndSaysWhere() throws Exception {
    Path zoneFile = dir.resolve("example.test.zone");
    Path config = writeConfig(zoneFile, "http://127.0.0.1:1/", "http://127.0.0.2:1/");
    Files.writeString(config, Files.readString(config).replace("ttl: 20", "ttl: 0"));

    Result result = run("once", "-c", config.toString(), "--state", state());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains(config + ":").contains("ttl");
    assertThat(zoneFile).doesNotExist();
    assertThat(dir.resolve("state.json")).doesNotExist();
  }

  @Test
  void onceLeavesACnameBesideOtherDataAloneExitsOneAndTheZoneStillLoads() throws Exception {
    Path zoneFile = dir.resolve("example.test.zone");
    String zone =
        """
        $ORIGIN example.test.
        $TTL 3600
        @       IN SOA  ns1.example.test. hostmaster.example.test. 2026112301 3600 600 604800 60
                IN NS   ns1.example.test.
        ns1     IN A    192.0.2.53
        $GENERATE 1-20 host$ A 10.0.0.$
        mail    IN MX   10 ns1.example.test.
        """;
    Files.writeString(zoneFile, zone);
    try (Backend backend = new Backend("127.0.0.1")) {
      String check = "check: { type: http, url: \"" + backend.url() + "\" }";
      Path config = dir.resolve("config.yaml");
      Files.writeString(
          config,
          """
          version: 1
          ownerId: e2e
          providers:
            local: { type: zonefile, path: "%s" }
          zones:
            - name: example.test.
              provider: local
              records:
                - { name: host6, type: CNAME, adopt: true, %s, endpoints: [{ id: a, address: www.example.net }] }
                - { name: mail, type: CNAME, adopt: true, %s, endpoints: [{ id: a, address: mx.example.net }] }
                - { name: app, type: A, %s, endpoints: [{ id: a, address: 127.0.0.1 }] }
          """
              .formatted(zoneFile, check, check, check));

      Result once = run("once", "-c", config.toString(), "--state", state());

      assertThat(once.exitCode()).as(once.output()).isEqualTo(1);
      assertThat(once.output())
          .contains(
              "other records exist at host6.example.test. (A) and a CNAME cannot share its name"
                  + " with them; left alone",
              "other records exist at mail.example.test. (MX) and a CNAME cannot share its name"
                  + " with them; left alone");
    }
    String text = Files.readString(zoneFile);
    // Every line after the SOA (whose serial was bumped) is kept byte for byte, $GENERATE included.
    assertThat(text).contains(zone.substring(zone.indexOf("        IN NS")));
    assertThat(text).doesNotContain("CNAME");
    assertThat(appRecord(zoneFile)).containsExactly("127.0.0.1");
    assertNamedCheckzoneAccepts(zoneFile);
  }

  @Test
  void validateRefusesACnameAtTheApexWithItsPosition() throws Exception {
    Path config = dir.resolve("config.yaml");
    Files.writeString(
        config,
        """
        version: 1
        ownerId: e2e
        providers:
          local: { type: zonefile, path: zone }
        zones:
          - name: example.test.
            provider: local
            records:
              - name: "@"
                type: CNAME
                endpoints: [{ id: a, address: www.example.net, check: { type: tcp, port: 80 } }]
        """);

    Result result = run("validate", "-c", config.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .contains(
            config
                + ":10:15: zones[0].records[0].type: a CNAME cannot be at the zone apex"
                + " example.test.");
  }

  private Path writeConfig(Path zoneFile, String primaryUrl, String backupUrl) throws IOException {
    Path config = dir.resolve("config.yaml");
    Files.writeString(
        config,
        """
        version: 1
        ownerId: e2e
        defaults:
          check: { interval: 10s, timeout: 1s, rise: 2, fall: 2 }
        providers:
          local: { type: zonefile, path: "%s" }
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
                  - { id: backup,  address: 127.0.0.2, priority: 2, check: { type: http, url: "%s" } }
        """
            .formatted(zoneFile, primaryUrl, backupUrl));
    return config;
  }

  private String state() {
    return dir.resolve("state.json").toString();
  }

  /** The values of app.example.test. A, as a DNS server loading the file would see them. */
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

  private static void assertNamedCheckzoneAccepts(Path zoneFile) throws Exception {
    assumeTrue(
        onPath("named-checkzone"),
        "named-checkzone is not installed (apt-get install bind9-utils)");
    Process process =
        new ProcessBuilder("named-checkzone", "example.test", zoneFile.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
  }

  private static boolean onPath(String command) {
    for (String directory : System.getenv("PATH").split(":")) {
      if (Files.isExecutable(Path.of(directory, command))) {
        return true;
      }
    }
    return false;
  }
}

package io.dnsfailover.cli;

import static io.dnsfailover.cli.JarRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.cli.JarRun.Result;
import io.dnsfailover.testkit.dns.DnsClient;
import io.dnsfailover.testkit.dns.DnsServerExtension;
import io.dnsfailover.testkit.dns.DnsZone;
import io.dnsfailover.testkit.dns.NamedServer;
import io.dnsfailover.testkit.dns.TsigKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar against a real BIND 9 taking signed dynamic updates: what a cron user of the
 * {@code rfc2136} provider sees, and what the server then answers.
 */
class Rfc2136EndToEndIT {

  private static final String ZONE = "example.test.";
  private static final TsigKey DDNS = TsigKey.generate("ddns");
  private static final TsigKey ADMIN = TsigKey.generate("admin");
  private static final List<String> FOREIGN =
      List.of(
          "@ 300 IN MX 10 mail.example.net.",
          "@ 300 IN TXT \"v=spf1 -all\"",
          "_sip._tcp 300 IN SRV 10 5 5060 sip.example.net.",
          "@ 300 IN CAA 0 issue \"letsencrypt.org\"",
          "www 300 IN A 192.0.2.80");

  @RegisterExtension
  static final DnsServerExtension<NamedServer> NAMED =
      new DnsServerExtension<>(
          () -> NamedServer.builder().zone(DnsZone.dynamic(ZONE, DDNS, ADMIN)).startOrSkip());

  @TempDir Path dir;

  private DnsClient resolver;

  @BeforeEach
  void zoneWithForeignRecords() {
    DnsClient admin = NAMED.server().client(ADMIN);
    admin.clear(ZONE);
    admin.add(ZONE, FOREIGN.toArray(String[]::new));
    resolver = NAMED.server().client(null);
  }

  @Test
  void onceFailsOverThroughSignedUpdatesAndLeavesForeignRecordsAlone() throws Exception {
    try (Backend primary = new Backend("127.0.0.1");
        Backend backup = new Backend("127.0.0.2")) {
      Path config = writeConfig(primary.url(), backup.url());
      Map<String, String> foreignBefore = foreignAnswers();

      Result validate = jar(DDNS.secret(), "validate", "-c", config.toString());
      assertThat(validate.exitCode()).as(validate.output()).isZero();

      long serial = resolver.soaSerial(ZONE);
      Result plan =
          jar(
              DDNS.secret(),
              "plan",
              "-c",
              config.toString(),
              "--state",
              state(),
              "--detailed-exitcode");
      assertThat(plan.exitCode()).as(plan.output()).isEqualTo(2);
      assertThat(plan.stdout()).contains("+ app.example.test. A: 127.0.0.1 ttl 20");
      assertThat(resolver.soaSerial(ZONE)).as("plan sends no UPDATE").isEqualTo(serial);

      Result first = once(config, DDNS.secret());
      assertThat(first.exitCode()).as(first.output()).isZero();
      assertThat(first.stdout()).contains("Served: 1/1 servers answer the change to example.test.");
      assertThat(resolver.values("app.example.test.", "A")).containsExactly("127.0.0.1");
      assertThat(resolver.values("_dnsfailover.app.example.test.", "TXT"))
          .singleElement()
          .asString()
          .contains("heritage=dnsfailover,owner=e2e");
      assertThat(resolver.soaSerial(ZONE))
          .as("record and marker in one UPDATE")
          .isEqualTo(serial + 1);

      primary.close();
      Result oneFailure = once(config, DDNS.secret());
      assertThat(oneFailure.exitCode()).as(oneFailure.output()).isZero();
      assertThat(resolver.values("app.example.test.", "A"))
          .as("fall 2: one failed probe does not fail over")
          .containsExactly("127.0.0.1");

      Result failover = once(config, DDNS.secret());
      assertThat(failover.exitCode()).as(failover.output()).isZero();
      assertThat(failover.stdout()).contains("Served: 1/1 servers answer the change");
      assertThat(resolver.values("app.example.test.", "A")).containsExactly("127.0.0.2");

      long settled = resolver.soaSerial(ZONE);
      Result again = once(config, DDNS.secret());
      assertThat(again.exitCode()).as(again.output()).isZero();
      assertThat(again.stdout()).doesNotContain("Served:");
      assertThat(resolver.soaSerial(ZONE)).as("nothing to change, nothing sent").isEqualTo(settled);

      assertThat(foreignAnswers()).isEqualTo(foreignBefore);
    }
  }

  @Test
  void aWrongSecretFailsNamingTheKeyWithoutPrintingItAndChangesNothing() throws Exception {
    try (Backend primary = new Backend("127.0.0.1")) {
      Path config = writeConfig(primary.url(), primary.url());
      String wrong = DDNS.withWrongSecret().secret();
      long serial = resolver.soaSerial(ZONE);

      Result result = once(config, wrong);

      assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
      assertThat(result.output())
          .contains("TSIG key 'ddns'")
          .contains("BADSIG")
          .doesNotContain(wrong)
          .doesNotContain(DDNS.secret());
      assertThat(resolver.soaSerial(ZONE)).isEqualTo(serial);
      assertThat(resolver.values("app.example.test.", "A")).isEmpty();
    }
  }

  @Test
  void aForeignRecordAtAManagedNameWithoutMarkerIsAConflictLeftAlone() throws Exception {
    NAMED.server().client(ADMIN).add(ZONE, "app 300 IN A 198.51.100.7");
    try (Backend primary = new Backend("127.0.0.1")) {
      Path config = writeConfig(primary.url(), primary.url());
      long serial = resolver.soaSerial(ZONE);

      Result result = once(config, DDNS.secret());

      assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
      assertThat(result.output()).contains("app.example.test.").containsIgnoringCase("conflict");
      assertThat(resolver.values("app.example.test.", "A")).containsExactly("198.51.100.7");
      assertThat(resolver.soaSerial(ZONE)).isEqualTo(serial);
    }
  }

  @Test
  void validateLocatesBadProviderValuesWithoutTheSecret() throws Exception {
    Path config = writeConfig("http://127.0.0.1:1/", "http://127.0.0.2:1/").toAbsolutePath();
    String text =
        Files.readString(config)
            .replace("server: \"" + NAMED.server().hostPort() + "\"", "server: \"127.0.0.1:99999\"")
            .replace(
                "secret: \"${TSIG_SECRET}\"",
                "secret: \"${TSIG_SECRET}\"\n      algorithm: hmac-md5\n      keyfile: ddns.key");
    Files.writeString(config, text);

    Result result = jar("not base64!", "validate", "-c", config.toString());

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.stderr())
        .contains(config + ":8:13: providers.dyn.server: '127.0.0.1:99999'")
        .contains(config + ":11:15: providers.dyn.tsig.secret: is not base64")
        .contains(config + ":12:18: providers.dyn.tsig.algorithm: 'hmac-md5' is not one of")
        .contains(config + ":13:16: providers.dyn.tsig.keyfile: unknown key in tsig")
        .doesNotContain("not base64!");
  }

  private Path writeConfig(String primaryUrl, String backupUrl) throws IOException {
    Path config = dir.resolve("config.yaml");
    Files.writeString(
        config,
        """
        version: 1
        ownerId: e2e
        defaults:
          check: { interval: 10s, timeout: 1s, rise: 2, fall: 2 }
        providers:
          dyn:
            type: rfc2136
            server: "%s"
            tsig:
              name: ddns
              secret: "${TSIG_SECRET}"
            timeout: 2s
        zones:
          - name: example.test.
            provider: dyn
            verify: { servers: ["%s"], timeout: 10s }
            records:
              - name: app
                type: A
                ttl: 20
                policy: failover
                endpoints:
                  - { id: primary, address: 127.0.0.1, priority: 1, check: { type: http, url: "%s" } }
                  - { id: backup,  address: 127.0.0.2, priority: 2, check: { type: http, url: "%s" } }
        """
            .formatted(
                NAMED.server().hostPort(), NAMED.server().hostPort(), primaryUrl, backupUrl));
    return config;
  }

  private Result once(Path config, String secret) throws Exception {
    return jar(secret, "once", "-c", config.toString(), "--state", state());
  }

  private static Result jar(String secret, String... args) throws Exception {
    return run(List.of(), environment -> environment.put("TSIG_SECRET", secret), args);
  }

  private String state() {
    return dir.resolve("state.json").toString();
  }

  /** What the server answers for every foreign record, to compare before and after. */
  private Map<String, String> foreignAnswers() {
    return Map.of(
        "MX", String.join(",", resolver.values(ZONE, "MX")),
        "TXT", String.join(",", resolver.values(ZONE, "TXT")),
        "SRV", String.join(",", resolver.values("_sip._tcp." + ZONE, "SRV")),
        "CAA", String.join(",", resolver.values(ZONE, "CAA")),
        "www", String.join(",", resolver.values("www." + ZONE, "A")));
  }
}

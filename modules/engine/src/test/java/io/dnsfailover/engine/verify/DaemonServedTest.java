package io.dnsfailover.engine.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.engine.Daemon;
import io.dnsfailover.engine.DaemonListener;
import io.dnsfailover.engine.HealthView;
import io.dnsfailover.engine.Providers;
import io.dnsfailover.health.testing.ScriptedChecker.Step;
import io.dnsfailover.health.testing.ScriptedCheckerFactory;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.testkit.InMemoryDnsProvider;
import io.dnsfailover.testkit.OneZoneYaml;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon asks a zone's verify servers in the background and reports every verdict. */
class DaemonServedTest {

  private static final Zone ZONE = new Zone(DnsName.of("example.test."), "mem");
  private static final RecordKey APP = new RecordKey(DnsName.of("app.example.test."), RecordType.A);

  @TempDir Path dir;

  private final InMemoryDnsProvider provider = new InMemoryDnsProvider();
  private final List<ServedReport> verdicts = new CopyOnWriteArrayList<>();

  private Config config(String timeout) throws Exception {
    return OneZoneYaml.failover()
        .defaultCheck("{ type: tcp, port: 80, interval: 50ms, timeout: 25ms, rise: 1, fall: 1 }")
        .zoneKey("verify: { servers: [\"127.0.0.1:5300\"], timeout: " + timeout + " }")
        .load(dir);
  }

  private Daemon start(Config config, ScriptedCheckerFactory checks, Lookup server) {
    Daemon daemon =
        new Daemon(
            config,
            new Providers(Map.of("mem", provider)),
            checks,
            Map.of(),
            Clock.systemUTC(),
            new DaemonListener() {
              @Override
              public void onServed(ServedReport report, Duration sinceApply) {
                verdicts.add(report);
              }
            },
            HealthView.LOCAL,
            server);
    Thread.ofPlatform()
        .start(
            () -> {
              try {
                daemon.run();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    return daemon;
  }

  @Test
  void aServerThatFollowsTheProviderServesEveryChange() throws Exception {
    ScriptedCheckerFactory checks = new ScriptedCheckerFactory(Clock.systemUTC());
    checks.checker("app.example.test./A/primary").setCurrent(Step.up());
    checks.checker("app.example.test./A/backup").setCurrent(Step.up());
    // A server that answers whatever the provider holds, as CoreDNS on etcd does.
    Lookup server =
        (address, key, timeout) ->
            new Lookup.Answer.Values(provider.values(ZONE, key.name(), key.type()));
    Daemon daemon = start(config("5s"), checks, server);
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> verdicts.size() == 1);
      checks.checker("app.example.test./A/primary").setCurrent(Step.down("HTTP 503"));
      await().atMost(Duration.ofSeconds(10)).until(() -> verdicts.size() == 2);

      assertThat(verdicts).allMatch(ServedReport::allServed);
      assertThat(daemon.state().serving().get(APP).state()).isEqualTo(Serving.State.SERVED);
      assertThat(daemon.state().serving().get(APP).detail()).startsWith("1/1 servers after ");
    } finally {
      daemon.stop();
    }
  }

  @Test
  void aServerStuckOnTheOldAnswerIsReportedNotServed() throws Exception {
    ScriptedCheckerFactory checks = new ScriptedCheckerFactory(Clock.systemUTC());
    checks.checker("app.example.test./A/primary").setCurrent(Step.up());
    checks.checker("app.example.test./A/backup").setCurrent(Step.up());
    Lookup stale = (address, key, timeout) -> new Lookup.Answer.Values(List.of("192.0.2.10"));
    Daemon daemon = start(config("300ms"), checks, stale);
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> verdicts.size() == 1);
      checks.checker("app.example.test./A/primary").setCurrent(Step.down("HTTP 503"));
      await().atMost(Duration.ofSeconds(10)).until(() -> verdicts.size() >= 2);

      ServedReport failover = verdicts.get(1);
      assertThat(failover.allServed()).isFalse();
      assertThat(failover.notServed())
          .singleElement()
          .asString()
          .startsWith("not served by 127.0.0.1:5300 after ")
          .endsWith("app.example.test. A answers 192.0.2.10, not 192.0.2.20");
      Serving serving = daemon.state().serving().get(APP);
      assertThat(serving.state()).isEqualTo(Serving.State.NOT_SERVED);
      assertThat(serving.detail()).contains("answers 192.0.2.10, not 192.0.2.20");
    } finally {
      daemon.stop();
    }
  }
}

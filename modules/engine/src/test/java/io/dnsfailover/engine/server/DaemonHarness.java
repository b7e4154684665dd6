package io.dnsfailover.engine.server;

import static org.awaitility.Awaitility.await;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.engine.Daemon;
import io.dnsfailover.engine.DaemonListener;
import io.dnsfailover.engine.HealthView;
import io.dnsfailover.engine.Providers;
import io.dnsfailover.engine.metrics.DaemonMetrics;
import io.dnsfailover.engine.metrics.MemoryConfigs;
import io.dnsfailover.engine.metrics.MeteredDnsProvider;
import io.dnsfailover.engine.metrics.PrometheusMetrics;
import io.dnsfailover.health.Checker;
import io.dnsfailover.health.CheckerFactory;
import io.dnsfailover.health.ProbeResult;
import io.dnsfailover.health.testing.ScriptedChecker;
import io.dnsfailover.health.testing.ScriptedChecker.Step;
import io.dnsfailover.health.testing.ScriptedCheckerFactory;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.testkit.InMemoryDnsProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * A real daemon on an in-memory provider with scripted checks (50 ms interval, rise 2, fall 2),
 * serving on a free loopback port: record {@code app.example.test. A} with {@code primary}
 * (192.0.2.10, priority 1) and {@code backup} (192.0.2.20, priority 2). Probes wait at a gate until
 * {@link #openGate()}, so a test sees the daemon before its first reconcile when it wants to. A
 * daemon alone unless started as a {@link #member} of a (fake) cluster.
 */
final class DaemonHarness implements AutoCloseable {

  static final String PRIMARY = "app.example.test./A/primary";
  static final String BACKUP = "app.example.test./A/backup";
  static final Zone ZONE = new Zone(DnsName.of("example.test."), "mem");

  final InMemoryDnsProvider provider = new InMemoryDnsProvider();
  final ScriptedCheckerFactory checks = new ScriptedCheckerFactory(Clock.systemUTC());
  final PrometheusMetrics metrics = new PrometheusMetrics();
  final RecentActivity activity = new RecentActivity(Clock.systemUTC());
  final Daemon daemon;
  final StatusServer server;
  private final CountDownLatch gate = new CountDownLatch(1);
  private final Thread runner;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private DaemonHarness(Path dir, Optional<BearerToken> token, HealthView view) throws Exception {
    Config config = MemoryConfigs.load(dir, MemoryConfigs.FAILOVER);
    checks.checker(PRIMARY).setCurrent(Step.up());
    checks.checker(BACKUP).setCurrent(Step.up());
    CheckerFactory gated = endpoint -> gatedChecker(checks.create(endpoint));
    Clock clock = Clock.systemUTC();
    Providers providers =
        new Providers(Map.of("mem", provider))
            .decorated((name, p) -> new MeteredDnsProvider(name, p, metrics.registry()));
    DaemonListener listener =
        DaemonListener.all(List.of(new DaemonMetrics(metrics.registry(), config, clock), activity));
    daemon = new Daemon(config, providers, gated, Map.of(), clock, listener, view);
    server =
        StatusServer.start(
            new InetSocketAddress("127.0.0.1", 0), daemon::state, activity, metrics, token, clock);
    runner = Thread.ofPlatform().name("daemon").start(this::run);
  }

  /** Started with probes held at the gate. */
  static DaemonHarness gated(Path dir) throws Exception {
    return new DaemonHarness(dir, Optional.empty(), HealthView.LOCAL);
  }

  /**
   * A cluster member: started and probing, writing only while {@code view} leads (so it may never
   * publish anything). Changes of {@code view} wake the daemon.
   */
  static DaemonHarness member(Path dir, FakeClusterView view) throws Exception {
    DaemonHarness harness = new DaemonHarness(dir, Optional.empty(), view);
    view.onChange(harness.daemon::wakeUp);
    harness.openGate();
    return harness;
  }

  /** Started and probing; answers with the primary once the first reconcile is done. */
  static DaemonHarness running(Path dir) throws Exception {
    return running(dir, Optional.empty());
  }

  static DaemonHarness running(Path dir, Optional<BearerToken> token) throws Exception {
    DaemonHarness harness = new DaemonHarness(dir, token, HealthView.LOCAL);
    harness.openGate();
    harness.awaitAnswer("192.0.2.10");
    return harness;
  }

  void openGate() {
    gate.countDown();
  }

  ScriptedChecker primary() {
    return checks.checker(PRIMARY);
  }

  /** Kills the primary ("scripted: HTTP 503") and waits until DNS answers with the backup. */
  void failOver() {
    primary().setCurrent(Step.down("HTTP 503"));
    awaitAnswer("192.0.2.20");
  }

  void awaitAnswer(String address) {
    await().atMost(Duration.ofSeconds(20)).until(() -> answer().equals(List.of(address)));
  }

  List<String> answer() {
    return provider.all(ZONE).stream()
        .filter(set -> set.name().value().equals("app.example.test.") && set.type() == RecordType.A)
        .map(RecordSet::values)
        .findFirst()
        .orElse(List.of());
  }

  URI uri(String path) {
    return server.uri().resolve(path);
  }

  HttpResponse<String> get(String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws InterruptedException {
    openGate();
    daemon.stop();
    runner.join(Duration.ofSeconds(10));
    server.close();
    metrics.close();
    http.close();
  }

  private Checker gatedChecker(Checker checker) {
    return () -> {
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ProbeResult.failure(Duration.ZERO, "interrupted", Clock.systemUTC().instant());
      }
      return checker.probe();
    };
  }

  private void run() {
    try {
      daemon.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

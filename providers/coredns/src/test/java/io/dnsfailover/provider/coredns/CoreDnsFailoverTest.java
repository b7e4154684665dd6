package io.dnsfailover.provider.coredns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsfailover.core.config.Policy;
import io.dnsfailover.core.config.RecordConfig;
import io.dnsfailover.core.config.ZoneConfig;
import io.dnsfailover.core.plan.ZonePlan;
import io.dnsfailover.core.policy.EndpointStatus;
import io.dnsfailover.provider.coredns.CoreDnsEtcdLookup.Rr;
import io.dnsfailover.spi.ApplyResult;
import io.dnsfailover.spi.Capabilities;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.ProviderConfig;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.testkit.etcd.EtcdExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Health-driven changes through the real planner against a real etcd, checked with the answers
 * CoreDNS would give: publish, fail over, fail back; foreign keys stay; conflicts; etcd restarts.
 */
class CoreDnsFailoverTest {

  private static final String OWNER = "prod-eu";
  private static final DnsName ZONE = DnsName.of("example.test.");
  private static final DnsName APP = DnsName.of("app.example.test.");
  private static final DnsName SVC = DnsName.of("svc.example.test.");

  /** Keys of other writers: another name, a TXT under app's own path, a deeper name, non-DNS. */
  private static final Map<String, String> FOREIGN =
      Map.of(
          "/skydns/test/example/other/1a2b3c4d",
          "{\"host\":\"198.51.100.7\",\"targetstrip\":1}",
          "/skydns/test/example/app/0badf00d",
          "{\"text\":\"foreign text at app\",\"targetstrip\":1}",
          "/skydns/test/example/app/deep/x1",
          "{\"text\":\"a deeper name\"}",
          "/config/other-tool",
          "not json at all");

  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension(1);
  private static EtcdTestClient client;

  private DnsProvider provider;
  private CoreDnsEtcdLookup coreDns;
  private RecordConfig app;
  private RecordConfig svc;
  private ZoneConfig zone;

  @BeforeAll
  static void connect() {
    client = new EtcdTestClient(ETCD.cluster().endpoint());
  }

  @AfterAll
  static void disconnect() {
    if (client != null) {
      client.close();
    }
  }

  @BeforeEach
  void seed() throws Exception {
    client.deleteAll();
    for (Map.Entry<String, String> entry : FOREIGN.entrySet()) {
      client.put(entry.getKey(), entry.getValue());
    }
    provider = provider(ETCD.cluster().endpoint());
    coreDns = new CoreDnsEtcdLookup(client::get, "/skydns", "example.test.");
    app = Reconcile.failover(APP, 20, "192.0.2.10", "192.0.2.20");
    svc =
        Reconcile.record(
            SVC,
            RecordType.CNAME,
            30,
            Policy.FAILOVER,
            false,
            "app.example.test.",
            "www.example.net.");
    zone = new ZoneConfig(ZONE, "dns", List.of(app, svc));
  }

  @AfterEach
  void foreignKeysAreUntouched() throws Exception {
    provider.close();
    if (ETCD.cluster().member(0).isRunning()) {
      Map<String, String> all = client.dump("/");
      for (Map.Entry<String, String> entry : FOREIGN.entrySet()) {
        assertThat(all).containsEntry(entry.getKey(), entry.getValue());
      }
    }
  }

  static DnsProvider provider(String endpoint) {
    return new CoreDnsProviderFactory()
        .create(
            new ProviderConfig(
                "dns",
                "coredns",
                Map.of("endpoints", endpoint, "requestTimeout", "3s", "dialTimeout", "1s")));
  }

  private Map<String, EndpointStatus> health(String... down) {
    Map<String, EndpointStatus> health = new HashMap<>(Reconcile.health(app, down));
    health.putAll(Reconcile.health(svc, down));
    return health;
  }

  @Test
  void publishesFailsOverAndFailsBackAsCoreDnsAnswers() throws Exception {
    ZonePlan first = Reconcile.once(provider, zone, OWNER, health());

    assertThat(first.conflicts()).isEmpty();
    assertThat(coreDns.query("app.example.test", "A").answers())
        .containsExactly(new Rr("app.example.test.", "A", 20, "192.0.2.10"));
    assertThat(coreDns.query("svc.example.test", "CNAME").answers())
        .containsExactly(new Rr("svc.example.test.", "CNAME", 30, "app.example.test."));
    assertThat(coreDns.query("svc.example.test", "A").answers())
        .containsExactly(
            new Rr("svc.example.test.", "CNAME", 30, "app.example.test."),
            new Rr("app.example.test.", "A", 20, "192.0.2.10"));
    assertThat(coreDns.query("app.example.test", "TXT").answers())
        .as("the foreign TXT under app's path is still served; our marker is not")
        .extracting(Rr::data)
        .containsExactlyInAnyOrder("\"foreign text at app\"", "\"a deeper name\"");
    assertThat(coreDns.query("_dnsfailover.app.example.test", "TXT").rcode()).isEqualTo("NXDOMAIN");
    assertThat(client.dump("/dnsfailover/owners/"))
        .containsEntry(
            "/dnsfailover/owners/test/example/app",
            "{\"name\":\"_dnsfailover.app.example.test.\",\"ttl\":20,"
                + "\"text\":[\"heritage=dnsfailover,owner=prod-eu\"]}");
    assertThat(Reconcile.plan(provider, zone, OWNER, health()).changes()).isEmpty();

    Reconcile.once(provider, zone, OWNER, health("e1"));

    assertThat(coreDns.query("app.example.test", "A").answers())
        .containsExactly(new Rr("app.example.test.", "A", 20, "192.0.2.20"));
    assertThat(coreDns.query("svc.example.test", "CNAME").answers())
        .containsExactly(new Rr("svc.example.test.", "CNAME", 30, "www.example.net."));
    assertThat(client.dump("/skydns/test/example/app/").keySet())
        .as("one key per published address, next to the foreign keys")
        .hasSize(3);
    assertThat(Reconcile.plan(provider, zone, OWNER, health("e1")).changes()).isEmpty();

    Reconcile.once(provider, zone, OWNER, health());

    assertThat(coreDns.query("app.example.test", "A").answers())
        .containsExactly(new Rr("app.example.test.", "A", 20, "192.0.2.10"));
    assertThat(coreDns.query("svc.example.test", "CNAME").answers())
        .containsExactly(new Rr("svc.example.test.", "CNAME", 30, "app.example.test."));
    assertThat(Reconcile.plan(provider, zone, OWNER, health()).changes()).isEmpty();
  }

  @Test
  void aNameServedFromForeignKeysIsReportedAndLeftAlone() throws Exception {
    client.put("/skydns/test/example/app/048b0377", "{\"host\":\"10.0.0.1\",\"targetstrip\":1}");
    Map<String, String> before = client.dump("/");

    ZonePlan plan = Reconcile.once(provider, zone, OWNER, health());

    assertThat(plan.conflicts())
        .singleElement()
        .satisfies(c -> assertThat(c.reason()).contains("without an ownership marker"));
    assertThat(client.dump("/skydns/test/example/app/"))
        .isEqualTo(subtree(before, "/skydns/test/example/app/"));
    assertThat(coreDns.query("app.example.test", "A").answers())
        .extracting(Rr::data)
        .containsExactly("10.0.0.1");
    Map<String, String> afterFirst = client.dump("/");

    // Even adopt: true cannot make the provider overwrite keys it did not write.
    RecordConfig adopted =
        Reconcile.record(APP, RecordType.A, 20, Policy.FAILOVER, true, "192.0.2.10", "192.0.2.20");
    ZoneConfig adopting = new ZoneConfig(ZONE, "dns", List.of(adopted));
    assertThatThrownBy(() -> Reconcile.once(provider, adopting, OWNER, Reconcile.health(adopted)))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID);
              assertThat(e.getMessage()).contains("/skydns/test/example/app/048b0377");
            });
    assertThat(client.dump("/")).isEqualTo(afterFirst);
  }

  @Test
  void aKeyRewrittenBetweenReadAndApplyIsAConflictAndTheReplanSucceeds() throws Exception {
    Reconcile.once(provider, zone, OWNER, health());
    String ourKey = onlyAddressKey();
    String value = client.dump(ourKey).get(ourKey);
    Interfering interfering = new Interfering(provider);
    // Another client rewrites our key between our read and our apply, with the same value: only
    // the mod revision tells.
    interfering.beforeNextApply = () -> client.put(ourKey, value);

    ZonePlan plan = Reconcile.once(interfering, zone, OWNER, health("e1"));

    assertThat(interfering.conflicts).isEqualTo(1);
    assertThat(plan.changes()).isNotEmpty();
    assertThat(coreDns.query("app.example.test", "A").answers())
        .extracting(Rr::data)
        .containsExactly("192.0.2.20");
  }

  @Test
  void aValueChangedBetweenReadAndApplyIsAConflictAndNothingIsWritten() throws Exception {
    Reconcile.once(provider, zone, OWNER, health());
    RecordKey key = new RecordKey(APP, RecordType.A);
    RecordSet read = provider.records(zone.zone(), Set.of(key)).getFirst();
    String ourKey = onlyAddressKey();
    client.put(ourKey, "{\"host\":\"192.0.2.10\",\"ttl\":99,\"targetstrip\":1}");
    Map<String, String> before = client.dump("/");
    RecordSet wanted = RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.20"));

    assertThatThrownBy(
            () -> provider.apply(zone.zone(), List.of(new Change.Update(read, wanted, "failover"))))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.CONFLICT));
    assertThat(client.dump("/")).isEqualTo(before);

    RecordSet reread = provider.records(zone.zone(), Set.of(key)).getFirst();
    assertThat(reread.ttl()).isEqualTo(99);
    provider.apply(zone.zone(), List.of(new Change.Update(reread, wanted, "failover")));
    assertThat(provider.records(zone.zone(), Set.of(key))).containsExactly(wanted);
  }

  @Test
  void afterEtcdRestartsTheNextReconcileConverges() throws Exception {
    Reconcile.once(provider, zone, OWNER, health());

    ETCD.cluster().member(0).stop();
    assertThatThrownBy(() -> Reconcile.once(provider, zone, OWNER, health("e1")))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.TRANSIENT));
    ETCD.cluster().member(0).start();

    Reconcile.once(provider, zone, OWNER, health("e1"));
    assertThat(coreDns.query("app.example.test", "A").answers())
        .extracting(Rr::data)
        .containsExactly("192.0.2.20");

    ETCD.cluster().member(0).kill(); // a crash this time, then fail back
    ETCD.cluster().member(0).start();
    Reconcile.once(provider, zone, OWNER, health());
    assertThat(coreDns.query("app.example.test", "A").answers())
        .extracting(Rr::data)
        .containsExactly("192.0.2.10");
    assertThat(Reconcile.plan(provider, zone, OWNER, health()).changes()).isEmpty();
  }

  private String onlyAddressKey() throws Exception {
    return client.dump("/skydns/test/example/app/").keySet().stream()
        .filter(k -> !FOREIGN.containsKey(k))
        .reduce(
            (a, b) -> {
              throw new AssertionError("more than one of our keys: " + a + ", " + b);
            })
        .orElseThrow();
  }

  private static Map<String, String> subtree(Map<String, String> all, String prefix) {
    Map<String, String> result = new java.util.LinkedHashMap<>();
    all.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) {
            result.put(k, v);
          }
        });
    return result;
  }

  /** Runs a write of "someone else" right before the next apply, and counts conflicts. */
  private static final class Interfering implements DnsProvider {
    interface Action {
      void run() throws Exception;
    }

    private final DnsProvider delegate;
    Action beforeNextApply;
    int conflicts;

    Interfering(DnsProvider delegate) {
      this.delegate = delegate;
    }

    @Override
    public String type() {
      return delegate.type();
    }

    @Override
    public Capabilities capabilities() {
      return delegate.capabilities();
    }

    @Override
    public List<RecordSet> records(Zone zone, Set<RecordKey> keys) throws ProviderException {
      return delegate.records(zone, keys);
    }

    @Override
    public ApplyResult apply(Zone zone, List<Change> changes) throws ProviderException {
      if (beforeNextApply != null) {
        Action action = beforeNextApply;
        beforeNextApply = null;
        try {
          action.run();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
      try {
        return delegate.apply(zone, changes);
      } catch (ProviderException e) {
        if (e.kind() == ProviderException.Kind.CONFLICT) {
          conflicts++;
        }
        throw e;
      }
    }
  }
}

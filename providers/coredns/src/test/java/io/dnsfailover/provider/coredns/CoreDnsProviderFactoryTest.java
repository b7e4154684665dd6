package io.dnsfailover.provider.coredns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.DnsProviderFactory;
import io.dnsfailover.spi.InvalidSettingsException;
import io.dnsfailover.spi.ProviderConfig;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.SettingProblem;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.testkit.etcd.EtcdCluster;
import io.etcd.jetcd.auth.Permission;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CoreDnsProviderFactoryTest {

  private static final Zone ZONE = new Zone(DnsName.of("example.test."), "dns");
  private static final Set<RecordKey> KEYS =
      Set.of(new RecordKey(DnsName.of("app.example.test."), RecordType.A));

  @Test
  void isFoundByServiceLoaderWithItsKeysAndDefaults() {
    DnsProviderFactory factory =
        ServiceLoader.load(DnsProviderFactory.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(candidate -> candidate.type().equals("coredns"))
            .findFirst()
            .orElseThrow();

    assertThat(factory.requiredKeys()).containsExactly("endpoints");
    assertThat(factory.keys())
        .containsExactlyInAnyOrder(
            "endpoints",
            "prefix",
            "ownerPrefix",
            "username",
            "password",
            "caFile",
            "certFile",
            "keyFile",
            "dialTimeout",
            "requestTimeout",
            "maxTxnOps");
    CoreDnsSettings settings = settings(Map.of("endpoints", "http://127.0.0.1:2379"));
    assertThat(settings.etcd().endpoints()).containsExactly(URI.create("http://127.0.0.1:2379"));
    assertThat(settings.prefix()).isEqualTo("/skydns");
    assertThat(settings.ownerPrefix()).isEqualTo("/dnsfailover");
    assertThat(settings.etcd().dialTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.etcd().requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.maxTxnOps()).isEqualTo(128);
    assertThat(settings.etcd().usesTls()).isFalse();
    DnsProvider provider = factory.create(config(Map.of("endpoints", "http://127.0.0.1:1")));
    assertThat(provider.capabilities().nativeWeights()).isFalse();
    assertThat(provider.type()).isEqualTo("coredns");
    provider.close(); // created without any network call, closed without one
  }

  /**
   * The etcd connection keys (endpoints, credentials, TLS files, timeouts) are read and checked by
   * modules/etcd (EtcdConnectionReaderTest); here the CoreDNS keys, and that the reader's settings
   * and problems reach this provider's.
   */
  @Test
  void readsItsOwnKeysAndTheEtcdConnection() {
    CoreDnsSettings settings =
        settings(
            Map.of(
                "endpoints",
                List.of("https://etcd-1:2379", "https://etcd-2:2379"),
                "prefix",
                "skydns/",
                "ownerPrefix",
                "/ops/dnsfailover/",
                "username",
                "dnsfailover",
                "password",
                "s3cret",
                "requestTimeout",
                "500ms",
                "maxTxnOps",
                "1000"));

    assertThat(settings.prefix()).isEqualTo("/skydns");
    assertThat(settings.ownerPrefix()).isEqualTo("/ops/dnsfailover");
    assertThat(settings.maxTxnOps()).isEqualTo(1000);
    assertThat(settings.etcd().endpoints()).hasSize(2);
    assertThat(settings.etcd().usesTls()).isTrue();
    assertThat(settings.etcd().requestTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(settings.toString()).doesNotContain("s3cret").contains("password=****");
  }

  @Test
  void invalidSettingsNameTheirKey() {
    Map<Map<String, Object>, String> cases = new HashMap<>();
    cases.put(Map.of(), "endpoints");
    cases.put(Map.of("endpoints", "http://e:2379", "prefix", "/"), "prefix");
    cases.put(
        Map.of("endpoints", "http://e:2379", "ownerPrefix", "/skydns/dnsfailover"), "ownerPrefix");
    cases.put(
        Map.of("endpoints", "http://e:2379", "prefix", "/a", "ownerPrefix", "/a"), "ownerPrefix");
    cases.put(Map.of("endpoints", "http://e:2379", "maxTxnOps", "2"), "maxTxnOps");
    cases.forEach(
        (settings, key) -> {
          assertThat(new CoreDnsProviderFactory().validate(config(settings)))
              .as(settings.toString())
              .extracting(SettingProblem::key)
              .containsExactly(key);
          assertThatThrownBy(() -> new CoreDnsProviderFactory().create(config(settings)))
              .as(settings.toString())
              .isInstanceOf(InvalidSettingsException.class)
              .hasMessageStartingWith("coredns provider: " + key + ": ");
        });
  }

  @Test
  void validateReportsTheEtcdProblemsThenItsOwnAndNeverThePassword() {
    ProviderConfig config =
        config(
            Map.of(
                "endpoints",
                List.of("http://127.0.0.1:2379", "etcd-3:2379"),
                "prefix",
                "/skydns",
                "ownerPrefix",
                "/skydns/owners",
                "password",
                "hunter2-secret",
                "maxTxnOps",
                "many"));

    List<SettingProblem> problems = new CoreDnsProviderFactory().validate(config);

    assertThat(problems)
        .containsExactly(
            new SettingProblem(
                "endpoints[1]",
                "'etcd-3:2379' is not an etcd URL: write http://HOST:PORT or https://HOST:PORT"),
            new SettingProblem("password", "is set but username is not: etcd needs both"),
            new SettingProblem(
                "ownerPrefix",
                "'/skydns/owners' is not outside prefix '/skydns': CoreDNS would serve the"
                    + " ownership data; give it a path of its own, like /dnsfailover"),
            new SettingProblem(
                "maxTxnOps",
                "'many' is not a whole number of at least 8: write etcd's --max-txn-ops (default"
                    + " 128)"));
    assertThat(problems.toString()).doesNotContain("hunter2");
    assertThatThrownBy(() -> new CoreDnsProviderFactory().create(config))
        .isInstanceOfSatisfying(
            InvalidSettingsException.class, e -> assertThat(e.problems()).isEqualTo(problems))
        .hasMessageNotContaining("hunter2");
    assertThat(new CoreDnsProviderFactory().secretKeys()).containsExactly("password");
  }

  @Test
  void anUnreachableEtcdIsTransient() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    try (DnsProvider provider =
        new CoreDnsProviderFactory()
            .create(
                config(
                    Map.of(
                        "endpoints",
                        "http://127.0.0.1:" + port,
                        "dialTimeout",
                        "500ms",
                        "requestTimeout",
                        "1s")))) {
      assertThatThrownBy(() -> provider.records(ZONE, KEYS))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ProviderException.Kind.TRANSIENT);
                assertThat(e.getMessage()).contains("127.0.0.1:" + port);
              });
    }
  }

  @Test
  void rejectedCredentialsAreAuthAndThePasswordIsNeverShown() throws Exception {
    try (EtcdCluster etcd = EtcdCluster.startOrSkip(1);
        EtcdTestClient admin = new EtcdTestClient(etcd.endpoint())) {
      var auth = admin.client().getAuthClient();
      auth.userAdd(EtcdTestClient.bytes("root"), EtcdTestClient.bytes("root-pw"))
          .get(10, TimeUnit.SECONDS);
      auth.roleAdd(EtcdTestClient.bytes("root")).get(10, TimeUnit.SECONDS);
      auth.userGrantRole(EtcdTestClient.bytes("root"), EtcdTestClient.bytes("root"))
          .get(10, TimeUnit.SECONDS);
      auth.userAdd(EtcdTestClient.bytes("reader"), EtcdTestClient.bytes("reader-pw"))
          .get(10, TimeUnit.SECONDS);
      auth.roleAdd(EtcdTestClient.bytes("read-skydns")).get(10, TimeUnit.SECONDS);
      auth.roleGrantPermission(
              EtcdTestClient.bytes("read-skydns"),
              EtcdTestClient.bytes("/"),
              EtcdTestClient.bytes("0"),
              Permission.Type.READ)
          .get(10, TimeUnit.SECONDS);
      auth.userGrantRole(EtcdTestClient.bytes("reader"), EtcdTestClient.bytes("read-skydns"))
          .get(10, TimeUnit.SECONDS);
      auth.authEnable().get(10, TimeUnit.SECONDS);

      try (DnsProvider wrong = withCredentials(etcd, "root", "not-the-password")) {
        assertThatThrownBy(() -> wrong.records(ZONE, KEYS))
            .isInstanceOfSatisfying(
                ProviderException.class,
                e -> {
                  assertThat(e.kind()).as(e.getMessage()).isEqualTo(ProviderException.Kind.AUTH);
                  assertThat(e.getMessage()).doesNotContain("not-the-password");
                });
      }
      try (DnsProvider reader = withCredentials(etcd, "reader", "reader-pw")) {
        assertThat(reader.records(ZONE, KEYS)).isEmpty();
        assertThatThrownBy(
                () ->
                    reader.apply(
                        ZONE,
                        List.of(
                            new io.dnsfailover.spi.Change.Create(
                                io.dnsfailover.spi.RecordSet.of(
                                    DnsName.of("app.example.test."),
                                    RecordType.A,
                                    30,
                                    List.of("192.0.2.1")),
                                "new"))))
            .isInstanceOfSatisfying(
                ProviderException.class,
                e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.AUTH));
      }
      try (DnsProvider root = withCredentials(etcd, "root", "root-pw")) {
        assertThat(root.records(ZONE, KEYS)).isEmpty();
      }
    }
  }

  private static DnsProvider withCredentials(EtcdCluster etcd, String user, String password) {
    return new CoreDnsProviderFactory()
        .create(
            config(
                Map.of(
                    "endpoints",
                    etcd.endpoint(),
                    "username",
                    user,
                    "password",
                    password,
                    "requestTimeout",
                    "3s")));
  }

  private static CoreDnsSettings settings(Map<String, Object> settings) {
    return CoreDnsProviderFactory.settings(config(settings));
  }

  private static ProviderConfig config(Map<String, Object> settings) {
    return new ProviderConfig("dns", "coredns", settings);
  }
}

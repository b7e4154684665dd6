package io.dnsfailover.core.config;

import static io.dnsfailover.core.config.ConfigFixture.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.core.config.ClusterConfig.Quorum;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code cluster:} block: what it binds to, and each mistake at its line and column. */
class ClusterConfigTest {

  private static final String RECORD =
      """
            - name: app
              type: A
              endpoints: [{ id: a, address: 192.0.2.1, check: { type: icmp } }]
      """;

  @TempDir Path directory;
  ConfigFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new ConfigFixture(directory, Map.of("ETCD_PASSWORD", "s3cret"));
  }

  /** The cluster block starts at line 12. */
  private static String withCluster(String block) {
    return HEADER + RECORD + block.stripIndent();
  }

  @Test
  void aConfigWithoutClusterIsOneDaemonAlone() throws Exception {
    assertThat(fixture.load(HEADER + RECORD).requireConfig().cluster()).isEmpty();
  }

  @Test
  void everyKeyBinds() throws Exception {
    Path ca = Files.writeString(directory.resolve("ca.pem"), "ca");
    Path cert = Files.writeString(directory.resolve("client.pem"), "cert");
    Path key = Files.writeString(directory.resolve("client-key.pem"), "key");
    Config config =
        fixture
            .load(
                withCluster(
                    """
                    cluster:
                      etcd:
                        endpoints: [http://10.0.0.1:2379, "https://10.0.0.2:2379,https://10.0.0.3:2379"]
                        username: dnsfailover
                        password: ${ETCD_PASSWORD}
                        caFile: %s
                        certFile: %s
                        keyFile: %s
                        dialTimeout: 2s
                        requestTimeout: 3s
                      member: eu-west-1
                      quorum: 2
                      leaseTtl: 4s
                    """
                        .formatted(ca, cert, key)))
            .requireConfig();

    ClusterConfig cluster = config.cluster().orElseThrow();
    assertThat(cluster.member()).isEqualTo("eu-west-1");
    assertThat(cluster.quorum()).isEqualTo(new Quorum.AtLeast(2));
    assertThat(cluster.leaseTtl()).isEqualTo(Duration.ofSeconds(4));
    assertThat(cluster.etcd().endpoints())
        .containsExactly(
            URI.create("http://10.0.0.1:2379"),
            URI.create("https://10.0.0.2:2379"),
            URI.create("https://10.0.0.3:2379"));
    assertThat(cluster.etcd().username()).contains("dnsfailover");
    assertThat(cluster.etcd().password()).contains("s3cret");
    assertThat(cluster.etcd().caFile()).contains(ca);
    assertThat(cluster.etcd().certFile()).contains(cert);
    assertThat(cluster.etcd().keyFile()).contains(key);
    assertThat(cluster.etcd().dialTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(cluster.etcd().requestTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(cluster.etcd().usesTls()).isTrue();
    assertThat(cluster.etcd().toString()).doesNotContain("s3cret").contains("****");
  }

  @Test
  void onlyTheEndpointsAreRequired() throws Exception {
    ClusterConfig cluster =
        fixture
            .load(withCluster("cluster: { etcd: { endpoints: [http://127.0.0.1:2379] } }\n"))
            .requireConfig()
            .cluster()
            .orElseThrow();

    assertThat(cluster.member()).isEqualTo(ClusterConfig.hostName());
    assertThat(cluster.quorum()).isEqualTo(new Quorum.Majority());
    assertThat(cluster.leaseTtl()).isEqualTo(Duration.ofSeconds(10));
    assertThat(cluster.etcd().password()).isEqualTo(Optional.empty());
    assertThat(cluster.etcd().usesTls()).isFalse();
    assertThat(cluster.etcd().dialTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(cluster.etcd().requestTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void mistakesAreReportedAtTheirKeys() {
    assertThat(
            fixture.problems(
                withCluster(
                    """
                    cluster:
                      etcd:
                        endpoints: [127.0.0.1:2379]
                        password: x
                        certFile: /c.pem
                        timeout: 1s
                      member: "eu west"
                      quorum: most
                      leaseTtl: 1500ms
                      leader: true
                    """)))
        .containsExactly(
            "14:17: cluster.etcd.endpoints[0]: '127.0.0.1:2379' is not an etcd URL: write"
                + " http://HOST:PORT or https://HOST:PORT",
            "15:15: cluster.etcd.password: is set but username is not: etcd needs both",
            "16:15: cluster.etcd.certFile: '/c.pem' does not exist: give the path of a PEM file"
                + " this process can read",
            "16:15: cluster.etcd.certFile: is set but keyFile is not: a client certificate needs"
                + " its key",
            "17:5: cluster.etcd.timeout: unknown key in cluster.etcd: allowed keys are endpoints,"
                + " username, password, caFile, certFile, keyFile, dialTimeout, requestTimeout",
            "18:11: cluster.member: 'eu west' is not a member name of 1 to 63 letters, digits,"
                + " '-', '_' and '.', like eu-west-1",
            "19:11: cluster.quorum: 'most' is not majority, or how many members must see an"
                + " endpoint down, like 2",
            "20:13: cluster.leaseTtl: etcd leases last whole seconds: write a whole number of"
                + " seconds, like 10s",
            "21:3: cluster.leader: unknown key in cluster: allowed keys are etcd, member, quorum,"
                + " leaseTtl");
  }

  @Test
  void theEtcdKeysGetTheCorednsProvidersChecks() {
    assertThat(
            fixture.problems(
                withCluster(
                    """
                    cluster:
                      etcd:
                        endpoints: http://127.0.0.1:2379
                        username: dnsfailover
                        dialTimeout: 0s
                    """)))
        .containsExactly(
            "15:15: cluster.etcd.username: is set but password is not: etcd needs both",
            "16:18: cluster.etcd.dialTimeout: '0s' is not longer than 0: write one like 5s");
  }

  @Test
  void anEtcdValueThatNeedsAnUnsetVariableIsNotJudgedWhenOnlyValidating() throws Exception {
    LoadResult result =
        fixture.load(
            withCluster(
                """
                cluster:
                  etcd: { endpoints: "${ETCD_ENDPOINTS}" }
                """),
            ConfigLoader.Mode.VALIDATE_ONLY);

    assertThat(result.config()).isEmpty();
    assertThat(result.warnings())
        .map(ConfigFixture::withoutFile)
        .containsExactly(
            "13:22: warning: cluster.etcd.endpoints: environment variable ETCD_ENDPOINTS is not"
                + " set and '${ETCD_ENDPOINTS}' gives no default: set it, or write"
                + " ${ETCD_ENDPOINTS:-default}");
  }

  @Test
  void theEtcdBlockIsRequired() {
    assertThat(fixture.problems(withCluster("cluster: { member: a }\n")))
        .containsExactly(
            "12:10: cluster.etcd: required key is missing: write etcd: { endpoints:"
                + " [http://127.0.0.1:2379] }");
  }

  @Test
  void quorumNeedsAMajorityOfLiveMembersOrTheFixedNumber() {
    assertThat(List.of(1, 2, 3, 4, 5).stream().map(new Quorum.Majority()::needed))
        .containsExactly(1, 2, 2, 3, 3);
    assertThat(List.of(1, 2, 3).stream().map(new Quorum.AtLeast(2)::needed))
        .containsExactly(1, 2, 2);
  }
}

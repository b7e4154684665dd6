package io.dnsfailover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code validate} judges the values of every installed provider (route53, azure, clouddns,
 * coredns), each problem located in the file, without a connection to any provider: every endpoint
 * points at a loopback listener that counts the connections it is offered.
 */
class ValidateProvidersTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private ServerSocket listener;
  private final AtomicInteger connections = new AtomicInteger();

  @BeforeEach
  void listen() throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual()
        .start(
            () -> {
              while (!listener.isClosed()) {
                try (Socket socket = listener.accept()) {
                  connections.incrementAndGet();
                } catch (IOException closed) {
                  return;
                }
              }
            });
  }

  @AfterEach
  void close() throws IOException {
    listener.close();
  }

  private int validate(Path config) {
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute("validate", "-c", config.toString());
  }

  @Test
  void badProviderValuesAreReportedAtTheirLineAndColumnWithoutAnyConnection() throws Exception {
    Path missingCa = dir.resolve("missing-ca.pem");
    Path config =
        write(
            """
            version: 1
            ownerId: test
            providers:
              local: { type: zonefile, path: zone.db }
              etcd:
                type: coredns
                endpoints:
                  - http://127.0.0.1:%1$d
                  - ftp://127.0.0.1:%1$d
                password: hunter2-in-the-file
                caFile: %2$s
              aws:
                type: route53
                region: "not a region!!"
                endpoint: http://127.0.0.1:%1$d
              google:
                type: clouddns
                managedZone: example-test
                endpoint: http://127.0.0.1:%1$d/
              az:
                type: azure
                subscriptionId: 00000000-0000-0000-0000-000000000001
              az2: { type: azure, subscriptionId: sub-1, resourceGroup: "rg dns." }
            %3$s
            """
                .formatted(listener.getLocalPort(), missingCa, ZONES));

    assertThat(validate(config)).isEqualTo(1);

    assertThat(err.toString().lines().filter(line -> line.startsWith(config + ":")))
        .containsExactly(
            config
                + ":9:9: providers.etcd.endpoints[1]: 'ftp://127.0.0.1:"
                + listener.getLocalPort()
                + "' is not an etcd URL: write http://HOST:PORT or https://HOST:PORT",
            config + ":10:15: providers.etcd.password: is set but username is not: etcd needs both",
            config
                + ":11:13: providers.etcd.caFile: '"
                + missingCa
                + "' does not exist: give the path of a PEM file this process can read",
            config
                + ":14:13: providers.aws.region: 'not a region!!' is not an AWS region name:"
                + " write one like us-east-1, or leave the key out for aws-global (what Route 53"
                + " signs for)",
            config
                + ":17:5: providers.google.project: required key is missing: clouddns providers"
                + " need project",
            config
                + ":21:5: providers.az.resourceGroup: required key is missing: azure providers"
                + " need resourceGroup",
            config
                + ":23:39: providers.az2.subscriptionId: 'sub-1' is not a subscription id: write"
                + " its GUID, like 00000000-0000-0000-0000-000000000000 (az account show --query"
                + " id)",
            config
                + ":23:61: providers.az2.resourceGroup: 'rg dns.' is not a resource group name:"
                + " write 1 to 90 letters, digits and _ - . ( ), not ending in .",
            config + ": 8 errors; nothing changed");
    assertThat(err.toString()).doesNotContain("hunter2");
    assertThat(out.toString()).isEmpty();
    assertThat(connections).as("connections offered to the providers' endpoints").hasValue(0);
  }

  @Test
  void goodProviderValuesPassWithoutAnyConnectionOrCredential() throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
    Path config =
        write(
            """
            version: 1
            ownerId: test
            providers:
              local: { type: zonefile, path: zone.db }
              etcd:
                type: coredns
                endpoints: [https://127.0.0.1:%1$d]
                username: dnsfailover
                password: ${DNSFAILOVER_TEST_UNSET_PASSWORD}
                caFile: %2$s
              aws:
                type: route53
                region: eu-west-1
                endpoint: http://127.0.0.1:%1$d
                assumeRoleArn: arn:aws:iam::123456789012:role/dnsfailover
              google: { type: clouddns, project: my-project, endpoint: "http://127.0.0.1:%1$d/" }
              az:
                type: azure
                subscriptionId: 00000000-0000-0000-0000-000000000001
                resourceGroup: rg-dns
                endpoint: https://127.0.0.1:%1$d/
            %3$s
            """
                .formatted(listener.getLocalPort(), ca, ZONES));

    assertThat(validate(config)).as(err.toString()).isZero();

    assertThat(out.toString()).contains(config + ": valid");
    assertThat(err.toString())
        .as("the unset password is only a warning")
        .contains("warning: providers.etcd.password: environment variable")
        .doesNotContain("error");
    assertThat(connections).as("connections offered to the providers' endpoints").hasValue(0);
  }

  @Test
  void anUnsetVariableIsNotJudgedButAValueBesideItIs() throws Exception {
    Path config =
        write(
            """
            version: 1
            ownerId: test
            providers:
              local: { type: zonefile, path: zone.db }
              etcd:
                type: coredns
                endpoints: ${DNSFAILOVER_TEST_UNSET_ENDPOINTS}
                certFile: ${DNSFAILOVER_TEST_UNSET_CERT}
                keyFile: ${DNSFAILOVER_TEST_UNSET_KEY}
                dialTimeout: 0s
            %s
            """
                .formatted(ZONES));

    assertThat(validate(config)).isEqualTo(1);

    assertThat(err.toString())
        .contains(
            config
                + ":10:18: providers.etcd.dialTimeout: '0s' is not longer than 0: write one like"
                + " 5s")
        .contains("1 error; nothing changed")
        .doesNotContain("providers.etcd.endpoints: '")
        .doesNotContain("providers.etcd.certFile: '");
  }

  private Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("config.yaml"), text);
  }

  private static final String ZONES =
      """
      zones:
        - name: example.test.
          provider: local
          records:
            - name: app
              type: A
              check: { type: tcp, port: 80 }
              endpoints: [{ id: primary, address: 192.0.2.10 }]
      """
          .stripTrailing();
}

package io.dnsfailover.etcd.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsfailover.etcd.EtcdConnection;
import io.etcd.jetcd.Client;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Building clients; talking to a real etcd through them is covered where they are used (the coredns
 * provider's tests, cluster mode's).
 */
class EtcdClientsTest {

  @TempDir Path directory;

  @Test
  void aClientToNothingIsBuiltWithoutConnectingAndFailsEvenWithARequestTimeoutUnder500ms()
      throws Exception {
    // jetcd's first retry delay is 500ms: at or below it, jetcd itself refused every call.
    for (Duration requestTimeout : List.of(Duration.ofMillis(1), Duration.ofMillis(500))) {
      EtcdConnection connection =
          EtcdConnection.of(List.of(URI.create("http://127.0.0.1:1")))
              .withTimeouts(Duration.ofMillis(200), requestTimeout);

      try (Client client = EtcdClients.build(connection)) {
        assertThatThrownBy(
                () -> client.getKVClient().get(EtcdClients.bytes("/x")).get(30, TimeUnit.SECONDS))
            .as("requestTimeout %s", requestTimeout)
            .isInstanceOf(ExecutionException.class);
      }
    }
  }

  @Test
  void aCaFileThatIsNotPemIsRefusedSayingTls() throws Exception {
    Path ca = Files.writeString(directory.resolve("ca.pem"), "not a certificate");
    EtcdConnection connection =
        new EtcdConnection(
            List.of(URI.create("https://127.0.0.1:2379")),
            Optional.of("dnsfailover"),
            Optional.of("hunter2-secret"),
            Optional.of(ca),
            Optional.empty(),
            Optional.empty(),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1));

    assertThatThrownBy(() -> EtcdClients.build(connection))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot set up TLS for etcd: ")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void keysAndValuesAreUtf8() {
    assertThat(EtcdClients.text(EtcdClients.bytes("/skydns/test/é"))).isEqualTo("/skydns/test/é");
    assertThat(EtcdClients.bytes("é").getBytes()).hasSize(2);
  }
}

package io.dnsfailover.dist;

import static io.dnsfailover.dist.Release.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.dist.Release.Result;
import io.dnsfailover.testkit.etcd.EtcdExtension;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CoreDNS provider from the release: its etcd client (grpc on netty, which needs {@code
 * jdk.unsupported} and friends) on the runtime jlink made, against a real etcd on loopback.
 */
class CoreDnsReleaseIT {

  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension(1);

  @TempDir Path dir;

  @Test
  void oncePublishesTheHealthyAddressIntoEtcd() throws Exception {
    Path release = Release.unpack(dir.resolve("opt"));
    try (ServerSocket backend = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Files.writeString(
          dir.resolve("config.yaml"),
          """
          version: 1
          ownerId: release-test
          providers:
            etcd: { type: coredns, endpoints: ["%s"] }
          zones:
            - name: example.test.
              provider: etcd
              records:
                - name: app
                  type: A
                  ttl: 20
                  check: { type: tcp, port: %d }
                  endpoints:
                    - { id: primary, address: 127.0.0.1 }
          """
              .formatted(ETCD.cluster().endpoint(), backend.getLocalPort()));

      Result once =
          run(
              dir,
              Map.of(
                  "PATH",
                  "/usr/bin:/bin",
                  "DNSFAILOVER_JAVA_OPTS",
                  Release.requireStartUpCache(release)),
              List.of(
                  release.resolve("bin/dnsfailover").toString(),
                  "once",
                  "-c",
                  "config.yaml",
                  "--state",
                  "state.json"));

      assertThat(once.exitCode()).as(once.output()).isZero();
      assertThat(once.stderr()).doesNotContain("WARNING", "[warning]", "Exception");
    }
    try (Client client = Client.builder().endpoints(ETCD.cluster().endpoint()).build()) {
      List<KeyValue> served =
          client
              .getKVClient()
              .get(bytes("/skydns/test/example/app/"), GetOption.builder().isPrefix(true).build())
              .get(10, TimeUnit.SECONDS)
              .getKvs();
      assertThat(served)
          .singleElement()
          .extracting(kv -> kv.getValue().toString(StandardCharsets.UTF_8))
          .asString()
          .contains("\"host\":\"127.0.0.1\"", "\"ttl\":20");
    }
  }

  private static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }
}

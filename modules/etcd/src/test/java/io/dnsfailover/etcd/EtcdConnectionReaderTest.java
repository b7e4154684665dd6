package io.dnsfailover.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.spi.SettingProblem;
import io.dnsfailover.spi.SettingsCheck;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The etcd connection keys, as both the coredns provider and {@code cluster.etcd} read them. */
class EtcdConnectionReaderTest {

  @TempDir Path directory;

  @Test
  void onlyTheEndpointsAreNeededAndTheDefaultsFillTheRest() {
    EtcdConnection connection = read(Map.of("endpoints", "http://127.0.0.1:2379")).orElseThrow();

    assertThat(connection)
        .isEqualTo(EtcdConnection.of(List.of(URI.create("http://127.0.0.1:2379"))));
    assertThat(connection.dialTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(connection.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(connection.usesTls()).isFalse();
    assertThat(connection.toString()).contains("password=(none)");
  }

  @Test
  void everyKeyIsRead() throws Exception {
    Path ca = Files.writeString(directory.resolve("ca.pem"), "ca");
    Path cert = Files.writeString(directory.resolve("client.pem"), "cert");
    Path key = Files.writeString(directory.resolve("client-key.pem"), "key");
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put(
        "endpoints", List.of("https://etcd-1:2379", "https://etcd-2:2379,https://etcd-3:2379"));
    settings.put("username", " dnsfailover ");
    settings.put("password", " s3cret ");
    settings.put("caFile", ca.toString());
    settings.put("certFile", cert.toString());
    settings.put("keyFile", key.toString());
    settings.put("dialTimeout", "2s");
    settings.put("requestTimeout", "500ms");
    settings.put("prefix", "/not/a/connection/key");

    EtcdConnection connection = read(settings).orElseThrow();

    assertThat(connection.endpoints())
        .containsExactly(
            URI.create("https://etcd-1:2379"),
            URI.create("https://etcd-2:2379"),
            URI.create("https://etcd-3:2379"));
    assertThat(connection.endpointList())
        .isEqualTo("https://etcd-1:2379,https://etcd-2:2379,https://etcd-3:2379");
    assertThat(connection.username()).contains("dnsfailover");
    assertThat(connection.password()).contains(" s3cret "); // a password's spaces count
    assertThat(connection.caFile()).contains(ca);
    assertThat(connection.certFile()).contains(cert);
    assertThat(connection.keyFile()).contains(key);
    assertThat(connection.dialTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(connection.requestTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(connection.usesTls()).isTrue();
    assertThat(connection.toString()).doesNotContain("s3cret").contains("password=****");
  }

  @Test
  void everyMistakeIsReportedAtItsKeyAndThePasswordNever() throws Exception {
    Path folder = Files.createDirectory(directory.resolve("certs"));
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put(
        "endpoints",
        List.of("http://127.0.0.1:2379", "ftp://etcd.example.test:2379", "etcd-3:2379"));
    settings.put("password", "hunter2-secret");
    settings.put("caFile", directory.resolve("missing-ca.pem").toString());
    settings.put("certFile", folder.toString());
    settings.put("dialTimeout", "0s");
    settings.put("requestTimeout", "ten seconds");
    SettingsCheck check = new SettingsCheck();

    assertThat(EtcdConnectionReader.read(settings, check)).isEmpty();
    assertThat(check.problems())
        .containsExactly(
            new SettingProblem(
                "endpoints[1]",
                "'ftp://etcd.example.test:2379' is not an etcd URL: write http://HOST:PORT or"
                    + " https://HOST:PORT"),
            new SettingProblem(
                "endpoints[2]",
                "'etcd-3:2379' is not an etcd URL: write http://HOST:PORT or https://HOST:PORT"),
            new SettingProblem("password", "is set but username is not: etcd needs both"),
            new SettingProblem(
                "caFile",
                "'"
                    + directory.resolve("missing-ca.pem")
                    + "' does not exist: give the path of a PEM file this process can read"),
            new SettingProblem(
                "certFile",
                "'"
                    + folder
                    + "' is not a regular file: give the path of a PEM file this process can"
                    + " read"),
            new SettingProblem(
                "certFile", "is set but keyFile is not: a client certificate needs its key"),
            new SettingProblem("dialTimeout", "'0s' is not longer than 0: write one like 5s"),
            new SettingProblem(
                "requestTimeout",
                "'ten seconds' is not a duration: write a whole number with ms, s, m or h, like"
                    + " 500ms or 10s"));
    assertThat(check.problems().toString()).doesNotContain("hunter2");
  }

  @Test
  void eachPairNeedsBothHalvesWhicheverIsMissing() throws Exception {
    Path key = Files.writeString(directory.resolve("client-key.pem"), "key");

    assertThat(problems(Map.of("endpoints", "http://e:2379", "username", "dnsfailover")))
        .containsExactly(
            new SettingProblem("username", "is set but password is not: etcd needs both"));
    assertThat(problems(Map.of("endpoints", "http://e:2379", "keyFile", key.toString())))
        .containsExactly(
            new SettingProblem(
                "keyFile", "is set but certFile is not: a client certificate needs its key"));
  }

  @Test
  void endpointsMustBeURLsAndThereMustBeOne() {
    assertThat(problems(Map.of()))
        .containsExactly(
            new SettingProblem(
                "endpoints",
                "required key is missing: list etcd client URLs, like [http://127.0.0.1:2379]"));
    assertThat(problems(Map.of("endpoints", " , ")))
        .containsExactly(
            new SettingProblem(
                "endpoints", "is empty: list etcd client URLs, like [http://127.0.0.1:2379]"));
    assertThat(problems(Map.of("endpoints", Map.of("url", "http://e:2379"))))
        .containsExactly(new SettingProblem("endpoints", "must be a list of URLs, not a mapping"));
    assertThat(problems(Map.of("endpoints", List.of(List.of("http://e:2379")))))
        .containsExactly(
            new SettingProblem("endpoints[0]", "must be a URL, like http://127.0.0.1:2379"));
    assertThat(problems(Map.of("endpoints", "http://127.0.0.1:2379,ftp://x:1")))
        .containsExactly(
            new SettingProblem(
                "endpoints",
                "'ftp://x:1' is not an etcd URL: write http://HOST:PORT or https://HOST:PORT"));
    assertThat(problems(Map.of("endpoints", "http://no-port")))
        .extracting(SettingProblem::key)
        .containsExactly("endpoints");
  }

  @Test
  void blankAndStructuredValuesAreRefused() {
    assertThat(
            problems(
                Map.of(
                    "endpoints", "http://e:2379", "username", " ", "password", "pw", "caFile", "")))
        .containsExactly(
            new SettingProblem("username", "is empty: give it a value or leave the key out"),
            new SettingProblem("caFile", "is empty: give it a value or leave the key out"));
    assertThat(problems(Map.of("endpoints", "http://e:2379", "dialTimeout", List.of("1s"))))
        .containsExactly(new SettingProblem("dialTimeout", "must be a single value, not a list"));
  }

  @Test
  void problemsReportedBeforeDoNotMakeTheConnectionInvalid() {
    SettingsCheck check = new SettingsCheck();
    check.report("prefix", "is wrong");

    assertThat(EtcdConnectionReader.read(Map.of("endpoints", "http://e:2379"), check))
        .map(EtcdConnection::endpointList)
        .isEqualTo(Optional.of("http://e:2379"));
  }

  private static Optional<EtcdConnection> read(Map<String, Object> settings) {
    SettingsCheck check = new SettingsCheck();
    Optional<EtcdConnection> connection = EtcdConnectionReader.read(settings, check);
    assertThat(check.problems()).isEmpty();
    return connection;
  }

  private static List<SettingProblem> problems(Map<String, Object> settings) {
    SettingsCheck check = new SettingsCheck();
    assertThat(EtcdConnectionReader.read(settings, check)).isEmpty();
    return check.problems();
  }
}

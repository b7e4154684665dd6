package io.dnsfailover.provider.zonefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the provider edits, creates and refuses zone files on disk. */
class ZoneFileEditingTest {

  private static final String HAND_WRITTEN =
      """
      ; example.test. -- maintained by hand, and by dnsfailover for app
      $ORIGIN example.test.
      $TTL 3600
      @   IN  SOA ns1 hostmaster (
              2024010101 ; serial
              7200       ; refresh
              900        ; retry
              1209600    ; expire
              300 )      ; minimum
          IN  NS  ns1
      ns1     IN  A   192.0.2.1
      www 300 IN  A   192.0.2.80   ; the web server
              IN  AAAA 2001:db8::80
      App     60  IN  A  192.0.2.10
                  IN  A  192.0.2.11
          IN  TXT "foreign text at app"
      mail.example.test.  IN  MX  10 ns1.example.test.
      long    IN  TXT ( "part one"
                        "part two" )  ; a multi-line record
              IN  A   192.0.2.77
      _dnsfailover.app  60  IN  TXT "heritage=dnsfailover,owner=prod-eu"
      """;

  private static final Zone ZONE = new Zone(DnsName.of("example.test."), "local");

  @TempDir Path directory;

  @Test
  void changingOneRecordKeepsEveryOtherLineByteForByte() throws Exception {
    Path file = write(HAND_WRITTEN);
    ZoneFileProvider provider = provider(file);
    RecordSet app = provider.records(ZONE, Set.of(key("app", RecordType.A))).getFirst();
    assertThat(app.values()).containsExactly("192.0.2.10", "192.0.2.11");
    assertThat(app.ttl()).isEqualTo(60);

    RecordSet failedOver = RecordSet.of(name("app"), RecordType.A, 30, List.of("192.0.2.20"));
    provider.apply(ZONE, List.of(new Change.Update(app, failedOver, "primary down")));

    String expected =
        HAND_WRITTEN
                .replace("2024010101 ; serial", "2024060100 ; serial")
                .replace("App     60  IN  A  192.0.2.10\n            IN  A  192.0.2.11\n", "")
                .replace(
                    "    IN  TXT \"foreign text at app\"",
                    "App.example.test.    IN  TXT \"foreign text at app\"")
            + "\n"
            + ZoneFileEditor.MANAGED_BLOCK_HEADER
            + "\napp.example.test.\t30\tIN\tA\t192.0.2.20\n";
    assertThat(Files.readString(file)).isEqualTo(expected);
    assertThat(provider.records(ZONE, Set.of(key("app", RecordType.A))))
        .containsExactly(failedOver);
    assertNamedCheckzoneAccepts(file);
  }

  @Test
  void removingAMultiLineRecordGivesTheNextBlankOwnerLineItsName() throws Exception {
    Path file = write(HAND_WRITTEN);
    ZoneFileProvider provider = provider(file);
    RecordSet text = provider.records(ZONE, Set.of(key("long", RecordType.TXT))).getFirst();
    assertThat(text.values()).containsExactly("part onepart two");

    provider.apply(ZONE, List.of(new Change.Delete(text, "no longer wanted")));

    String expected =
        HAND_WRITTEN
            .replace("2024010101 ; serial", "2024060100 ; serial")
            .replace(
                """
                long    IN  TXT ( "part one"
                                  "part two" )  ; a multi-line record
                        IN  A   192.0.2.77""",
                "long.example.test.        IN  A   192.0.2.77");
    assertThat(Files.readString(file)).isEqualTo(expected);
    assertNamedCheckzoneAccepts(file);
  }

  @Test
  void anApplyWithNoChangesLeavesTheFileAlone() throws Exception {
    Path file = write(HAND_WRITTEN);
    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(file, old);

    provider(file).apply(ZONE, List.of());

    assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
    assertThat(Files.readString(file)).isEqualTo(HAND_WRITTEN);
  }

  @Test
  void writesAtomicallyKeepingPermissionsAndLeavingNoTemporaryFiles() throws Exception {
    Path file = write(HAND_WRITTEN);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));

    provider(file).apply(ZONE, List.of(new Change.Create(plain("new", "192.0.2.5"), "new")));

    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-rw----"));
    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .containsExactlyInAnyOrder("example.test.zone", "example.test.zone.lock");
    }
  }

  @Test
  void aMissingFileAndDirectoryAreCreatedWithAnSoaAndNsThatNamedAccepts() throws Exception {
    Path file = directory.resolve("new/dir/example.test.zone");
    ZoneFileProvider provider = provider(file);
    assertThat(provider.records(ZONE, Set.of(key("app", RecordType.A)))).isEmpty();

    RecordSet app = plain("app", "192.0.2.10");
    provider.apply(ZONE, List.of(new Change.Create(app, "new")));

    assertThat(provider.records(ZONE, Set.of(app.key()))).containsExactly(app);
    String text = Files.readString(file);
    assertThat(text)
        .contains("$ORIGIN example.test.", "$TTL 300", "2024060101\t; serial")
        .contains("@\tIN\tNS\tns1.example.test.", "ns1.example.test.\tIN\tA\t127.0.0.1");
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    assertNamedCheckzoneAccepts(file);
  }

  @Test
  void aBrokenFileIsInvalidWithPathAndLineAndIsNotModified() throws Exception {
    String broken = HAND_WRITTEN.replace("ns1     IN  A   192.0.2.1", "ns1     IN  A   192.0.2");
    Path file = write(broken);
    ZoneFileProvider provider = provider(file);

    assertThatThrownBy(() -> provider.records(ZONE, Set.of(key("app", RecordType.A))))
        .isInstanceOfSatisfying(
            ProviderException.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(ProviderException.Kind.INVALID);
              assertThat(failure.getMessage()).startsWith(file + ":11: ");
            });
    assertThatThrownBy(
            () -> provider.apply(ZONE, List.of(new Change.Create(plain("x", "192.0.2.9"), "new"))))
        .isInstanceOfSatisfying(
            ProviderException.class,
            failure -> assertThat(failure.getMessage()).startsWith(file + ":11: "));
    assertThat(Files.readString(file)).isEqualTo(broken);
  }

  @Test
  void aFileForAnotherZoneIsNotFound() throws Exception {
    Path file = write(HAND_WRITTEN);
    Zone other = new Zone(DnsName.of("other.test."), "local");

    assertThatThrownBy(() -> provider(file).records(other, Set.of()))
        .isInstanceOfSatisfying(
            ProviderException.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(ProviderException.Kind.NOT_FOUND);
              assertThat(failure.getMessage()).contains("example.test.", "other.test.");
            });
  }

  @Test
  void anInvalidValueIsRefusedAndNothingIsWritten() throws Exception {
    Path file = write(HAND_WRITTEN);

    assertThatThrownBy(
            () ->
                provider(file)
                    .apply(ZONE, List.of(new Change.Create(plain("bad", "192.0.2"), "new"))))
        .isInstanceOfSatisfying(
            ProviderException.class,
            failure -> assertThat(failure.kind()).isEqualTo(ProviderException.Kind.INVALID));
    assertThat(Files.readString(file)).isEqualTo(HAND_WRITTEN);
  }

  @Test
  void uppercaseNamesInTheFileMatchLowerCaseKeys() throws Exception {
    Path file = write(HAND_WRITTEN.replace("www 300", "WWW 300"));

    assertThat(provider(file).records(ZONE, Set.of(key("www", RecordType.AAAA))))
        .containsExactly(RecordSet.of(name("www"), RecordType.AAAA, 3600, List.of("2001:db8::80")));
  }

  @Test
  void anEditThatWouldChangeAnInheritedTtlIsRefused() throws Exception {
    String withoutDefaultTtl =
        """
        @ 3600 IN SOA ns1 hostmaster 1 7200 900 1209600 300
          3600 IN NS ns1
        ns1 3600 IN A 192.0.2.1
        app 60 IN A 192.0.2.10
        other IN A 192.0.2.99
        """;
    Path file = write(withoutDefaultTtl);
    ZoneFileProvider provider = provider(file);
    RecordSet app = provider.records(ZONE, Set.of(key("app", RecordType.A))).getFirst();

    assertThatThrownBy(() -> provider.apply(ZONE, List.of(new Change.Delete(app, "gone"))))
        .isInstanceOfSatisfying(
            ProviderException.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(ProviderException.Kind.INVALID);
              assertThat(failure.getMessage()).contains("explicit TTL");
            });
    assertThat(Files.readString(file)).isEqualTo(withoutDefaultTtl);
  }

  @Test
  void aStaleBeforeIsAConflictNamingTheRecordAndTheFileIsNotWritten() throws Exception {
    Path file = write(HAND_WRITTEN);
    RecordSet stale = plain("app", "192.0.2.99");

    assertThatThrownBy(
            () ->
                provider(file)
                    .apply(ZONE, List.of(new Change.Update(stale, plain("app", "192.0.2.1"), "x"))))
        .isInstanceOfSatisfying(
            ProviderException.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(ProviderException.Kind.CONFLICT);
              assertThat(failure.getMessage()).contains("app.example.test. A");
            });
    assertThat(Files.readString(file)).isEqualTo(HAND_WRITTEN);
  }

  private Path write(String text) throws Exception {
    return Files.writeString(directory.resolve("example.test.zone"), text);
  }

  private static ZoneFileProvider provider(Path file) {
    return new ZoneFileProvider(file, ZoneFileProviderContractTest.CLOCK);
  }

  private static DnsName name(String label) {
    return DnsName.resolve(label, ZONE.name());
  }

  private static RecordKey key(String label, RecordType type) {
    return new RecordKey(name(label), type);
  }

  private static RecordSet plain(String label, String address) {
    return RecordSet.of(name(label), RecordType.A, 30, List.of(address));
  }

  private static void assertNamedCheckzoneAccepts(Path file) throws Exception {
    NamedCheckzone.assumeAvailable();
    NamedCheckzone.assertAccepts("example.test", file);
  }
}

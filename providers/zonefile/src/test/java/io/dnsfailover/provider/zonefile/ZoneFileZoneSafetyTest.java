package io.dnsfailover.provider.zonefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsfailover.core.config.CheckSpec;
import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.core.config.Policy;
import io.dnsfailover.core.config.Probe;
import io.dnsfailover.core.config.RecordConfig;
import io.dnsfailover.core.config.WhenAllDown;
import io.dnsfailover.core.config.ZoneConfig;
import io.dnsfailover.core.plan.Planner;
import io.dnsfailover.core.plan.RecordPlan;
import io.dnsfailover.core.plan.ZonePlan;
import io.dnsfailover.core.policy.Answer;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.spi.ZoneContents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zone file is never written into a state a server refuses to load: names made by {@code
 * $GENERATE} count as existing records, a CNAME never lands beside other data, and what the planner
 * does not catch the provider refuses before writing. Every file written here passes {@code
 * named-checkzone}; every refusal leaves the file byte for byte.
 */
class ZoneFileZoneSafetyTest {

  private static final Zone ZONE = new Zone(DnsName.of("example.test."), "local");
  private static final String OWNER = "prod";

  private static final String ZONE_TEXT =
      """
      $ORIGIN example.test.
      $TTL 300
      @       IN  SOA ns1 hostmaster 2024010101 7200 900 1209600 300
              IN  NS  ns1
      ns1     IN  A   192.0.2.1
      $GENERATE 1-20 host$ A 10.0.0.$
      mail    IN  MX  10 ns1
      notes   IN  TXT "foreign text"
      """;

  @TempDir Path directory;

  @Test
  void generatedNamesAreReadAndTheGenerateLineIsKeptByteForByte() throws Exception {
    Path file = write(ZONE_TEXT);
    ZoneFileProvider provider = provider(file);

    assertThat(
            provider.records(ZONE, Set.of(key("host5", RecordType.A), key("host20", RecordType.A))))
        .containsExactly(
            RecordSet.of(name("host20"), RecordType.A, 300, List.of("10.0.0.20")),
            RecordSet.of(name("host5"), RecordType.A, 300, List.of("10.0.0.5")));

    RecordSet app = RecordSet.of(name("app"), RecordType.A, 30, List.of("192.0.2.10"));
    provider.apply(ZONE, List.of(new Change.Create(app, "new")));

    assertThat(Files.readString(file))
        .isEqualTo(
            ZONE_TEXT.replace("2024010101", "2024060100")
                + "\n"
                + ZoneFileEditor.MANAGED_BLOCK_HEADER
                + "\napp.example.test.\t30\tIN\tA\t192.0.2.10\n");
    assertNamedCheckzoneAccepts(file);
  }

  @Test
  void aManagedNameInsideAGenerateRangeIsAConflictWithoutAdopt() throws Exception {
    Path file = write(ZONE_TEXT);

    ZonePlan plan = reconcile(file, record("host5", RecordType.A, false, "192.0.2.50"));

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.conflicts())
        .singleElement()
        .extracting(RecordPlan::reason)
        .asString()
        .startsWith("exists without an ownership marker (_dnsfailover.host5.example.test.)");
    assertThat(Files.readString(file)).isEqualTo(ZONE_TEXT);
  }

  @Test
  void aManagedCnameInsideAGenerateRangeIsAConflict() throws Exception {
    Path file = write(ZONE_TEXT);

    ZonePlan plan = reconcile(file, record("host6", RecordType.CNAME, true, "www.example.net."));

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.conflicts())
        .singleElement()
        .extracting(RecordPlan::reason)
        .isEqualTo(
            "other records exist at host6.example.test. (A) and a CNAME cannot share its name"
                + " with them; left alone");
    assertThat(Files.readString(file)).isEqualTo(ZONE_TEXT);
  }

  @Test
  void adoptingAGeneratedRecordIsRefusedNamingTheGenerateLine() throws Exception {
    Path file = write(ZONE_TEXT);

    assertThatThrownBy(() -> reconcile(file, record("host5", RecordType.A, true, "192.0.2.50")))
        .isInstanceOfSatisfying(
            ProviderException.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(ProviderException.Kind.INVALID);
              assertThat(failure.getMessage())
                  .startsWith(file + ":6: host5.example.test. A is made by this $GENERATE line");
            });
    assertThat(Files.readString(file)).isEqualTo(ZONE_TEXT);
  }

  @Test
  void aCnameBesideMxOrTxtIsAConflict() throws Exception {
    Path file = write(ZONE_TEXT);

    ZonePlan plan =
        reconcile(
            file,
            record("mail", RecordType.CNAME, true, "mx.example.net."),
            record("notes", RecordType.CNAME, true, "notes.example.net."));

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.conflicts())
        .extracting(RecordPlan::reason)
        .containsExactly(
            "other records exist at mail.example.test. (MX) and a CNAME cannot share its name"
                + " with them; left alone",
            "other records exist at notes.example.test. (TXT) and a CNAME cannot share its name"
                + " with them; left alone");
    assertThat(Files.readString(file)).isEqualTo(ZONE_TEXT);
  }

  @Test
  void contentsReportTheOtherTypesAtTheNamesAskedFor() throws Exception {
    ZoneFileProvider provider = provider(write(ZONE_TEXT));

    ZoneContents contents =
        provider.contents(
            ZONE,
            Set.of(
                new RecordKey(ZONE.name(), RecordType.CNAME),
                key("mail", RecordType.CNAME),
                key("notes", RecordType.A),
                key("host7", RecordType.AAAA)));

    assertThat(contents.recordSets()).isEmpty();
    assertThat(contents.otherTypes())
        .containsExactly(
            Map.entry(ZONE.name(), Set.of("NS", "SOA")), Map.entry(name("mail"), Set.of("MX")));
  }

  @Test
  void aWriteThatWouldPutACnameBesideOtherDataIsRefused() throws Exception {
    Path file = write(ZONE_TEXT);
    ZoneFileProvider provider = provider(file);
    RecordSet mail = RecordSet.of(name("mail"), RecordType.CNAME, 30, List.of("mx.example.net."));
    RecordSet apex = RecordSet.of(ZONE.name(), RecordType.CNAME, 30, List.of("www.example.net."));
    RecordSet host = RecordSet.of(name("host3"), RecordType.CNAME, 30, List.of("www.example.net."));

    assertRefused(provider, file, mail, "mail.example.test. has a CNAME beside MX");
    assertRefused(provider, file, apex, "example.test. has a CNAME beside NS, SOA");
    assertRefused(provider, file, host, "host3.example.test. has a CNAME beside A");
  }

  @Test
  void removingTheAddressOfAnInZoneNameServerIsRefused() throws Exception {
    Path file = write(ZONE_TEXT);
    ZoneFileProvider provider = provider(file);
    RecordSet nameServer = provider.records(ZONE, Set.of(key("ns1", RecordType.A))).getFirst();

    assertThatThrownBy(() -> provider.apply(ZONE, List.of(new Change.Delete(nameServer, "gone"))))
        .isInstanceOfSatisfying(
            ProviderException.class,
            failure ->
                assertThat(failure.getMessage())
                    .isEqualTo(
                        file
                            + ": not written, because a DNS server would refuse to load the zone:"
                            + " name server ns1.example.test. (NS of example.test.) has no address"
                            + " record (A or AAAA)"));
    assertThat(Files.readString(file)).isEqualTo(ZONE_TEXT);
  }

  @Test
  void aFileThatIsAlreadyBrokenIsNotWrittenAndTheMessageSaysSo() throws Exception {
    String broken = ZONE_TEXT + "legacy IN CNAME www.example.net.\nlegacy IN A 192.0.2.9\n";
    Path file = write(broken);
    RecordSet app = RecordSet.of(name("app"), RecordType.A, 30, List.of("192.0.2.10"));

    assertThatThrownBy(() -> provider(file).apply(ZONE, List.of(new Change.Create(app, "new"))))
        .hasMessageEndingWith(
            "legacy.example.test. has a CNAME beside A: a CNAME must be the only record at its"
                + " name (already so before)");
    assertThat(Files.readString(file)).isEqualTo(broken);
  }

  @Test
  void aGenerateRangeTooLargeToReadIsInvalidAtItsLine() throws Exception {
    Path file = write(ZONE_TEXT.replace("1-20", "0-4294967295"));

    assertThatThrownBy(() -> provider(file).records(ZONE, Set.of(key("app", RecordType.A))))
        .isInstanceOfSatisfying(
            ProviderException.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(ProviderException.Kind.INVALID);
              assertThat(failure.getMessage())
                  .startsWith(file + ":6: $GENERATE makes 4294967296 records");
            });
  }

  @Test
  void includeIsStillRefusedAtItsLine() throws Exception {
    Path file = write(ZONE_TEXT + "$INCLUDE other.zone\n");

    assertThatThrownBy(() -> provider(file).records(ZONE, Set.of(key("app", RecordType.A))))
        .isInstanceOfSatisfying(
            ProviderException.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(ProviderException.Kind.INVALID);
              assertThat(failure.getMessage()).startsWith(file + ":9: ").contains("$INCLUDE");
            });
  }

  private void assertRefused(ZoneFileProvider provider, Path file, RecordSet cname, String problem)
      throws Exception {
    String before = Files.readString(file);
    assertThatThrownBy(() -> provider.apply(ZONE, List.of(new Change.Create(cname, "new"))))
        .isInstanceOfSatisfying(
            ProviderException.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(ProviderException.Kind.INVALID);
              assertThat(failure.getMessage())
                  .startsWith(
                      file + ": not written, because a DNS server would refuse to load the zone: ")
                  .contains(problem);
            });
    assertThat(Files.readString(file)).isEqualTo(before);
  }

  /**
   * Reads, plans with the real {@link Planner} (every record publishes its first endpoint) and
   * applies, as the engine does; asserts the file still loads afterwards.
   */
  private static ZonePlan reconcile(Path file, RecordConfig... records) throws Exception {
    ZoneFileProvider provider = provider(file);
    ZoneConfig zone = new ZoneConfig(ZONE.name(), ZONE.provider(), List.of(records));
    Map<RecordKey, Answer> answers = new HashMap<>();
    for (RecordConfig record : records) {
      answers.put(
          record.key(), new Answer.Publish(List.of(record.endpoints().getFirst()), "healthy"));
    }
    ZonePlan plan =
        new Planner(OWNER)
            .plan(
                zone,
                provider.type(),
                provider.capabilities(),
                answers,
                provider.contents(ZONE, Planner.keysToRead(zone)));
    provider.apply(ZONE, plan.changes());
    assertNamedCheckzoneAccepts(file);
    return plan;
  }

  private static RecordConfig record(String label, RecordType type, boolean adopt, String address) {
    CheckSpec check =
        new CheckSpec(
            Duration.ofSeconds(10),
            Duration.ofSeconds(2),
            1,
            1,
            Optional.empty(),
            Optional.empty(),
            new Probe.Tcp("127.0.0.1", 80));
    DnsName name = name(label);
    EndpointConfig endpoint =
        new EndpointConfig(name + "/" + type + "/e1", "e1", address, 1, 1, check);
    return new RecordConfig(
        name, type, 30, Policy.FAILOVER, WhenAllDown.KEEP, adopt, List.of(endpoint));
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

  private static void assertNamedCheckzoneAccepts(Path file) throws Exception {
    NamedCheckzone.assumeAvailable();
    NamedCheckzone.assertAccepts("example.test", file);
  }
}

package io.dnsfailover.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsfailover.spi.Capabilities;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.spi.ZoneContents;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The test-only knobs of {@link InMemoryDnsProvider}: counters, injected failures, batching. */
class InMemoryDnsProviderTest {

  private final Zone zone = new Zone(DnsName.of("example.test."), "memory");
  private final RecordSet app =
      RecordSet.of(DnsName.of("app.example.test."), RecordType.A, 30, List.of("192.0.2.10"));

  @Test
  void countsReadsAndWritesButNotEmptyApplies() throws Exception {
    InMemoryDnsProvider provider = new InMemoryDnsProvider();

    provider.records(zone, Set.of(app.key()));
    provider.apply(zone, List.of());
    provider.apply(zone, List.of(new Change.Create(app, "new")));

    assertThat(provider.readCalls()).isEqualTo(1);
    assertThat(provider.writeCalls()).isEqualTo(1);
    assertThat(provider.appliedChanges()).containsExactly(new Change.Create(app, "new"));
  }

  @Test
  void injectedFailuresApplyNothingThenStop() throws Exception {
    InMemoryDnsProvider provider = new InMemoryDnsProvider();
    provider.failNextApplies(2, ProviderException.Kind.TRANSIENT);
    List<Change> changes = List.of(new Change.Create(app, "new"));

    for (int attempt = 0; attempt < 2; attempt++) {
      assertThatThrownBy(() -> provider.apply(zone, changes))
          .isInstanceOfSatisfying(
              ProviderException.class,
              failure -> assertThat(failure.kind()).isEqualTo(ProviderException.Kind.TRANSIENT));
      assertThat(provider.all(zone)).isEmpty();
    }
    provider.apply(zone, changes);

    assertThat(provider.all(zone)).containsExactly(app);
    assertThat(provider.writeCalls()).isEqualTo(3);
  }

  @Test
  void batchLimitDecidesTheNumberOfWriteCalls() throws Exception {
    InMemoryDnsProvider provider = new InMemoryDnsProvider("memory", new Capabilities(false, 1, 2));
    List<Change> changes =
        List.of("a", "b", "c").stream()
            .map(label -> DnsName.resolve(label, zone.name()))
            .<Change>map(
                name ->
                    new Change.Create(
                        RecordSet.of(name, RecordType.A, 30, List.of("192.0.2.1")), "new"))
            .toList();

    assertThat(provider.apply(zone, changes).writeCalls()).isEqualTo(2);
  }

  @Test
  void ttlBelowTheMinimumIsInvalid() {
    InMemoryDnsProvider provider =
        new InMemoryDnsProvider("memory", new Capabilities(false, 60, 0));

    assertThatThrownBy(() -> provider.apply(zone, List.of(new Change.Create(app, "new"))))
        .isInstanceOfSatisfying(
            ProviderException.class,
            failure -> assertThat(failure.kind()).isEqualTo(ProviderException.Kind.INVALID));
  }

  @Test
  void contentsReportSeededOtherDataAtTheNamesAskedForOnly() throws Exception {
    InMemoryDnsProvider provider = new InMemoryDnsProvider();
    DnsName mail = DnsName.of("mail.example.test.");
    provider.seedOther(zone, mail, "MX");
    provider.seedOther(zone, DnsName.of("srv.example.test."), "SRV");
    provider.seed(zone, app);

    ZoneContents contents =
        provider.contents(zone, Set.of(app.key(), new RecordKey(mail, RecordType.CNAME)));

    assertThat(contents.recordSets()).containsExactly(app);
    assertThat(contents.otherTypes()).containsExactly(Map.entry(mail, Set.of("MX")));
    assertThat(provider.readCalls()).isEqualTo(1);
  }

  @Test
  void aBatchThatLeavesACnameBesideOtherDataIsInvalidAndAppliesNothing() throws Exception {
    InMemoryDnsProvider provider = new InMemoryDnsProvider();
    DnsName mail = DnsName.of("mail.example.test.");
    provider.seedOther(zone, mail, "MX");
    RecordSet mailAlias = RecordSet.of(mail, RecordType.CNAME, 30, List.of("mx.example.net."));
    RecordSet appAlias =
        RecordSet.of(app.name(), RecordType.CNAME, 30, List.of("www.example.net."));
    provider.seed(zone, app);

    for (Change change :
        List.<Change>of(new Change.Create(mailAlias, "new"), new Change.Create(appAlias, "new"))) {
      assertThatThrownBy(() -> provider.apply(zone, List.of(change)))
          .isInstanceOfSatisfying(
              ProviderException.class,
              failure -> {
                assertThat(failure.kind()).isEqualTo(ProviderException.Kind.INVALID);
                assertThat(failure.getMessage()).contains("a CNAME cannot share its name");
              });
    }
    assertThat(provider.all(zone)).containsExactly(app);

    provider.apply(
        zone, List.of(new Change.Delete(app, "gone"), new Change.Create(appAlias, "new")));

    assertThat(provider.all(zone)).containsExactly(appAlias);
  }
}

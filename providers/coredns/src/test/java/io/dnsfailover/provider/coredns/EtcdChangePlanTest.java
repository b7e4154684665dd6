package io.dnsfailover.provider.coredns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsfailover.provider.coredns.EtcdKv.Entry;
import io.dnsfailover.provider.coredns.EtcdKv.Guard;
import io.dnsfailover.provider.coredns.EtcdKv.Write;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.ProviderException.Kind;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Planning alone, from a name's state as etcd would hold it: which keys a change puts and deletes
 * and which compares guard them. (Committing them: {@link EtcdTransactionsTest}; all of it against
 * a real etcd served by CoreDNS's rules: CoreDnsServingTest, CoreDnsFailoverTest.)
 */
class EtcdChangePlanTest {

  private static final Zone ZONE = new Zone(DnsName.of("example.test."), "dns");
  private static final DnsName APP = DnsName.of("app.example.test.");
  private static final DnsName MARKER = DnsName.of("_dnsfailover.app.example.test.");
  private static final SkyDnsLayout LAYOUT = new SkyDnsLayout("/skydns", "/dnsfailover");
  private static final String PATH = "/skydns/test/example/app";
  private static final String LEDGER = "/dnsfailover/keys/test/example/app";
  private static final String MARKER_KEY = "/dnsfailover/owners/test/example/app";

  private final ReadSnapshots lastRead = new ReadSnapshots();

  @Test
  void aCreateOnAnEmptyNamePutsOneKeyPerValueAndTheLedgerEachGuardedAbsent() throws Exception {
    EtcdChangePlan plan = plan(state(), create(a(20, "192.0.2.10", "192.0.2.11")));

    String first = valueKey("192.0.2.10");
    String second = valueKey("192.0.2.11");
    assertThat(plan.name()).isEqualTo(APP);
    assertThat(plan.guards())
        .containsExactly(
            new Guard.Absent(first), new Guard.Absent(second), new Guard.Absent(LEDGER));
    assertThat(plan.writes())
        .containsExactly(
            new Write.Put(first, EtcdValues.encode(RecordType.A, "192.0.2.10", 20)),
            new Write.Put(second, EtcdValues.encode(RecordType.A, "192.0.2.11", 20)),
            new Write.Put(LEDGER, EtcdValues.encodeLedger(new TreeSet<>(List.of(first, second)))));
  }

  @Test
  void anUpdateGuardsEveryKeyItHoldsAtItsRevisionAndTouchesOnlyWhatChanges() throws Exception {
    String kept = valueKey("192.0.2.10");
    String gone = valueKey("192.0.2.11");
    String added = valueKey("192.0.2.12");
    NameState state =
        state(
            List.of(ours(kept, "192.0.2.10", 20, 7), ours(gone, "192.0.2.11", 20, 8)),
            Optional.empty(),
            ledger(9, kept, gone));

    EtcdChangePlan plan =
        plan(
            state,
            new Change.Update(
                a(20, "192.0.2.10", "192.0.2.11"), a(20, "192.0.2.10", "192.0.2.12"), "test"));

    assertThat(plan.guards())
        .containsExactlyInAnyOrder(
            new Guard.Unchanged(kept, 7),
            new Guard.Unchanged(gone, 8),
            new Guard.Absent(added),
            new Guard.Unchanged(LEDGER, 9));
    assertThat(plan.writes())
        .containsExactly(
            new Write.Put(added, EtcdValues.encode(RecordType.A, "192.0.2.12", 20)),
            new Write.Delete(gone),
            new Write.Put(LEDGER, EtcdValues.encodeLedger(new TreeSet<>(List.of(kept, added)))));
  }

  @Test
  void aNewTtlRewritesEveryKeyButNotTheLedger() throws Exception {
    String key = valueKey("192.0.2.10");
    NameState state =
        state(List.of(ours(key, "192.0.2.10", 20, 7)), Optional.empty(), ledger(9, key));

    EtcdChangePlan plan =
        plan(state, new Change.Update(a(20, "192.0.2.10"), a(60, "192.0.2.10"), "ttl"));

    assertThat(plan.guards()).containsExactly(new Guard.Unchanged(key, 7));
    assertThat(plan.writes())
        .containsExactly(new Write.Put(key, EtcdValues.encode(RecordType.A, "192.0.2.10", 60)));
  }

  @Test
  void deletingTheLastRecordDeletesItsKeysAndTheLedger() throws Exception {
    String key = valueKey("192.0.2.10");
    NameState state =
        state(List.of(ours(key, "192.0.2.10", 20, 7)), Optional.empty(), ledger(9, key));

    EtcdChangePlan plan = plan(state, new Change.Delete(a(20, "192.0.2.10"), "gone"));

    assertThat(plan.guards())
        .containsExactly(new Guard.Unchanged(key, 7), new Guard.Unchanged(LEDGER, 9));
    assertThat(plan.writes()).containsExactly(new Write.Delete(key), new Write.Delete(LEDGER));
  }

  @Test
  void theMarkerLivesUnderTheOwnerPrefixGuardedLikeAnyKey() throws Exception {
    RecordSet marker =
        RecordSet.of(MARKER, RecordType.TXT, 20, List.of("heritage=dnsfailover,owner=test"));

    EtcdChangePlan created = plan(state(), new Change.Create(marker, "own"));
    assertThat(created.guards()).containsExactly(new Guard.Absent(MARKER_KEY));
    assertThat(created.writes())
        .containsExactly(
            new Write.Put(MARKER_KEY, EtcdValues.encodeMarker(MARKER, 20, marker.values())));

    NameState owned =
        state(
            List.of(),
            Optional.of(
                new Entry(MARKER_KEY, EtcdValues.encodeMarker(MARKER, 20, marker.values()), 5)),
            Optional.empty());
    EtcdChangePlan deleted = plan(owned, new Change.Delete(marker, "disown"));
    assertThat(deleted.guards()).containsExactly(new Guard.Unchanged(MARKER_KEY, 5));
    assertThat(deleted.writes()).containsExactly(new Write.Delete(MARKER_KEY));
  }

  @Test
  void aChangeThatDoesNotFindItsBeforeIsAConflict() {
    String key = valueKey("192.0.2.10");
    NameState state =
        state(List.of(ours(key, "192.0.2.10", 20, 7)), Optional.empty(), ledger(9, key));

    assertThatThrownBy(() -> plan(state, create(a(20, "192.0.2.99"))))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT))
        .hasMessage(
            "coredns: app.example.test. A changed since it was read: etcd holds "
                + a(20, "192.0.2.10")
                + ", the change expected nothing");
  }

  @Test
  void keysRewrittenSinceTheLastReadAreAConflictEvenWithEqualValues() throws Exception {
    String key = valueKey("192.0.2.10");
    RecordKey recordKey = new RecordKey(APP, RecordType.A);
    NameState read =
        state(List.of(ours(key, "192.0.2.10", 20, 7)), Optional.empty(), ledger(9, key));
    lastRead.remember(ZONE, recordKey, read.current(recordKey), read.revisions(recordKey));
    NameState rewritten =
        state(List.of(ours(key, "192.0.2.10", 20, 12)), Optional.empty(), ledger(9, key));

    assertThatThrownBy(() -> plan(rewritten, new Change.Delete(a(20, "192.0.2.10"), "gone")))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT))
        .hasMessageContaining("was rewritten since it was read (etcd mod revision moved)");
    // The same delete planned from that read goes through.
    assertThat(plan(read, new Change.Delete(a(20, "192.0.2.10"), "gone")).writes())
        .contains(new Write.Delete(key));
  }

  @Test
  void keysDnsfailoverDidNotWriteAreNeverChanged() {
    String foreign = PATH + "/externaldns1";
    NameState state =
        state(
            List.of(new Entry(foreign, EtcdValues.encode(RecordType.A, "192.0.2.10", 20), 4)),
            Optional.empty(),
            Optional.empty());

    assertThatThrownBy(
            () -> plan(state, new Change.Update(a(20, "192.0.2.10"), a(20, "192.0.2.20"), "adopt")))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID))
        .hasMessageContaining("is served from keys dnsfailover did not write (" + foreign + ")");
  }

  @Test
  void aKeyNeededThatHoldsSomethingElseIsAConflict() {
    String key = valueKey("192.0.2.10");
    NameState state =
        state(
            List.of(new Entry(key, EtcdValues.encode(RecordType.TXT, "hello", 20), 4)),
            Optional.empty(),
            Optional.empty());

    assertThatThrownBy(() -> plan(state, create(a(20, "192.0.2.10"))))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT))
        .hasMessageContaining("needs the key " + key + ", which already holds something else");
  }

  @Test
  void keysCoreDnsCannotReadMakeTheNameUnwritable() {
    NameState state =
        state(
            List.of(new Entry(PATH + "/broken", "{not json", 4)),
            Optional.empty(),
            Optional.empty());

    assertThatThrownBy(() -> plan(state, create(a(20, "192.0.2.10"))))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID))
        .hasMessageContaining("has keys CoreDNS cannot read, so it answers SERVFAIL")
        .hasMessageContaining(PATH + "/broken");
  }

  private EtcdChangePlan plan(NameState state, Change... changes) throws ProviderException {
    return EtcdChangePlan.of(ZONE, state, List.of(changes), LAYOUT, lastRead);
  }

  private static NameState state() {
    return state(List.of(), Optional.empty(), Optional.empty());
  }

  private static NameState state(
      List<Entry> below, Optional<Entry> marker, Optional<Entry> ledger) {
    return new NameState(APP, PATH, new ArrayList<>(below), List.of(), marker, ledger);
  }

  private static Entry ours(String key, String address, int ttl, long modRevision) {
    return new Entry(key, EtcdValues.encode(RecordType.A, address, ttl), modRevision);
  }

  private static Optional<Entry> ledger(long modRevision, String... keys) {
    return Optional.of(new Entry(LEDGER, EtcdValues.encodeLedger(List.of(keys)), modRevision));
  }

  private static String valueKey(String address) {
    return SkyDnsLayout.valueKey(PATH, RecordType.A, address);
  }

  private static RecordSet a(int ttl, String... addresses) {
    return RecordSet.of(APP, RecordType.A, ttl, List.of(addresses));
  }

  private static Change create(RecordSet recordSet) {
    return new Change.Create(recordSet, "new");
  }
}

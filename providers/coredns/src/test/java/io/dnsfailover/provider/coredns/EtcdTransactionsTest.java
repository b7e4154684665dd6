package io.dnsfailover.provider.coredns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsfailover.provider.coredns.EtcdKv.Guard;
import io.dnsfailover.provider.coredns.EtcdKv.Write;
import io.dnsfailover.spi.ApplyResult;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.ProviderException.Kind;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How name plans become etcd transactions: as few as {@code maxTxnOps} allows, never splitting a
 * name, each carrying the fence; and what a failure says. On an in-memory etcd that applies
 * compares as etcd does (the same against a real etcd: CoreDnsFencedApplyTest, CoreDnsServingTest).
 */
class EtcdTransactionsTest {

  private static final String LEADER = "/dnsfailover/cluster/test/leader/1234";

  private final InMemoryEtcdKv etcd = new InMemoryEtcdKv();

  @Test
  void whatFitsIsOneTransactionAndTheFenceIsItsFirstCompare() throws Exception {
    Guard.Created fence = elect();
    EtcdChangePlan a = creating("a", 2);
    EtcdChangePlan b = creating("b", 2);

    ApplyResult result = new EtcdTransactions(etcd, 8).commit(List.of(a, b), Optional.of(fence));

    assertThat(result.writeCalls()).isEqualTo(1);
    assertThat(result.applied()).containsExactlyElementsOf(changes(a, b));
    List<Guard> expected = new ArrayList<>(List.of(fence));
    expected.addAll(a.guards());
    expected.addAll(b.guards());
    assertThat(etcd.commits()).containsExactly(expected);
    assertThat(etcd.dump()).containsKeys("/a/0", "/a/1", "/b/0", "/b/1");
  }

  @Test
  void plansOverMaxTxnOpsAreSplitBetweenNamesAndEveryTransactionIsFenced() throws Exception {
    Guard.Created fence = elect();
    // 3 guards each plus the fence: one name per transaction of at most 4 compares.
    EtcdChangePlan a = creating("a", 3);
    EtcdChangePlan b = creating("b", 3);

    ApplyResult result = new EtcdTransactions(etcd, 4).commit(List.of(a, b), Optional.of(fence));

    assertThat(result.writeCalls()).isEqualTo(2);
    assertThat(etcd.commits())
        .hasSize(2)
        .allSatisfy(guards -> assertThat(guards).startsWith(fence));
    assertThat(etcd.commits().get(0))
        .containsAll(a.guards())
        .doesNotContainAnyElementsOf(b.guards());
    assertThat(etcd.dump()).hasSize(7); // the leader key and six values
  }

  @Test
  void withoutAFenceOnlyThePlansGuardsAreCompared() throws Exception {
    EtcdChangePlan a = creating("a", 2);

    new EtcdTransactions(etcd, 8).commit(List.of(a), Optional.empty());

    assertThat(etcd.commits()).containsExactly(a.guards());
  }

  @Test
  void oneNameNeedingMoreThanMaxTxnOpsIsInvalidAndNothingIsWritten() {
    Guard.Created fence = elect();
    EtcdChangePlan small = creating("a", 1);
    EtcdChangePlan big = creating("b", 8);

    assertThatThrownBy(
            () -> new EtcdTransactions(etcd, 8).commit(List.of(small, big), Optional.of(fence)))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID))
        .hasMessage(
            "coredns: the changes to b.example.test. need 9 operations in one etcd transaction,"
                + " more than maxTxnOps (8); raise etcd's --max-txn-ops and maxTxnOps, or publish"
                + " fewer values");
    assertThat(etcd.commits()).isEmpty();
  }

  @Test
  void aLaterTransactionThatFindsEtcdChangedIsAConflictNamingWhatWasApplied() {
    EtcdChangePlan a = creating("a", 2);
    EtcdChangePlan b = creating("b", 2);
    etcd.put("/b/1", "someone else's");

    assertThatThrownBy(() -> new EtcdTransactions(etcd, 2).commit(List.of(a, b), Optional.empty()))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT))
        .hasMessage(
            "coredns: another writer changed b.example.test. in etcd between our read and our"
                + " write; nothing of it was written (already applied in earlier transactions:"
                + " a.example.test. A)");
    assertThat(etcd.dump()).containsOnlyKeys("/a/0", "/a/1", "/b/1");
  }

  @Test
  void aWriterWhoseElectionKeyIsGoneIsRefusedAndNothingIsWritten() {
    Guard.Created fence = elect();
    etcd.delete(LEADER);

    assertThatThrownBy(
            () ->
                new EtcdTransactions(etcd, 8).commit(List.of(creating("a", 1)), Optional.of(fence)))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TRANSIENT))
        .hasMessage(
            "coredns: write refused: no longer the leader (election key "
                + LEADER
                + " is gone); etcd wrote nothing of this transaction");
    assertThat(etcd.dump()).isEmpty();
  }

  @Test
  void aWriterWhoseElectionKeyWasRecreatedIsRefusedToo() {
    Guard.Created fence = elect();
    etcd.delete(LEADER);
    etcd.put(LEADER, "m1");

    assertThatThrownBy(
            () ->
                new EtcdTransactions(etcd, 8).commit(List.of(creating("a", 1)), Optional.of(fence)))
        .hasMessageContaining("write refused: no longer the leader (election key")
        .hasMessageContaining(" was replaced)");
  }

  @Test
  void plansWithoutWritesAreAppliedWithoutACall() throws Exception {
    Change change = create("a");
    EtcdChangePlan unchanged =
        new EtcdChangePlan(
            DnsName.of("a.example.test."),
            List.of(change),
            List.of(new Guard.Absent("/a/0")),
            List.of());

    ApplyResult result = new EtcdTransactions(etcd, 8).commit(List.of(unchanged), Optional.empty());

    assertThat(result.writeCalls()).isZero();
    assertThat(result.applied()).containsExactly(change);
    assertThat(etcd.commits()).isEmpty();
  }

  private Guard.Created elect() {
    etcd.put(LEADER, "m0");
    return new Guard.Created(LEADER, etcd.createRevision(LEADER));
  }

  /** A name's plan that puts {@code keys} new keys, {@code /<label>/<n>}, each guarded absent. */
  private static EtcdChangePlan creating(String label, int keys) {
    List<Guard> guards = new ArrayList<>();
    List<Write> writes = new ArrayList<>();
    for (int i = 0; i < keys; i++) {
      guards.add(new Guard.Absent("/" + label + "/" + i));
      writes.add(new Write.Put("/" + label + "/" + i, "{}"));
    }
    return new EtcdChangePlan(
        DnsName.of(label + ".example.test."), List.of(create(label)), guards, writes);
  }

  private static Change create(String label) {
    return new Change.Create(
        RecordSet.of(DnsName.of(label + ".example.test."), RecordType.A, 30, List.of("192.0.2.1")),
        "test");
  }

  private static List<Change> changes(EtcdChangePlan... plans) {
    List<Change> changes = new ArrayList<>();
    for (EtcdChangePlan plan : plans) {
      changes.addAll(plan.changes());
    }
    return changes;
  }
}

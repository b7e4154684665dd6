package io.dnsfailover.provider.coredns;

import io.dnsfailover.provider.coredns.EtcdKv.Guard;
import io.dnsfailover.provider.coredns.EtcdKv.Write;
import io.dnsfailover.spi.ApplyResult;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.ProviderException.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Commits name plans in as few etcd transactions as {@code maxTxnOps} allows: one when they fit,
 * otherwise split between names, never inside one (a name's keys, marker and ledger change
 * together). Each transaction writes only if every guard of its plans holds, plus the fence's
 * {@link Guard.Created} when there is one; a failure part-way says which changes were already
 * applied.
 */
final class EtcdTransactions {

  private final EtcdKv etcd;
  private final int maxTxnOps;

  EtcdTransactions(EtcdKv etcd, int maxTxnOps) {
    this.etcd = etcd;
    this.maxTxnOps = maxTxnOps;
  }

  /** Commits {@code plans}; {@code fence}, when present, is a compare of every transaction. */
  ApplyResult commit(List<EtcdChangePlan> plans, Optional<Guard.Created> fence)
      throws ProviderException {
    List<List<EtcdChangePlan>> transactions = split(plans, fence.isPresent() ? 1 : 0);
    List<Change> applied = new ArrayList<>();
    int calls = 0;
    for (List<EtcdChangePlan> transaction : transactions) {
      List<Guard> txnGuards = new ArrayList<>(fence.stream().toList());
      List<Write> txnWrites = new ArrayList<>();
      List<Change> txnChanges = new ArrayList<>();
      for (EtcdChangePlan plan : transaction) {
        txnGuards.addAll(plan.guards());
        txnWrites.addAll(plan.writes());
        txnChanges.addAll(plan.changes());
      }
      if (txnWrites.isEmpty()) {
        applied.addAll(txnChanges);
        continue;
      }
      boolean succeeded;
      try {
        succeeded = etcd.commit(txnGuards, txnWrites);
      } catch (ProviderException e) {
        throw new ProviderException(e.kind(), e.getMessage() + alreadyApplied(applied), e, applied);
      }
      calls++;
      if (!succeeded && fence.isPresent()) {
        refuseIfDeposed(fence.get(), applied);
      }
      if (!succeeded) {
        throw new ProviderException(
            Kind.CONFLICT,
            "coredns: another writer changed "
                + transaction.stream().map(p -> p.name().value()).collect(Collectors.joining(", "))
                + " in etcd between our read and our write; nothing of it was written"
                + alreadyApplied(applied),
            null,
            applied);
      }
      applied.addAll(txnChanges);
    }
    return new ApplyResult(applied, calls);
  }

  /**
   * The plans grouped into transactions of at most {@code maxTxnOps} guards and as many writes;
   * each transaction also holds {@code fenceOps} fence guards. INVALID when one name alone needs
   * more.
   */
  private List<List<EtcdChangePlan>> split(List<EtcdChangePlan> plans, int fenceOps)
      throws ProviderException {
    List<List<EtcdChangePlan>> transactions = new ArrayList<>();
    List<EtcdChangePlan> current = new ArrayList<>();
    int guards = fenceOps;
    int writes = 0;
    for (EtcdChangePlan plan : plans) {
      int max = maxTxnOps;
      if (fenceOps + plan.guards().size() > max || plan.writes().size() > max) {
        throw new ProviderException(
            Kind.INVALID,
            "coredns: the changes to "
                + plan.name()
                + " need "
                + Math.max(fenceOps + plan.guards().size(), plan.writes().size())
                + " operations in one etcd transaction, more than maxTxnOps ("
                + max
                + "); raise etcd's --max-txn-ops and maxTxnOps, or publish fewer values");
      }
      if (!current.isEmpty()
          && (guards + plan.guards().size() > max || writes + plan.writes().size() > max)) {
        transactions.add(current);
        current = new ArrayList<>();
        guards = fenceOps;
        writes = 0;
      }
      current.add(plan);
      guards += plan.guards().size();
      writes += plan.writes().size();
    }
    transactions.add(current);
    return transactions;
  }

  /**
   * After a failed transaction: throws "write refused" when the fence's key is gone or was
   * recreated (the writer no longer leads), so the failure is not mistaken for a record conflict.
   * TRANSIENT, like the cluster's other refusals: CONFLICT would make the engine read and plan the
   * zone again only to be refused by the next fence, and AUTH would point at credentials.
   */
  private void refuseIfDeposed(Guard.Created fence, List<Change> applied) throws ProviderException {
    long createRevision;
    try {
      createRevision = etcd.probe(fence.key()).createRevision();
    } catch (ProviderException e) {
      throw new ProviderException(
          Kind.TRANSIENT,
          "coredns: etcd refused the write (nothing of it was written) and re-reading the leader"
              + " key to tell why failed: "
              + e.getMessage()
              + alreadyApplied(applied),
          e,
          applied);
    }
    if (createRevision != fence.createRevision()) {
      throw new ProviderException(
          Kind.TRANSIENT,
          "coredns: write refused: no longer the leader (election key "
              + fence.key()
              + (createRevision == 0 ? " is gone" : " was replaced")
              + "); etcd wrote nothing of this transaction"
              + alreadyApplied(applied),
          null,
          applied);
    }
  }

  private static String alreadyApplied(List<Change> applied) {
    if (applied.isEmpty()) {
      return "";
    }
    return " (already applied in earlier transactions: "
        + applied.stream().map(c -> c.key().toString()).collect(Collectors.joining(", "))
        + ")";
  }
}

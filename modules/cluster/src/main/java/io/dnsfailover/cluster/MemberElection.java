package io.dnsfailover.cluster;

import io.dnsfailover.cluster.ClusterEtcd.Candidate;
import io.dnsfailover.cluster.ClusterEtcd.Leadership;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member's part in etcd's election: it campaigns with its lease (etcd answers once its candidate
 * key, the lowest create revision under the election, leads), reads who leads, and resigns when it
 * leaves. Whether it leads is kept in the {@link Standing}, with the lease it was won on.
 */
final class MemberElection {

  private static final Logger log = LoggerFactory.getLogger(MemberElection.class);

  private final ClusterEtcd etcd;
  private final Standing standing;
  private final String election;
  private final String member;
  private final Duration requestTimeout;
  private final BooleanSupplier stopped;
  private final Runnable changed;

  /**
   * @param election the election's name ({@link ClusterKeys#election})
   * @param stopped true once the member is leaving: no campaign is started then
   * @param changed called when this member was elected: a reconcile is due
   */
  MemberElection(
      ClusterEtcd etcd,
      Standing standing,
      String election,
      String member,
      Duration requestTimeout,
      BooleanSupplier stopped,
      Runnable changed) {
    this.etcd = etcd;
    this.standing = standing;
    this.election = election;
    this.member = member;
    this.requestTimeout = requestTimeout;
    this.stopped = stopped;
    this.changed = changed;
  }

  /** Campaigns with the lease, unless there is none, or a campaign is under way, or leaving. */
  void campaignIfIdle() {
    if (stopped.getAsBoolean()) {
      return;
    }
    CompletableFuture<Void> settled = new CompletableFuture<>();
    standing
        .campaign(settled, lease -> etcd.campaign(election, lease, member))
        .ifPresent(
            started ->
                started.whenComplete(
                    (won, error) -> {
                      try {
                        takeIn(settled, won, error);
                      } finally {
                        settled.complete(null);
                      }
                    }));
  }

  /** A campaign's answer: elected (when its lease is still ours), or failed and retried later. */
  private void takeIn(CompletableFuture<Void> settled, Leadership won, Throwable error) {
    if (error != null) {
      standing.campaignFailed(settled); // retried on the next keeper step
      if (!stopped.getAsBoolean()) {
        log.debug("cluster member {}: campaign failed: {}", member, error.toString());
      }
      return;
    }
    if (standing.elected(settled, won)) {
      log.info("cluster member {}: elected leader", member);
      changed.run();
    }
  }

  /** The leading candidate, or empty when there is none. A linearizable read. */
  Optional<Candidate> leader() throws EtcdUnavailable {
    return etcd.leader(election);
  }

  /**
   * Whether {@code leader} is this member's candidate. When it is on {@code lease} (the member's
   * lease when it started deciding) but not known as won yet, etcd's answer to the campaign is on
   * its way: waits for it (at most {@code requestTimeout}) first.
   */
  boolean isMine(Candidate leader, long lease) {
    if (leader.lease() == lease && !standing.isMine(leader)) {
      awaitCampaign();
    }
    return standing.isMine(leader);
  }

  /** Our candidate key is gone (deleted, or the lease ended): campaign again. */
  void forgetLeadershipIfTaken(Optional<Candidate> leader) {
    if (standing.forgetLeadership()) {
      log.warn(
          "cluster member {}: no longer leads{}",
          member,
          leader.map(candidate -> "; " + candidate.member() + " does").orElse(""));
    }
  }

  /** Gives up the leadership, so the next candidate leads at once. */
  void resign(Leadership leadership) throws EtcdUnavailable {
    etcd.resign(election, leadership);
  }

  private void awaitCampaign() {
    Optional<CompletableFuture<Void>> pending = standing.pendingCampaign();
    if (pending.isEmpty()) {
      return;
    }
    try {
      pending.get().get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // not answered yet: this reconcile holds, the answer wakes the next one
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

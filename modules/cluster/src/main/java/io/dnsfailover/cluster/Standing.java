package io.dnsfailover.cluster;

import io.dnsfailover.cluster.ClusterEtcd.Candidate;
import io.dnsfailover.cluster.ClusterEtcd.Leadership;
import io.dnsfailover.spi.Ticker;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/**
 * What a member knows of its own lease and candidacy, changed only in whole steps under one
 * monitor: the keeper ({@link MemberLease}), campaign answers ({@link MemberElection}), the
 * reconcile thread and applies all see either the state before a step or after it. A lease that is
 * replaced or lost ends the candidacy it carried in the same step.
 *
 * <p>A member counts itself leader only while its lease is fresh by its own monotonic clock: less
 * than {@code leaseTtl} since the last successful renewal was <em>sent</em>, so it stops before
 * etcd could have let the lease expire, whatever the clocks of other machines say.
 */
final class Standing {

  /** What {@link #lost} ended. */
  enum Loss {
    /** Nothing: that lease had already been replaced. */
    NONE,
    /** The lease. */
    LEASE,
    /** The lease and the leadership it carried. */
    LEADERSHIP
  }

  /** What a member gives up when it leaves: {@link #leave}. */
  record Leaving(Optional<Leadership> leadership, long lease, long abandoned) {}

  private final Ticker ticker;
  private final long ttlNanos;

  private long lease;
  private long renewedAtNanos;
  // Given up when it could not be renewed; etcd may still hold it: revoked before a new grant.
  private long abandoned;
  private CompletableFuture<Void> campaign; // completes once its answer has been taken in
  private Leadership leadership;

  Standing(Ticker ticker, Duration leaseTtl) {
    this.ticker = ticker;
    this.ttlNanos = leaseTtl.toNanos();
  }

  /** The lease this member holds, 0 when none. */
  synchronized long lease() {
    return lease;
  }

  /** Whether this member leads, by its own records (no etcd call). */
  synchronized boolean leads() {
    return leadership != null && fresh();
  }

  /** The leadership this member holds now, while it {@link #leads}. */
  synchronized Optional<Leadership> leadership() {
    return leads() ? Optional.of(leadership) : Optional.empty();
  }

  /** Whether {@code leader}, as etcd holds it, is the candidate this member won with. */
  synchronized boolean isMine(Candidate leader) {
    return leads()
        && leader.key().equals(leadership.key())
        && leader.createRevision() == leadership.createRevision();
  }

  /** A new lease, granted for a request sent at {@code sentAtNanos}; no candidacy yet. */
  synchronized void granted(long lease, long sentAtNanos) {
    this.lease = lease;
    this.renewedAtNanos = sentAtNanos;
    this.leadership = null;
    this.campaign = null;
  }

  /** {@code lease} renewed by a request sent at {@code sentAtNanos}, if it is still the lease. */
  synchronized void renewed(long lease, long sentAtNanos) {
    if (this.lease == lease) {
      this.renewedAtNanos = sentAtNanos;
    }
  }

  /** Whether {@code leaseTtl} has passed since the last renewal was sent. */
  synchronized boolean renewalOverdue() {
    return ticker.nanoTime() - renewedAtNanos >= ttlNanos;
  }

  /**
   * Gives up {@code lease}, if it is still the lease, with the candidacy it carried; it is kept as
   * abandoned, to revoke before the next grant.
   */
  synchronized Loss lost(long lease) {
    if (this.lease != lease) {
      return Loss.NONE;
    }
    boolean led = leadership != null;
    abandoned = lease;
    this.lease = 0;
    leadership = null;
    campaign = null;
    return led ? Loss.LEADERSHIP : Loss.LEASE;
  }

  /** The lease given up earlier that etcd may still hold, 0 when none. */
  synchronized long abandoned() {
    return abandoned;
  }

  synchronized void abandonedRevoked() {
    abandoned = 0;
  }

  /**
   * Starts a campaign with the lease, through {@code campaign}, unless there is no lease or one is
   * under way; {@code settled} completes once its answer is taken in. Empty when none was started.
   */
  synchronized <T> Optional<CompletableFuture<T>> campaign(
      CompletableFuture<Void> settled, LongFunction<CompletableFuture<T>> campaign) {
    if (lease == 0 || this.campaign != null) {
      return Optional.empty();
    }
    CompletableFuture<T> started = campaign.apply(lease);
    this.campaign = settled;
    return Optional.of(started);
  }

  /** The campaign in flight, if any. */
  synchronized Optional<CompletableFuture<Void>> pendingCampaign() {
    return Optional.ofNullable(campaign);
  }

  /**
   * The answer to the campaign {@code settled} stands for: elected when that campaign is still the
   * current one and its candidate is on the current lease. Returns whether this member now leads.
   */
  synchronized boolean elected(CompletableFuture<Void> settled, Leadership won) {
    if (campaign != settled || won.lease() != lease) {
      return false; // a lease or campaign that has since been replaced
    }
    leadership = won;
    return true;
  }

  /** The campaign {@code settled} stands for failed: campaign again, unless it was replaced. */
  synchronized void campaignFailed(CompletableFuture<Void> settled) {
    if (campaign == settled) {
      campaign = null;
    }
  }

  /** Our candidate key is gone (deleted, or its lease ended): returns whether we had one. */
  synchronized boolean forgetLeadership() {
    if (leadership == null) {
      return false;
    }
    leadership = null;
    campaign = null;
    return true;
  }

  /** Everything this member holds, taken away: it is leaving. */
  synchronized Leaving leave() {
    Leaving leaving = new Leaving(Optional.ofNullable(leadership), lease, abandoned);
    leadership = null;
    campaign = null;
    lease = 0;
    abandoned = 0;
    return leaving;
  }

  private boolean fresh() {
    return lease != 0 && ticker.nanoTime() - renewedAtNanos < ttlNanos;
  }
}

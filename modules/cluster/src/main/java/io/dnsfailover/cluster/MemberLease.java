package io.dnsfailover.cluster;

import io.dnsfailover.spi.Ticker;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a member's etcd lease: one {@link #keep} per keeper step (every third of {@code leaseTtl})
 * grants a lease when there is none, or renews the one there is. The member's view and candidacy
 * live on that lease, so they end when it does.
 *
 * <p>A renewal that fails does not end the lease at once: only when none has succeeded for {@code
 * leaseTtl} (by the member's {@link Ticker}, from when the last good one was sent) does the member
 * give the lease up, and it revokes that lease before taking a new one (see {@link
 * #revokeAbandoned}).
 */
final class MemberLease {

  private static final Logger log = LoggerFactory.getLogger(MemberLease.class);

  private final ClusterEtcd etcd;
  private final Standing standing;
  private final Ticker ticker;
  private final String member;
  private final Duration ttl;
  private final Runnable changed;

  /**
   * @param changed called after a lease was granted or lost (not under any lock): the member's
   *     published view is void, and a reconcile is due
   */
  MemberLease(
      ClusterEtcd etcd,
      Standing standing,
      Ticker ticker,
      String member,
      Duration ttl,
      Runnable changed) {
    this.etcd = etcd;
    this.standing = standing;
    this.ticker = ticker;
    this.member = member;
    this.ttl = ttl;
    this.changed = changed;
  }

  /** One keeper step: grants a lease when there is none, else renews it. */
  void keep() {
    long lease = standing.lease();
    long sent = ticker.nanoTime();
    if (lease == 0) {
      if (!revokeAbandoned()) {
        return;
      }
      try {
        long granted = etcd.grant(ttl);
        standing.granted(granted, sent);
        log.info("cluster member {}: lease {} granted", member, Long.toHexString(granted));
        changed.run();
      } catch (EtcdUnavailable e) {
        log.debug("cluster member {}: no lease: {}", member, e.getMessage());
      }
      return;
    }
    try {
      if (etcd.keepAlive(lease) <= 0) {
        lost(lease, "etcd says the lease expired");
        return;
      }
      standing.renewed(lease, sent);
    } catch (EtcdUnavailable e) {
      if (standing.renewalOverdue()) {
        lost(lease, "could not renew it within leaseTtl (" + e.getMessage() + ")");
      }
    }
  }

  private void lost(long lease, String why) {
    Standing.Loss loss = standing.lost(lease);
    if (loss == Standing.Loss.NONE) {
      return;
    }
    log.warn(
        "cluster member {}: lost lease {}: {}{}",
        member,
        Long.toHexString(lease),
        why,
        loss == Standing.Loss.LEADERSHIP ? "; no longer leads" : "");
    changed.run();
  }

  /**
   * Revokes the lease this member gave up because it could not renew it, before it takes a new one.
   * etcd may still hold that lease when it answers again (a new etcd leader even extends every
   * lease by a full TTL), and with it this member's old view and candidate key: that key would go
   * on leading, for up to one more {@code leaseTtl}, a member that no longer counts itself leader.
   * Returns whether no such lease is left; a revoke that fails is tried again on the next step.
   */
  private boolean revokeAbandoned() {
    long abandoned = standing.abandoned();
    if (abandoned == 0) {
      return true;
    }
    try {
      if (etcd.revoke(abandoned)) {
        log.info(
            "cluster member {}: revoked lease {}, given up earlier, with its old candidacy",
            member,
            Long.toHexString(abandoned));
      }
    } catch (EtcdUnavailable e) {
      log.debug(
          "cluster member {}: cannot revoke lease {} yet: {}",
          member,
          Long.toHexString(abandoned),
          e.getMessage());
      return false;
    }
    standing.abandonedRevoked();
    return true;
  }
}

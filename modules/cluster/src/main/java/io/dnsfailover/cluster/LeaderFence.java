package io.dnsfailover.cluster;

import io.dnsfailover.cluster.ClusterEtcd.Candidate;
import io.dnsfailover.spi.Fence;
import io.dnsfailover.spi.ProviderException;
import java.util.Optional;

/**
 * The {@link Fence} of a member's leadership: what {@link FencedDnsProvider} hands each apply. Its
 * key guard names the election key the member won with, in the etcd cluster that elected it (for a
 * provider on that same etcd to compare in its write transaction); {@link Fence#verify()} asks
 * etcd, right then, whether that key still leads.
 */
final class LeaderFence {

  private final Standing standing;
  private final MemberElection election;
  private final String member;

  LeaderFence(Standing standing, MemberElection election, String member) {
    this.standing = standing;
    this.election = election;
    this.member = member;
  }

  /**
   * This member's leadership now: the key guard is absent when it does not lead (and then verify
   * refuses).
   */
  Fence current() {
    Optional<Fence.KeyGuard> guard =
        standing
            .leadership()
            .filter(leadership -> leadership.clusterId() != 0)
            .map(
                leadership ->
                    new Fence.KeyGuard(
                        Long.toHexString(leadership.clusterId()),
                        leadership.key(),
                        leadership.createRevision()));
    return new Fence() {
      @Override
      public void verify() throws ProviderException {
        check();
      }

      @Override
      public Optional<KeyGuard> keyGuard() {
        return guard;
      }
    };
  }

  /** Refuses the write unless etcd says, now, that this member's candidate key leads. */
  void check() throws ProviderException {
    if (!standing.leads()) {
      throw new ProviderException(
          ProviderException.Kind.TRANSIENT,
          "cluster: member " + member + " does not lead: write refused");
    }
    Optional<Candidate> leader;
    try {
      leader = election.leader();
    } catch (EtcdUnavailable e) {
      throw new ProviderException(
          ProviderException.Kind.TRANSIENT,
          "cluster: cannot confirm that member "
              + member
              + " still leads ("
              + e.getMessage()
              + "): write refused",
          e);
    }
    if (leader.isEmpty() || !standing.isMine(leader.get())) {
      throw new ProviderException(
          ProviderException.Kind.TRANSIENT,
          "cluster: member "
              + member
              + " lost the leadership"
              + leader.map(candidate -> " to " + candidate.member()).orElse("")
              + ": write refused");
    }
  }
}

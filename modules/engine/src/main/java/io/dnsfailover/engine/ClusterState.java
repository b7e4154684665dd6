package io.dnsfailover.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster member's picture of the cluster, for {@code /status} and the status page.
 *
 * @param member this daemon's member name
 * @param leader the member that holds the election, if etcd says one does
 * @param leading whether this daemon is that leader and may write
 * @param problem why the picture may be stale (etcd unreachable, no quorum), if it may
 * @param members every live member's published view, by member name
 */
public record ClusterState(
    String member,
    Optional<String> leader,
    boolean leading,
    Optional<String> problem,
    List<MemberView> members) {

  public ClusterState {
    members = List.copyOf(members);
  }

  /**
   * One member's published view.
   *
   * @param at when the member published it (its own clock; shown, never compared)
   * @param endpoints by endpoint key
   */
  public record MemberView(String member, Instant at, Map<String, EndpointView> endpoints) {
    public MemberView {
      endpoints = Map.copyOf(endpoints);
    }
  }

  /**
   * @param state healthy, unhealthy or unknown
   * @param detail the latest probe's detail at that member
   */
  public record EndpointView(String state, String detail) {}
}

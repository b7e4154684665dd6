package io.dnsfailover.cluster;

import io.dnsfailover.core.config.ClusterConfig.Quorum;
import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.core.policy.EndpointStatus;
import io.dnsfailover.engine.ClusterState.EndpointView;
import io.dnsfailover.engine.ClusterState.MemberView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Combines the live members' views into the health the leader plans with. An endpoint is down when
 * at least {@code quorum.needed(live)} members see it down; otherwise it is up when some member
 * sees it up; when no member has decided it yet it is left out (UNKNOWN: its records are kept).
 * Unknown views never count as down. Pure: the same views give the same statuses and details.
 */
final class QuorumHealth {

  private QuorumHealth() {}

  static Map<String, EndpointStatus> combine(
      Config config, List<MemberView> members, Quorum quorum) {
    int live = members.size();
    int needed = quorum.needed(Math.max(1, live));
    Map<String, EndpointStatus> statuses = new LinkedHashMap<>();
    for (EndpointConfig endpoint : config.endpoints()) {
      List<String> down = new ArrayList<>();
      List<String> up = new ArrayList<>();
      String upDetail = null;
      for (MemberView member : members) {
        EndpointView view = member.endpoints().get(endpoint.key());
        if (view == null) {
          continue;
        }
        switch (view.state()) {
          case MemberViews.UNHEALTHY -> down.add(member.member() + ": " + view.detail());
          case MemberViews.HEALTHY -> {
            up.add(member.member());
            upDetail = upDetail == null ? view.detail() : upDetail;
          }
          default -> {} // unknown: this member has not decided yet
        }
      }
      String counts = " of " + live + " members, quorum " + needed;
      if (!down.isEmpty() && down.size() >= needed) {
        statuses.put(
            endpoint.key(),
            EndpointStatus.down(
                "down at " + down.size() + counts + " (" + String.join("; ", down) + ")"));
      } else if (!up.isEmpty()) {
        String detail =
            upDetail
                + " (up at "
                + String.join(", ", up)
                + (down.isEmpty()
                    ? ""
                    : "; down only at " + down.size() + counts + ": " + String.join("; ", down))
                + ")";
        statuses.put(endpoint.key(), EndpointStatus.up(detail));
      }
    }
    return statuses;
  }
}

package io.dnsfailover.cluster;

import io.dnsfailover.engine.ClusterState.EndpointView;
import io.dnsfailover.engine.ClusterState.MemberView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The members' views in etcd ({@link ClusterKeys#views}): this member's, on its lease, written only
 * when it changed since the last write on that lease; everyone's, read for each decision.
 */
final class ViewBoard {

  private final ClusterEtcd etcd;
  private final ClusterKeys keys;

  // Owned by the reconcile thread; forgotten when the lease changes (the view went with it).
  private volatile Map<String, EndpointView> published;

  ViewBoard(ClusterEtcd etcd, ClusterKeys keys) {
    this.etcd = etcd;
    this.keys = keys;
  }

  /** Puts {@code mine} on {@code lease} unless that very view is there already. */
  void publish(MemberView mine, long lease) throws EtcdUnavailable {
    if (!mine.endpoints().equals(published)) {
      etcd.put(keys.view(mine.member()), MemberViews.encode(mine), lease);
      published = mine.endpoints();
    }
  }

  /** The lease changed: the next {@link #publish} writes. */
  void forget() {
    published = null;
  }

  /** Every live member's view, by member name; values that are not views are skipped. */
  List<MemberView> read() throws EtcdUnavailable {
    List<MemberView> members = new ArrayList<>();
    for (String value : etcd.values(keys.views())) {
      MemberViews.decode(value).ifPresent(members::add);
    }
    members.sort(Comparator.comparing(MemberView::member));
    return members;
  }
}

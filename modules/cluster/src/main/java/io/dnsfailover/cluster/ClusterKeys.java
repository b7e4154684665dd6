package io.dnsfailover.cluster;

/**
 * Where cluster mode keeps its data in etcd, one tree per {@code ownerId} (so two configs with
 * different owners never see each other's members):
 *
 * <pre>
 * /dnsfailover/cluster/&lt;ownerId&gt;/views/&lt;member&gt;      a member's view (JSON), on its lease
 * /dnsfailover/cluster/&lt;ownerId&gt;/leader/&lt;lease hex&gt;  election candidates (etcd's election
 *                                                    API), on their leases; the lowest create
 *                                                    revision leads
 * </pre>
 *
 * @param root {@code /dnsfailover/cluster/<ownerId>}
 */
record ClusterKeys(String root) {

  static ClusterKeys of(String ownerId) {
    return new ClusterKeys("/dnsfailover/cluster/" + ownerId);
  }

  /** The range of every member's view, ending in {@code /}. */
  String views() {
    return root + "/views/";
  }

  String view(String member) {
    return views() + member;
  }

  /** The election's name; etcd keeps the candidates under it plus {@code /}. */
  String election() {
    return root + "/leader";
  }
}

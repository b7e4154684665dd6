package io.dnsfailover.core.config;

import io.dnsfailover.etcd.EtcdConnection;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code cluster:} block: several daemons share one etcd, each probes and publishes its view,
 * one elected leader combines the views and is the only writer. See {@code docs/cluster.md}.
 *
 * @param etcd how to reach the etcd cluster that holds leases, views and the election (the same
 *     keys, defaults and checks as the {@code coredns} provider's connection)
 * @param member this daemon's name among the members (default: the host name)
 * @param quorum how many live members must see an endpoint down before it counts as down
 * @param leaseTtl how long a member's lease (its view and its leadership) outlives its last renewal
 */
public record ClusterConfig(EtcdConnection etcd, String member, Quorum quorum, Duration leaseTtl) {

  public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(10);

  public ClusterConfig {
    Objects.requireNonNull(etcd, "etcd");
    Objects.requireNonNull(member, "member");
    Objects.requireNonNull(quorum, "quorum");
    Objects.requireNonNull(leaseTtl, "leaseTtl");
  }

  /** This machine's host name, the default member name; "localhost" when it has none. */
  public static String hostName() {
    String fromEnvironment = System.getenv("HOSTNAME");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment.trim();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  /** How many down views make an endpoint down. */
  public sealed interface Quorum {

    /** The number of down views needed when {@code live} members have published a view. */
    int needed(int live);

    /** More than half of the live members. */
    record Majority() implements Quorum {
      @Override
      public int needed(int live) {
        return live / 2 + 1;
      }

      @Override
      public String toString() {
        return "majority";
      }
    }

    /**
     * A fixed number of members; with fewer live members than that, all of them (so a lone survivor
     * can still fail over rather than freeze).
     */
    record AtLeast(int members) implements Quorum {
      public AtLeast {
        if (members < 1) {
          throw new IllegalArgumentException("a quorum needs at least one member");
        }
      }

      @Override
      public int needed(int live) {
        return Math.max(1, Math.min(members, live));
      }

      @Override
      public String toString() {
        return Integer.toString(members);
      }
    }
  }
}

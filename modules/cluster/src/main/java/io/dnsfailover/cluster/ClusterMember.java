package io.dnsfailover.cluster;

import io.dnsfailover.cluster.ClusterEtcd.Candidate;
import io.dnsfailover.core.config.ClusterConfig;
import io.dnsfailover.core.config.Config;
import io.dnsfailover.engine.ClusterState;
import io.dnsfailover.engine.ClusterState.MemberView;
import io.dnsfailover.engine.HealthView;
import io.dnsfailover.health.HealthSnapshot;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.Fence;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon's membership of a cluster: the {@link HealthView} that {@link
 * io.dnsfailover.engine.Daemon} asks before every reconcile.
 *
 * <ul>
 *   <li>A keeper thread holds a lease of {@code leaseTtl}, renewing it every third of that ({@link
 *       MemberLease}), and campaigns with it through etcd's election API ({@link MemberElection}).
 *       Leadership, and the member's view, live exactly as long as the lease: a member that dies or
 *       is cut off from etcd's quorum loses both within {@code leaseTtl}, measured by etcd, so
 *       clocks never need to agree.
 *   <li>Each {@link #decide} publishes this member's view when it changed, reads every live view
 *       ({@link ViewBoard}) and the current leader; the leader plans with {@link
 *       QuorumHealth#combine}, everyone else holds. When etcd cannot answer (unreachable, no
 *       quorum) every member holds: DNS keeps its last answer.
 *   <li>{@link #fence} wraps a provider so every apply is fenced on this member still leading
 *       ({@link LeaderFence}): re-checked in etcd right before the write, or, for the {@code
 *       coredns} provider on this same etcd, compared inside its write transaction; and this member
 *       stops counting itself leader as soon as its lease may have expired by its own monotonic
 *       clock ({@link Standing}).
 * </ul>
 *
 * <p>etcd is reached through {@link ClusterEtcd} and time through a {@link Ticker}, so a member
 * runs on an in-memory etcd and virtual time in unit tests.
 */
public final class ClusterMember implements HealthView, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ClusterMember.class);

  private final ClusterConfig cluster;
  private final Clock clock;
  private final Ticker ticker;
  private final ClusterEtcd etcd;
  private final Standing standing;
  private final MemberLease lease;
  private final MemberElection election;
  private final ViewBoard views;
  private final LeaderFence fence;
  private final Thread keeper;
  private volatile Runnable onChange = () -> {};
  private volatile boolean stopped;

  // Owned by the reconcile thread (decide); read by /status.
  private volatile ClusterState state;
  private volatile String lastProblem;

  ClusterMember(
      ClusterConfig cluster, String ownerId, Clock clock, ClusterEtcd etcd, Ticker ticker) {
    ClusterKeys keys = ClusterKeys.of(ownerId);
    this.cluster = cluster;
    this.clock = clock;
    this.ticker = ticker;
    this.etcd = etcd;
    this.standing = new Standing(ticker, cluster.leaseTtl());
    this.views = new ViewBoard(etcd, keys);
    this.lease =
        new MemberLease(
            etcd,
            standing,
            ticker,
            cluster.member(),
            cluster.leaseTtl(),
            () -> {
              views.forget();
              wake();
            });
    this.election =
        new MemberElection(
            etcd,
            standing,
            keys.election(),
            cluster.member(),
            cluster.etcd().requestTimeout(),
            () -> stopped,
            this::wake);
    this.fence = new LeaderFence(standing, election, cluster.member());
    this.state =
        new ClusterState(
            cluster.member(), Optional.empty(), false, Optional.of("starting"), List.of());
    etcd.watch(keys.views(), this::wake);
    this.keeper =
        Thread.ofPlatform().daemon().name("cluster-" + cluster.member()).unstarted(this::keep);
  }

  /** Connects (lazily: etcd may be down at start) and starts keeping a lease and campaigning. */
  public static ClusterMember start(ClusterConfig cluster, String ownerId, Clock clock) {
    ClusterMember member =
        new ClusterMember(
            cluster, ownerId, clock, new JetcdClusterEtcd(cluster.etcd()), Ticker.system());
    member.keeper.start();
    log.info(
        "cluster member {}: etcd {}, quorum {}, leaseTtl {}",
        cluster.member(),
        cluster.etcd().endpointList(),
        cluster.quorum(),
        cluster.leaseTtl());
    return member;
  }

  /** Called (from any thread) when a reconcile may be due: a view or the leadership changed. */
  public void onChange(Runnable wake) {
    this.onChange = wake;
  }

  /** {@code provider}, whose applies go through only while this member leads. */
  public DnsProvider fence(DnsProvider provider) {
    return new FencedDnsProvider(provider, this::currentFence);
  }

  /**
   * This member's leadership now: {@link Fence#verify()} asks etcd whether this member still leads;
   * the key guard names the election key it won with (absent when it does not lead, and then verify
   * refuses).
   */
  Fence currentFence() {
    return fence.current();
  }

  /** Refuses the write unless etcd says, now, that this member's candidate key leads. */
  void checkFence() throws ProviderException {
    fence.check();
  }

  public String member() {
    return cluster.member();
  }

  /** Whether this member holds the election, by its own records (no etcd call). */
  public boolean leads() {
    return standing.leads();
  }

  @Override
  public Optional<ClusterState> cluster() {
    return Optional.of(state);
  }

  @Override
  public Decision decide(Config config, Map<String, HealthSnapshot> local) {
    MemberView mine = MemberViews.of(cluster.member(), clock.instant(), config, local);
    long current = standing.lease();
    if (current == 0) {
      return hold("no etcd lease (joining, or etcd unreachable or without quorum)");
    }
    List<MemberView> members;
    Optional<Candidate> leader;
    try {
      views.publish(mine, current);
      members = views.read();
      leader = election.leader();
    } catch (EtcdUnavailable e) {
      return hold("etcd unreachable or without quorum (" + e.getMessage() + ")");
    }
    Optional<String> leaderName = leader.map(Candidate::member);
    boolean leading = leader.isPresent() && election.isMine(leader.get(), current);
    if (!leading) {
      election.forgetLeadershipIfTaken(leader);
    }
    lastProblem = null;
    state = new ClusterState(cluster.member(), leaderName, leading, Optional.empty(), members);
    if (!leading) {
      return new Decision.Hold(
          leaderName.map(name -> "following leader " + name).orElse("no leader elected yet"));
    }
    return new Decision.Write(QuorumHealth.combine(config, members, cluster.quorum()));
  }

  private Decision hold(String problem) {
    if (!problem.equals(lastProblem)) {
      log.warn("cluster member {}: {}: keeping the last answer", cluster.member(), problem);
    }
    lastProblem = problem;
    ClusterState previous = state;
    state =
        new ClusterState(
            cluster.member(), previous.leader(), false, Optional.of(problem), previous.members());
    return new Decision.Hold(problem + ": keeping the last answer");
  }

  /** One keeper step: keep the lease, then campaign with it if no campaign is under way. */
  void keepOnce() {
    try {
      lease.keep();
      election.campaignIfIdle();
    } catch (RuntimeException e) {
      log.warn("cluster member {}: {}", cluster.member(), e.toString());
    }
  }

  private void keep() {
    Duration tick = Duration.ofMillis(Math.max(100, cluster.leaseTtl().toMillis() / 3));
    while (!stopped) {
      keepOnce();
      try {
        ticker.sleep(tick);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void wake() {
    try {
      onChange.run();
    } catch (RuntimeException e) {
      log.warn("cluster: wake-up failed: {}", e.toString());
    }
  }

  /**
   * Leaves the cluster cleanly: resigns (a successor is elected at once, not after {@code
   * leaseTtl}), revokes the lease (the view disappears) and closes the client.
   */
  @Override
  public void close() {
    stopKeeper();
    Standing.Leaving leaving = standing.leave();
    try {
      if (leaving.leadership().isPresent()) {
        election.resign(leaving.leadership().get());
      }
      if (leaving.lease() != 0) {
        etcd.revoke(leaving.lease());
      }
      if (leaving.abandoned() != 0) {
        etcd.revoke(leaving.abandoned());
      }
    } catch (EtcdUnavailable e) {
      log.warn(
          "cluster member {}: could not leave cleanly ({}); the lease expires within {}",
          cluster.member(),
          e.getMessage(),
          cluster.leaseTtl());
    }
    etcd.close();
  }

  /** As a crash: stops renewing and disconnects without resigning; the lease runs out in etcd. */
  void crash() {
    stopKeeper();
    etcd.close();
  }

  private void stopKeeper() {
    stopped = true;
    keeper.interrupt();
    if (keeper.getState() == Thread.State.NEW) {
      return; // never started (a unit test drives keepOnce itself)
    }
    try {
      keeper.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

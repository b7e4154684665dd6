package io.dnsfailover.cluster;

import static io.dnsfailover.etcd.client.EtcdClients.bytes;

import io.dnsfailover.core.config.ClusterConfig;
import io.dnsfailover.core.config.Config;
import io.dnsfailover.engine.ClusterState;
import io.dnsfailover.engine.ClusterState.EndpointView;
import io.dnsfailover.engine.ClusterState.MemberView;
import io.dnsfailover.engine.HealthView;
import io.dnsfailover.etcd.client.EtcdClients;
import io.dnsfailover.health.HealthSnapshot;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.Fence;
import io.dnsfailover.spi.ProviderException;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.election.CampaignResponse;
import io.etcd.jetcd.election.LeaderKey;
import io.etcd.jetcd.election.NoLeaderException;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon's membership of a cluster: the {@link HealthView} that {@link
 * io.dnsfailover.engine.Daemon} asks before every reconcile.
 *
 * <ul>
 *   <li>A keeper thread holds a lease of {@code leaseTtl}, renewing it every third of that, and
 *       campaigns with it through etcd's election API. Leadership, and the member's view, live
 *       exactly as long as the lease: a member that dies or is cut off from etcd's quorum loses
 *       both within {@code leaseTtl}, measured by etcd, so clocks never need to agree.
 *   <li>Each {@link #decide} publishes this member's view when it changed, reads every live view
 *       and the current leader; the leader plans with {@link QuorumHealth#combine}, everyone else
 *       holds. When etcd cannot answer (unreachable, no quorum) every member holds: DNS keeps its
 *       last answer.
 *   <li>{@link #fence} wraps a provider so every apply is fenced on this member still leading:
 *       re-checked in etcd right before the write, or, for the {@code coredns} provider on this
 *       same etcd, compared inside its write transaction (see {@link #currentFence}); and this
 *       member stops counting itself leader as soon as its lease may have expired by its own
 *       monotonic clock (renewal requests are timed from when they were sent).
 * </ul>
 */
public final class ClusterMember implements HealthView, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ClusterMember.class);

  private final ClusterConfig cluster;
  private final ClusterKeys keys;
  private final Clock clock;
  private final Client client;
  private final ByteSequence election;
  private final long ttlNanos;
  private final Thread keeper;
  private final Watch.Watcher watcher;
  private volatile Runnable onChange = () -> {};
  private volatile boolean stopped;

  // Lease and campaign, written by the keeper and by campaign callbacks under this lock.
  private long leaseId;
  private long renewedAtNanos;
  // Given up when it could not be renewed; etcd may still hold it: revoked before a new grant.
  private long abandonedLease;
  private CompletableFuture<Void> campaign; // completes once its answer has been taken in
  private LeaderKey leaderKey;
  private long leaderClusterId; // of the etcd that elected leaderKey, from the response header

  // Owned by the reconcile thread (decide), reset by the keeper when the lease changes.
  private volatile Map<String, EndpointView> published;
  private volatile ClusterState state;
  private volatile String lastProblem;

  private ClusterMember(ClusterConfig cluster, String ownerId, Clock clock) {
    this.cluster = cluster;
    this.keys = ClusterKeys.of(ownerId);
    this.clock = clock;
    this.client = EtcdClients.build(cluster.etcd());
    this.election = bytes(keys.election());
    this.ttlNanos = cluster.leaseTtl().toNanos();
    this.state =
        new ClusterState(
            cluster.member(), Optional.empty(), false, Optional.of("starting"), List.of());
    this.watcher =
        client
            .getWatchClient()
            .watch(
                bytes(keys.views()),
                WatchOption.builder().isPrefix(true).build(),
                response -> wake(),
                error -> log.debug("cluster: watch of views failed: {}", error.toString()));
    this.keeper =
        Thread.ofPlatform().daemon().name("cluster-" + cluster.member()).unstarted(this::keep);
  }

  /** Connects (lazily: etcd may be down at start) and starts keeping a lease and campaigning. */
  public static ClusterMember start(ClusterConfig cluster, String ownerId, Clock clock) {
    ClusterMember member = new ClusterMember(cluster, ownerId, clock);
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
   * This member's leadership now: {@link Fence#verify()} is {@link #checkFence()}; the key guard
   * names the election key this member won with (absent when it does not lead, and then verify
   * refuses).
   */
  Fence currentFence() {
    Optional<Fence.KeyGuard> guard;
    synchronized (this) {
      guard =
          leaderKey != null && leaseFresh() && leaderClusterId != 0
              ? Optional.of(
                  new Fence.KeyGuard(
                      Long.toHexString(leaderClusterId),
                      leaderKey.getKey().toString(StandardCharsets.UTF_8),
                      leaderKey.getRevision()))
              : Optional.empty();
    }
    return new Fence() {
      @Override
      public void verify() throws ProviderException {
        checkFence();
      }

      @Override
      public Optional<KeyGuard> keyGuard() {
        return guard;
      }
    };
  }

  public String member() {
    return cluster.member();
  }

  /** Whether this member holds the election, by its own records (no etcd call). */
  public synchronized boolean leads() {
    return leaderKey != null && leaseFresh();
  }

  @Override
  public Optional<ClusterState> cluster() {
    return Optional.of(state);
  }

  @Override
  public Decision decide(Config config, Map<String, HealthSnapshot> local) {
    MemberView mine = MemberViews.of(cluster.member(), clock.instant(), config, local);
    long lease = currentLease();
    if (lease == 0) {
      return hold("no etcd lease (joining, or etcd unreachable or without quorum)", List.of());
    }
    List<MemberView> members = new ArrayList<>();
    Optional<KeyValue> leader;
    try {
      if (!mine.endpoints().equals(published)) {
        await(
            client
                .getKVClient()
                .put(
                    bytes(keys.view(cluster.member())),
                    bytes(MemberViews.encode(mine)),
                    PutOption.builder().withLeaseId(lease).build()));
        published = mine.endpoints();
      }
      var views =
          await(
              client
                  .getKVClient()
                  .get(bytes(keys.views()), GetOption.builder().isPrefix(true).build()));
      for (KeyValue kv : views.getKvs()) {
        MemberViews.decode(kv.getValue().toString(StandardCharsets.UTF_8)).ifPresent(members::add);
      }
      leader = leader();
    } catch (EtcdUnavailable e) {
      return hold("etcd unreachable or without quorum (" + e.getMessage() + ")", List.of());
    }
    members.sort(Comparator.comparing(MemberView::member));
    Optional<String> leaderName = leader.map(kv -> kv.getValue().toString(StandardCharsets.UTF_8));
    if (leader.isPresent() && leader.get().getLease() == lease && !isMine(leader.get())) {
      awaitCampaign(); // our candidate key leads: etcd's answer to our campaign is on its way
    }
    boolean leading = leader.isPresent() && isMine(leader.get());
    if (!leading) {
      forgetLeadershipIfTaken(leader);
    }
    lastProblem = null;
    state = new ClusterState(cluster.member(), leaderName, leading, Optional.empty(), members);
    if (!leading) {
      return new Decision.Hold(
          leaderName.map(name -> "following leader " + name).orElse("no leader elected yet"));
    }
    return new Decision.Write(QuorumHealth.combine(config, members, cluster.quorum()));
  }

  private Decision hold(String problem, List<MemberView> members) {
    if (!problem.equals(lastProblem)) {
      log.warn("cluster member {}: {}: keeping the last answer", cluster.member(), problem);
    }
    lastProblem = problem;
    ClusterState previous = state;
    state =
        new ClusterState(
            cluster.member(),
            previous.leader(),
            false,
            Optional.of(problem),
            members.isEmpty() ? previous.members() : members);
    return new Decision.Hold(problem + ": keeping the last answer");
  }

  /** Refuses the write unless etcd says, now, that this member's candidate key leads. */
  void checkFence() throws ProviderException {
    if (!leads()) {
      throw new ProviderException(
          ProviderException.Kind.TRANSIENT,
          "cluster: member " + cluster.member() + " does not lead: write refused");
    }
    Optional<KeyValue> leader;
    try {
      leader = leader();
    } catch (EtcdUnavailable e) {
      throw new ProviderException(
          ProviderException.Kind.TRANSIENT,
          "cluster: cannot confirm that member "
              + cluster.member()
              + " still leads ("
              + e.getMessage()
              + "): write refused",
          e);
    }
    if (leader.isEmpty() || !isMine(leader.get())) {
      throw new ProviderException(
          ProviderException.Kind.TRANSIENT,
          "cluster: member "
              + cluster.member()
              + " lost the leadership"
              + leader.map(kv -> " to " + kv.getValue().toString(StandardCharsets.UTF_8)).orElse("")
              + ": write refused");
    }
  }

  /** The leading candidate's key, or empty when there is none. A linearizable read. */
  private Optional<KeyValue> leader() throws EtcdUnavailable {
    try {
      return Optional.of(await(client.getElectionClient().leader(election)).getKv());
    } catch (EtcdUnavailable e) {
      if (e.getCause() instanceof NoLeaderException) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private synchronized boolean isMine(KeyValue leader) {
    return leaderKey != null
        && leaseFresh()
        && leader.getKey().equals(leaderKey.getKey())
        && leader.getCreateRevision() == leaderKey.getRevision();
  }

  /** Our candidate key is gone (deleted, or the lease ended): campaign again. */
  private synchronized void forgetLeadershipIfTaken(Optional<KeyValue> leader) {
    if (leaderKey != null) {
      log.warn(
          "cluster member {}: no longer leads{}",
          cluster.member(),
          leader
              .map(kv -> "; " + kv.getValue().toString(StandardCharsets.UTF_8) + " does")
              .orElse(""));
      leaderKey = null;
      campaign = null;
    }
  }

  /** Waits (at most requestTimeout) until the campaign in flight, if any, has been answered. */
  private void awaitCampaign() {
    CompletableFuture<Void> pending;
    synchronized (this) {
      pending = campaign;
    }
    if (pending == null) {
      return;
    }
    try {
      pending.get(cluster.etcd().requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // not answered yet: this reconcile holds, the answer wakes the next one
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized long currentLease() {
    return leaseId;
  }

  private boolean leaseFresh() {
    return leaseId != 0 && System.nanoTime() - renewedAtNanos < ttlNanos;
  }

  private void keep() {
    long tick = Math.max(100, cluster.leaseTtl().toMillis() / 3);
    while (!stopped) {
      try {
        renew();
        campaignIfIdle();
      } catch (RuntimeException e) {
        log.warn("cluster member {}: {}", cluster.member(), e.toString());
      }
      try {
        Thread.sleep(tick);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void renew() {
    long lease = currentLease();
    long sent = System.nanoTime();
    if (lease == 0) {
      if (!revokeAbandonedLease()) {
        return;
      }
      try {
        long granted = await(client.getLeaseClient().grant(cluster.leaseTtl().toSeconds())).getID();
        synchronized (this) {
          leaseId = granted;
          renewedAtNanos = sent;
          leaderKey = null;
          campaign = null;
        }
        published = null;
        log.info(
            "cluster member {}: lease {} granted", cluster.member(), Long.toHexString(granted));
        wake();
      } catch (EtcdUnavailable e) {
        log.debug("cluster member {}: no lease: {}", cluster.member(), e.getMessage());
      }
      return;
    }
    try {
      long ttl = await(client.getLeaseClient().keepAliveOnce(lease)).getTTL();
      if (ttl <= 0) {
        lost(lease, "etcd says the lease expired");
        return;
      }
      synchronized (this) {
        if (leaseId == lease) {
          renewedAtNanos = sent;
        }
      }
    } catch (EtcdUnavailable e) {
      String message = String.valueOf(e.getMessage());
      if (message.contains("lease not found")) {
        lost(lease, "etcd says the lease expired");
        return;
      }
      boolean expired;
      synchronized (this) {
        expired = System.nanoTime() - renewedAtNanos >= ttlNanos;
      }
      if (expired) {
        lost(lease, "could not renew it within leaseTtl (" + message + ")");
      }
    }
  }

  private void lost(long lease, String why) {
    boolean led;
    synchronized (this) {
      if (leaseId != lease) {
        return;
      }
      led = leaderKey != null;
      abandonedLease = lease;
      leaseId = 0;
      leaderKey = null;
      campaign = null;
    }
    published = null;
    log.warn(
        "cluster member {}: lost lease {}: {}{}",
        cluster.member(),
        Long.toHexString(lease),
        why,
        led ? "; no longer leads" : "");
    wake();
  }

  /**
   * Revokes the lease this member gave up because it could not renew it, before it takes a new one.
   * etcd may still hold that lease when it answers again (a new etcd leader even extends every
   * lease by a full TTL), and with it this member's old view and candidate key: that key would go
   * on leading, for up to one more {@code leaseTtl}, a member that no longer counts itself leader.
   * Returns whether no such lease is left; a revoke that fails is tried again on the next tick.
   */
  private boolean revokeAbandonedLease() {
    long abandoned;
    synchronized (this) {
      abandoned = abandonedLease;
    }
    if (abandoned == 0) {
      return true;
    }
    try {
      if (revoke(abandoned)) {
        log.info(
            "cluster member {}: revoked lease {}, given up earlier, with its old candidacy",
            cluster.member(),
            Long.toHexString(abandoned));
      }
    } catch (EtcdUnavailable e) {
      log.debug(
          "cluster member {}: cannot revoke lease {} yet: {}",
          cluster.member(),
          Long.toHexString(abandoned),
          e.getMessage());
      return false;
    }
    synchronized (this) {
      abandonedLease = 0;
    }
    return true;
  }

  /** Revokes {@code lease}: true when it did, false when etcd no longer had it. */
  private boolean revoke(long lease) throws EtcdUnavailable {
    try {
      await(client.getLeaseClient().revoke(lease));
      return true;
    } catch (EtcdUnavailable e) {
      if (String.valueOf(e.getMessage()).contains("lease not found")) {
        return false;
      }
      throw e;
    }
  }

  private void campaignIfIdle() {
    CompletableFuture<CampaignResponse> started;
    CompletableFuture<Void> settled = new CompletableFuture<>();
    long lease;
    synchronized (this) {
      if (leaseId == 0 || campaign != null || stopped) {
        return;
      }
      lease = leaseId;
      started = client.getElectionClient().campaign(election, lease, bytes(cluster.member()));
      campaign = settled;
    }
    started.whenComplete(
        (response, error) -> {
          try {
            takeIn(settled, response, error);
          } finally {
            settled.complete(null);
          }
        });
  }

  /** A campaign's answer: elected (when its lease is still ours), or failed and retried later. */
  private void takeIn(CompletableFuture<Void> settled, CampaignResponse response, Throwable error) {
    boolean elected = false;
    synchronized (this) {
      if (campaign != settled) {
        return; // a lease or campaign that has since been replaced
      }
      if (error != null) {
        campaign = null; // retried on the next tick
      } else if (response.getLeader().getLease() == leaseId) {
        leaderKey = response.getLeader();
        leaderClusterId = response.getHeader().getClusterId();
        elected = true;
      }
    }
    if (elected) {
      log.info("cluster member {}: elected leader", cluster.member());
      wake();
    } else if (error != null && !stopped) {
      log.debug("cluster member {}: campaign failed: {}", cluster.member(), error.toString());
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
    LeaderKey key;
    long lease;
    long abandoned;
    synchronized (this) {
      key = leaderKey;
      lease = leaseId;
      abandoned = abandonedLease;
      leaderKey = null;
      leaseId = 0;
      abandonedLease = 0;
    }
    try {
      if (key != null) {
        await(client.getElectionClient().resign(key));
      }
      if (lease != 0) {
        revoke(lease);
      }
      if (abandoned != 0) {
        revoke(abandoned);
      }
    } catch (EtcdUnavailable e) {
      log.warn(
          "cluster member {}: could not leave cleanly ({}); the lease expires within {}",
          cluster.member(),
          e.getMessage(),
          cluster.leaseTtl());
    }
    watcher.close();
    client.close();
  }

  /** As a crash: stops renewing and disconnects without resigning; the lease runs out in etcd. */
  void crash() {
    stopKeeper();
    watcher.close();
    client.close();
  }

  private void stopKeeper() {
    stopped = true;
    keeper.interrupt();
    try {
      keeper.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private <T> T await(CompletableFuture<T> call) throws EtcdUnavailable {
    Duration timeout = cluster.etcd().requestTimeout();
    try {
      return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new EtcdUnavailable("no answer within " + timeout.toMillis() + "ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.cancel(true);
      throw new EtcdUnavailable("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new EtcdUnavailable(String.valueOf(cause.getMessage()), cause);
    } catch (RuntimeException e) {
      throw new EtcdUnavailable(String.valueOf(e.getMessage()), e);
    }
  }

  /** An etcd call that failed or timed out; the message names no credentials. */
  static final class EtcdUnavailable extends Exception {
    private static final long serialVersionUID = 1L;

    EtcdUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

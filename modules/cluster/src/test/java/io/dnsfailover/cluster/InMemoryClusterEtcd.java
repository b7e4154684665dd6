package io.dnsfailover.cluster;

import io.dnsfailover.cluster.ClusterEtcd.Candidate;
import io.dnsfailover.cluster.ClusterEtcd.Leadership;
import io.dnsfailover.testkit.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * One etcd cluster in memory, for {@link ClusterEtcd}'s users, with the rules cluster mode relies
 * on: a lease lives for its TTL after its last renewal, by a {@link FakeClock}, and takes its keys
 * with it when it ends; an election's leader is the candidate key with the lowest create revision,
 * and a campaign is answered once its key leads. Each member {@link #connect}s; the whole cluster
 * can lose its quorum ({@link #down}), one member can be cut off ({@link Connection#cutOff}).
 *
 * <p>Answers (campaigns won, watch events) are delivered after the call that caused them, outside
 * this etcd's lock, as a real client delivers them on its own threads.
 */
final class InMemoryClusterEtcd {

  static final long CLUSTER_ID = 0x5eedc0ffeeL;

  private record Stored(String value, long lease, long createRevision) {}

  private record Lease(long ttlNanos, long expiresAtNanos) {}

  private record Campaign(
      Connection by, String election, String key, CompletableFuture<Leadership> answer) {}

  private record Watcher(Connection by, String prefix, Runnable onChange) {}

  private final FakeClock time;
  private final TreeMap<String, Stored> keys = new TreeMap<>();
  private final Map<Long, Lease> leases = new HashMap<>();
  private final List<Campaign> campaigns = new ArrayList<>();
  private final List<Watcher> watchers = new ArrayList<>();
  private long revision = 1;
  private long nextLease = 0x100;
  private boolean down;

  InMemoryClusterEtcd(FakeClock time) {
    this.time = time;
  }

  /** A client of this etcd, as one member has it. */
  Connection connect() {
    return new Connection();
  }

  /** No quorum: every call fails until {@link #up}. Leases do not run out meanwhile. */
  synchronized void down() {
    down = true;
  }

  /**
   * Back with a leader: as etcd does, every lease gets a full TTL from now, so a lease its member
   * gave up while etcd was down lives on until it is revoked or runs out again.
   */
  synchronized void up() {
    down = false;
    leases.replaceAll(
        (id, lease) -> new Lease(lease.ttlNanos(), time.nanoTime() + lease.ttlNanos()));
  }

  /** Ends the lease {@code key} is on, as etcd does for a member paused longer than its TTL. */
  void revokeLeaseOf(String key) {
    List<Runnable> after = new ArrayList<>();
    synchronized (this) {
      Stored stored = keys.get(key);
      if (stored != null) {
        endLease(stored.lease(), after);
      }
    }
    after.forEach(Runnable::run);
  }

  /** Every key under {@code prefix}, with its value. */
  synchronized Map<String, String> keys(String prefix) {
    Map<String, String> result = new TreeMap<>();
    keys.subMap(prefix, prefix + Character.MAX_VALUE)
        .forEach((key, stored) -> result.put(key, stored.value()));
    return result;
  }

  /** How many leases etcd holds. */
  synchronized int leases() {
    expire(new ArrayList<>());
    return leases.size();
  }

  /** Lets leases whose TTL has passed end, with their keys. */
  void expire() {
    List<Runnable> after = new ArrayList<>();
    synchronized (this) {
      expire(after);
    }
    after.forEach(Runnable::run);
  }

  private void expire(List<Runnable> after) {
    if (down) {
      return; // no leader to let them expire
    }
    for (Map.Entry<Long, Lease> lease : List.copyOf(leases.entrySet())) {
      if (lease.getValue().expiresAtNanos() <= time.nanoTime()) {
        endLease(lease.getKey(), after);
      }
    }
  }

  private void endLease(long lease, List<Runnable> after) {
    leases.remove(lease);
    for (Map.Entry<String, Stored> entry : List.copyOf(keys.entrySet())) {
      if (entry.getValue().lease() == lease) {
        delete(entry.getKey(), after);
      }
    }
  }

  private void delete(String key, List<Runnable> after) {
    keys.remove(key);
    revision++;
    changed(key, after);
    settleCampaigns(after);
  }

  private void put(String key, String value, long lease, List<Runnable> after) {
    Stored old = keys.get(key);
    revision++;
    keys.put(key, new Stored(value, lease, old == null ? revision : old.createRevision()));
    changed(key, after);
  }

  private void changed(String key, List<Runnable> after) {
    for (Watcher watcher : watchers) {
      if (key.startsWith(watcher.prefix())) {
        after.add(watcher.onChange());
      }
    }
  }

  private Optional<Map.Entry<String, Stored>> leaderOf(String election) {
    return keys.subMap(election + "/", election + "/" + Character.MAX_VALUE).entrySet().stream()
        .min(Comparator.comparingLong(entry -> entry.getValue().createRevision()));
  }

  /** Answers every campaign whose key now leads; fails those whose key is gone. */
  private void settleCampaigns(List<Runnable> after) {
    for (Campaign campaign : List.copyOf(campaigns)) {
      Stored stored = keys.get(campaign.key());
      if (stored == null) {
        campaigns.remove(campaign);
        after.add(
            () ->
                campaign
                    .answer()
                    .completeExceptionally(new IllegalStateException("candidate key deleted")));
      } else if (leaderOf(campaign.election()).orElseThrow().getKey().equals(campaign.key())) {
        campaigns.remove(campaign);
        Leadership won =
            new Leadership(campaign.key(), stored.lease(), stored.createRevision(), CLUSTER_ID);
        after.add(() -> campaign.answer().complete(won));
      }
    }
  }

  /** One member's client. */
  final class Connection implements ClusterEtcd {

    private boolean cutOff;
    private boolean closed;

    /** This member can no longer reach etcd (or, with false, can again). */
    void cutOff(boolean cutOff) {
      synchronized (InMemoryClusterEtcd.this) {
        this.cutOff = cutOff;
      }
    }

    private void reachable() throws EtcdUnavailable {
      if (closed) {
        throw new EtcdUnavailable("client closed", null);
      }
      if (cutOff || down) {
        throw new EtcdUnavailable("no answer within 2000ms", null);
      }
    }

    @Override
    public long grant(Duration ttl) throws EtcdUnavailable {
      synchronized (InMemoryClusterEtcd.this) {
        reachable();
        expire(new ArrayList<>());
        long id = nextLease++;
        leases.put(id, new Lease(ttl.toNanos(), time.nanoTime() + ttl.toNanos()));
        return id;
      }
    }

    @Override
    public long keepAlive(long lease) throws EtcdUnavailable {
      List<Runnable> after = new ArrayList<>();
      try {
        synchronized (InMemoryClusterEtcd.this) {
          reachable();
          expire(after);
          Lease held = leases.get(lease);
          if (held == null) {
            return 0;
          }
          leases.put(lease, new Lease(held.ttlNanos(), time.nanoTime() + held.ttlNanos()));
          return Duration.ofNanos(held.ttlNanos()).toSeconds();
        }
      } finally {
        after.forEach(Runnable::run);
      }
    }

    @Override
    public boolean revoke(long lease) throws EtcdUnavailable {
      List<Runnable> after = new ArrayList<>();
      try {
        synchronized (InMemoryClusterEtcd.this) {
          reachable();
          expire(after);
          if (!leases.containsKey(lease)) {
            return false;
          }
          endLease(lease, after);
          return true;
        }
      } finally {
        after.forEach(Runnable::run);
      }
    }

    @Override
    public void put(String key, String value, long lease) throws EtcdUnavailable {
      List<Runnable> after = new ArrayList<>();
      try {
        synchronized (InMemoryClusterEtcd.this) {
          reachable();
          expire(after);
          if (!leases.containsKey(lease)) {
            throw new EtcdUnavailable("etcdserver: requested lease not found", null);
          }
          InMemoryClusterEtcd.this.put(key, value, lease, after);
        }
      } finally {
        after.forEach(Runnable::run);
      }
    }

    @Override
    public List<String> values(String prefix) throws EtcdUnavailable {
      List<Runnable> after = new ArrayList<>();
      try {
        synchronized (InMemoryClusterEtcd.this) {
          reachable();
          expire(after);
          return keys.subMap(prefix, prefix + Character.MAX_VALUE).values().stream()
              .map(Stored::value)
              .toList();
        }
      } finally {
        after.forEach(Runnable::run);
      }
    }

    @Override
    public Optional<Candidate> leader(String election) throws EtcdUnavailable {
      List<Runnable> after = new ArrayList<>();
      try {
        synchronized (InMemoryClusterEtcd.this) {
          reachable();
          expire(after);
          return leaderOf(election)
              .map(
                  entry ->
                      new Candidate(
                          entry.getKey(),
                          entry.getValue().value(),
                          entry.getValue().lease(),
                          entry.getValue().createRevision()));
        }
      } finally {
        after.forEach(Runnable::run);
      }
    }

    /** As etcd's election API: the candidate key is {@code <election>/<lease in hex>}. */
    @Override
    public CompletableFuture<Leadership> campaign(String election, long lease, String member) {
      CompletableFuture<Leadership> answer = new CompletableFuture<>();
      List<Runnable> after = new ArrayList<>();
      synchronized (InMemoryClusterEtcd.this) {
        try {
          reachable();
          expire(after);
          if (!leases.containsKey(lease)) {
            throw new EtcdUnavailable("etcdserver: requested lease not found", null);
          }
          String key = election + "/" + Long.toHexString(lease);
          if (!keys.containsKey(key)) {
            InMemoryClusterEtcd.this.put(key, member, lease, after);
          }
          campaigns.add(new Campaign(this, election, key, answer));
          settleCampaigns(after);
        } catch (EtcdUnavailable e) {
          after.add(() -> answer.completeExceptionally(e));
        }
      }
      after.forEach(Runnable::run);
      return answer;
    }

    @Override
    public void resign(String election, Leadership leadership) throws EtcdUnavailable {
      List<Runnable> after = new ArrayList<>();
      try {
        synchronized (InMemoryClusterEtcd.this) {
          reachable();
          expire(after);
          Stored stored = keys.get(leadership.key());
          if (stored != null && stored.createRevision() == leadership.createRevision()) {
            delete(leadership.key(), after);
          }
        }
      } finally {
        after.forEach(Runnable::run);
      }
    }

    @Override
    public void watch(String prefix, Runnable onChange) {
      synchronized (InMemoryClusterEtcd.this) {
        watchers.add(new Watcher(this, prefix, onChange));
      }
    }

    /** Disconnects: its watches stop, its campaigns in flight fail; its leases run on in etcd. */
    @Override
    public void close() {
      List<Runnable> after = new ArrayList<>();
      synchronized (InMemoryClusterEtcd.this) {
        closed = true;
        watchers.removeIf(watcher -> watcher.by() == this);
        for (Campaign campaign : List.copyOf(campaigns)) {
          if (campaign.by() == this) {
            campaigns.remove(campaign);
            after.add(
                () ->
                    campaign
                        .answer()
                        .completeExceptionally(new IllegalStateException("client closed")));
          }
        }
      }
      after.forEach(Runnable::run);
    }
  }
}

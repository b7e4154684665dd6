package io.dnsfailover.cluster;

import static io.dnsfailover.etcd.client.EtcdClients.bytes;

import io.dnsfailover.etcd.EtcdConnection;
import io.dnsfailover.etcd.client.EtcdClients;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.election.LeaderKey;
import io.etcd.jetcd.election.NoLeaderException;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ClusterEtcd} on jetcd, with the client of {@code cluster.etcd} ({@link EtcdClients}). The
 * client connects lazily: etcd may be down when a member starts.
 */
final class JetcdClusterEtcd implements ClusterEtcd {

  private static final Logger log = LoggerFactory.getLogger(JetcdClusterEtcd.class);

  private final Client client;
  private final Duration requestTimeout;
  private final List<Watch.Watcher> watchers = new CopyOnWriteArrayList<>();

  JetcdClusterEtcd(EtcdConnection connection) {
    try {
      this.client = EtcdClients.build(connection);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cluster.etcd: " + e.getMessage(), e);
    }
    this.requestTimeout = connection.requestTimeout();
  }

  @Override
  public long grant(Duration ttl) throws EtcdUnavailable {
    return await(client.getLeaseClient().grant(ttl.toSeconds())).getID();
  }

  @Override
  public long keepAlive(long lease) throws EtcdUnavailable {
    try {
      return Math.max(0, await(client.getLeaseClient().keepAliveOnce(lease)).getTTL());
    } catch (EtcdUnavailable e) {
      if (leaseNotFound(e)) {
        return 0;
      }
      throw e;
    }
  }

  @Override
  public boolean revoke(long lease) throws EtcdUnavailable {
    try {
      await(client.getLeaseClient().revoke(lease));
      return true;
    } catch (EtcdUnavailable e) {
      if (leaseNotFound(e)) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public void put(String key, String value, long lease) throws EtcdUnavailable {
    await(
        client
            .getKVClient()
            .put(bytes(key), bytes(value), PutOption.builder().withLeaseId(lease).build()));
  }

  @Override
  public List<String> values(String prefix) throws EtcdUnavailable {
    List<String> values = new ArrayList<>();
    for (KeyValue kv :
        await(client.getKVClient().get(bytes(prefix), GetOption.builder().isPrefix(true).build()))
            .getKvs()) {
      values.add(EtcdClients.text(kv.getValue()));
    }
    return values;
  }

  @Override
  public Optional<Candidate> leader(String election) throws EtcdUnavailable {
    try {
      KeyValue kv = await(client.getElectionClient().leader(bytes(election))).getKv();
      return Optional.of(
          new Candidate(
              EtcdClients.text(kv.getKey()),
              EtcdClients.text(kv.getValue()),
              kv.getLease(),
              kv.getCreateRevision()));
    } catch (EtcdUnavailable e) {
      if (e.getCause() instanceof NoLeaderException) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public CompletableFuture<Leadership> campaign(String election, long lease, String member) {
    return client
        .getElectionClient()
        .campaign(bytes(election), lease, bytes(member))
        .thenApply(
            response ->
                new Leadership(
                    EtcdClients.text(response.getLeader().getKey()),
                    response.getLeader().getLease(),
                    response.getLeader().getRevision(),
                    response.getHeader().getClusterId()));
  }

  @Override
  public void resign(String election, Leadership leadership) throws EtcdUnavailable {
    await(
        client
            .getElectionClient()
            .resign(
                new LeaderKey(
                    bytes(election),
                    bytes(leadership.key()),
                    leadership.lease(),
                    leadership.createRevision())));
  }

  @Override
  public void watch(String prefix, Runnable onChange) {
    watchers.add(
        client
            .getWatchClient()
            .watch(
                bytes(prefix),
                WatchOption.builder().isPrefix(true).build(),
                response -> onChange.run(),
                error -> log.debug("cluster: watch of {} failed: {}", prefix, error.toString())));
  }

  @Override
  public void close() {
    watchers.forEach(Watch.Watcher::close);
    client.close();
  }

  private static boolean leaseNotFound(EtcdUnavailable e) {
    return String.valueOf(e.getMessage()).contains("lease not found");
  }

  private <T> T await(CompletableFuture<T> call) throws EtcdUnavailable {
    try {
      return call.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new EtcdUnavailable("no answer within " + requestTimeout.toMillis() + "ms", e);
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
}

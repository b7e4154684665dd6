package io.dnsfailover.cluster;

import io.dnsfailover.core.config.ClusterConfig;
import io.dnsfailover.core.config.Config;
import io.dnsfailover.engine.ClusterState;
import io.dnsfailover.engine.HealthView;
import io.dnsfailover.health.HealthSnapshot;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.Fence;
import io.dnsfailover.spi.ProviderException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's {@link HealthView} across config reloads: the {@link ClusterMember} of the running
 * config's {@code cluster:} block, or none (a daemon alone, {@link HealthView#LOCAL}).
 *
 * <p>{@link #decide} gets the config the daemon runs now, so a reload that changes the {@code
 * cluster:} block (or the {@code ownerId}, which names the cluster's keys) takes effect at the next
 * reconcile, on the reconcile thread, between two applies: the old member leaves cleanly (resigns,
 * so another member leads at once, and revokes its lease, so its view is gone at once) and a new
 * one joins with the new settings. A block added starts a member; a block removed leaves the
 * cluster and the daemon writes alone again.
 */
public final class Membership implements HealthView, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Membership.class);

  private final Clock clock;
  private volatile Runnable onChange = () -> {};

  // Replaced on the reconcile thread (decide) and by close; read by /status and by applies.
  private volatile Optional<Settings> running = Optional.empty();
  private volatile ClusterMember member;

  /** What a member is started with: a change of either means leaving and joining again. */
  private record Settings(ClusterConfig cluster, String ownerId) {
    static Optional<Settings> of(Config config) {
      return config.cluster().map(cluster -> new Settings(cluster, config.ownerId()));
    }
  }

  private Membership(Clock clock) {
    this.clock = clock;
  }

  /** Joins the cluster of {@code config} at once, if it has a {@code cluster:} block. */
  public static Membership start(Config config, Clock clock) {
    Membership membership = new Membership(clock);
    Settings.of(config).ifPresent(membership::join);
    return membership;
  }

  /** Called (from any thread) when a reconcile may be due: a view or the leadership changed. */
  public void onChange(Runnable wake) {
    this.onChange = wake;
  }

  /** {@code provider}, whose applies go through only while the current member leads. */
  public DnsProvider fence(DnsProvider provider) {
    return new FencedDnsProvider(provider, this::currentFence);
  }

  @Override
  public Optional<ClusterState> cluster() {
    ClusterMember current = member;
    return current == null ? Optional.empty() : current.cluster();
  }

  @Override
  public Decision decide(Config config, Map<String, HealthSnapshot> local) {
    Optional<Settings> wanted = Settings.of(config);
    if (!wanted.equals(running)) {
      switchTo(wanted);
    }
    ClusterMember current = member;
    return current == null ? LOCAL.decide(config, local) : current.decide(config, local);
  }

  private void switchTo(Optional<Settings> wanted) {
    ClusterMember old = member;
    if (old != null) {
      log.info(
          "cluster: the reloaded config {}: member {} leaves the cluster (resigns, revokes its"
              + " lease){}",
          wanted.isPresent()
              ? "changed the cluster: block or the ownerId"
              : "has no cluster: block",
          old.member(),
          wanted.isPresent()
              ? "; member " + wanted.get().cluster().member() + " joins with the new settings"
              : "; from now on this daemon writes DNS alone");
      member = null;
      running = Optional.empty();
      old.close();
    } else if (wanted.isPresent()) {
      log.info(
          "cluster: the reloaded config has a cluster: block: member {} joins the cluster",
          wanted.get().cluster().member());
    }
    wanted.ifPresent(this::join);
  }

  private void join(Settings settings) {
    ClusterMember joined = ClusterMember.start(settings.cluster(), settings.ownerId(), clock);
    joined.onChange(() -> onChange.run());
    member = joined;
    running = Optional.of(settings);
  }

  private Fence currentFence() {
    ClusterMember current = member;
    if (current != null) {
      return current.currentFence();
    }
    return () -> {
      throw new ProviderException(
          ProviderException.Kind.TRANSIENT, "cluster: not a member (yet): write refused");
    };
  }

  /** Leaves the cluster cleanly, if a member: see {@link ClusterMember#close()}. */
  @Override
  public void close() {
    ClusterMember current = member;
    member = null;
    running = Optional.empty();
    if (current != null) {
      current.close();
    }
  }
}

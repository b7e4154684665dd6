package io.dnsfailover.engine.server;

import io.dnsfailover.core.config.Config;
import io.dnsfailover.engine.ClusterState;
import io.dnsfailover.engine.ClusterState.EndpointView;
import io.dnsfailover.engine.ClusterState.MemberView;
import io.dnsfailover.engine.HealthRound;
import io.dnsfailover.engine.HealthView;
import io.dnsfailover.health.HealthSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A cluster member as the daemon sees one through {@link HealthView}, scripted by the test: who
 * leads, whether etcd answers, and the members' published views. Like the real member it holds
 * while it follows or has a problem, and writes with its own health while it leads. Each change
 * wakes the daemon, as the real member's {@code onChange} does.
 */
final class FakeClusterView implements HealthView {

  /** When the members published their views (shown, never compared). */
  static final Instant PUBLISHED = Instant.parse("2025-06-01T12:00:00Z");

  /** m1's network cannot reach the primary. */
  static final String DISSENT = "HTTP 503 from m1's network";

  /**
   * Member m0 of two: m0 sees both endpoints of {@link DaemonHarness} up, m1 sees the primary down
   * ({@link #DISSENT}).
   */
  static FakeClusterView m0WithDissentingM1() {
    EndpointView up = new EndpointView("healthy", "scripted: HTTP 200");
    return new FakeClusterView(
        "m0",
        List.of(
            new MemberView(
                "m0", PUBLISHED, Map.of(DaemonHarness.PRIMARY, up, DaemonHarness.BACKUP, up)),
            new MemberView(
                "m1",
                PUBLISHED,
                Map.of(
                    DaemonHarness.PRIMARY,
                    new EndpointView("unhealthy", DISSENT),
                    DaemonHarness.BACKUP,
                    up))));
  }

  private final String member;
  private final List<MemberView> members;
  private final List<Map<String, HealthSnapshot>> decisions = new CopyOnWriteArrayList<>();
  private volatile ClusterState state;
  private volatile Runnable wake = () -> {};

  FakeClusterView(String member, List<MemberView> members) {
    this.member = member;
    this.members = List.copyOf(members);
    this.state =
        new ClusterState(member, Optional.empty(), false, Optional.of("starting"), this.members);
  }

  /** Called on every change of leadership or problem. */
  void onChange(Runnable wake) {
    this.wake = wake;
  }

  void follow(String leader) {
    set(new ClusterState(member, Optional.of(leader), false, Optional.empty(), members));
  }

  void lead() {
    set(new ClusterState(member, Optional.of(member), true, Optional.empty(), members));
  }

  /** etcd cannot be read: no longer leads, keeps showing the last known leader and views. */
  void lose(String problem) {
    ClusterState previous = state;
    set(new ClusterState(member, previous.leader(), false, Optional.of(problem), members));
  }

  /** The local health of every decision so far, oldest first. */
  List<Map<String, HealthSnapshot>> decisions() {
    return List.copyOf(decisions);
  }

  @Override
  public Decision decide(Config config, Map<String, HealthSnapshot> local) {
    decisions.add(Map.copyOf(local));
    ClusterState now = state;
    if (now.problem().isPresent()) {
      return new Decision.Hold(now.problem().get() + ": keeping the last answer");
    }
    if (!now.leading()) {
      return new Decision.Hold(
          now.leader().map(name -> "following leader " + name).orElse("no leader elected yet"));
    }
    return new Decision.Write(HealthRound.statuses(local));
  }

  @Override
  public Optional<ClusterState> cluster() {
    return Optional.of(state);
  }

  private void set(ClusterState next) {
    state = next;
    wake.run();
  }
}

package io.dnsfailover.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.core.config.ClusterConfig.Quorum;
import io.dnsfailover.core.config.Config;
import io.dnsfailover.core.policy.EndpointStatus;
import io.dnsfailover.engine.ClusterState.EndpointView;
import io.dnsfailover.engine.ClusterState.MemberView;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuorumHealthTest {

  private static final String PRIMARY = "app.example.test./A/primary";
  private static final String BACKUP = "app.example.test./A/backup";
  private static final Quorum MAJORITY = new Quorum.Majority();

  @TempDir Path dir;
  Config config;

  @BeforeEach
  void setUp() throws Exception {
    config = ClusterConfigs.load(dir, "test");
  }

  @Test
  void oneMemberSeeingAnEndpointDownOfThreeIsNotEnoughUnderMajority() {
    Map<String, EndpointStatus> health =
        QuorumHealth.combine(
            config,
            List.of(view("a", "unhealthy"), view("b", "healthy"), view("c", "healthy")),
            MAJORITY);

    assertThat(health.get(PRIMARY).healthy()).isTrue();
    assertThat(health.get(PRIMARY).detail())
        .isEqualTo("ok (up at b, c; down only at 1 of 3 members, quorum 2: a: HTTP 503)");
  }

  @Test
  void twoOfThreeSeeingItDownIsAMajority() {
    Map<String, EndpointStatus> health =
        QuorumHealth.combine(
            config,
            List.of(view("a", "unhealthy"), view("b", "unhealthy"), view("c", "healthy")),
            MAJORITY);

    assertThat(health.get(PRIMARY))
        .isEqualTo(
            EndpointStatus.down("down at 2 of 3 members, quorum 2 (a: HTTP 503; b: HTTP 503)"));
    assertThat(health.get(BACKUP).healthy()).isTrue();
  }

  @Test
  void unknownViewsNeverCountAsDown() {
    Map<String, EndpointStatus> health =
        QuorumHealth.combine(
            config,
            List.of(view("a", "unhealthy"), view("b", "unknown"), view("c", "unknown")),
            MAJORITY);

    assertThat(health).doesNotContainKey(PRIMARY); // undecided: its record is kept
  }

  @Test
  void aFixedQuorumCountsMembersNotAMajority() {
    List<MemberView> views =
        List.of(view("a", "unhealthy"), view("b", "healthy"), view("c", "healthy"));

    assertThat(QuorumHealth.combine(config, views, new Quorum.AtLeast(1)).get(PRIMARY).healthy())
        .isFalse();
  }

  @Test
  void aLoneSurvivorDecidesAlone() {
    assertThat(
            QuorumHealth.combine(config, List.of(view("a", "unhealthy")), MAJORITY)
                .get(PRIMARY)
                .healthy())
        .isFalse();
  }

  @Test
  void viewsRoundTripThroughTheirJson() {
    MemberView view = view("eu-west-1", "unhealthy");

    assertThat(MemberViews.decode(MemberViews.encode(view))).contains(view);
    assertThat(MemberViews.decode("not json")).isEmpty();
  }

  private static MemberView view(String member, String primaryState) {
    return new MemberView(
        member,
        Instant.parse("2025-01-01T00:00:00Z"),
        Map.of(
            PRIMARY,
            new EndpointView(primaryState, primaryState.equals("unhealthy") ? "HTTP 503" : "ok"),
            BACKUP,
            new EndpointView("healthy", "ok")));
  }
}

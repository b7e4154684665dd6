package io.dnsfailover.core.policy;

import static io.dnsfailover.core.Fixtures.endpoint;
import static io.dnsfailover.core.Fixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.core.config.Policy;
import io.dnsfailover.core.config.RecordConfig;
import io.dnsfailover.core.config.WhenAllDown;
import io.dnsfailover.spi.RecordType;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {

  private final EndpointConfig primary = endpoint("app", "primary", "192.0.2.10", 1);
  private final EndpointConfig secondA = endpoint("app", "second-a", "192.0.2.21", 2);
  private final EndpointConfig secondB = endpoint("app", "second-b", "192.0.2.22", 2);
  private final EndpointConfig last = endpoint("app", "last", "192.0.2.30", 3);

  @Test
  void failoverPublishesTheBestPriorityThatHasAHealthyEndpoint() {
    RecordConfig record = record("app", Policy.FAILOVER, WhenAllDown.KEEP, primary, secondA, last);

    Answer answer = PolicyEvaluator.decide(record, health(up(primary), up(secondA), up(last)));

    assertThat(answer).isInstanceOf(Answer.Publish.class);
    assertThat(((Answer.Publish) answer).endpoints()).containsExactly(primary);
    assertThat(answer.reason()).isEqualTo("priority 1: primary (192.0.2.10) healthy");
  }

  @Test
  void failoverMovesToTheNextPriorityAndSaysWhy() {
    RecordConfig record = record("app", Policy.FAILOVER, WhenAllDown.KEEP, primary, secondA, last);

    Answer answer =
        PolicyEvaluator.decide(record, health(down(primary, "HTTP 503"), up(secondA), up(last)));

    assertThat(((Answer.Publish) answer).endpoints()).containsExactly(secondA);
    assertThat(answer.reason())
        .isEqualTo(
            "primary (192.0.2.10) down: HTTP 503; failing over to priority 2: second-a"
                + " (192.0.2.21)");
  }

  @Test
  void failoverTiesShareTheAnswerAndDownPeersAreLeftOut() {
    EndpointConfig secondC = endpoint("app", "second-c", "192.0.2.23", 2);
    RecordConfig record =
        record("app", Policy.FAILOVER, WhenAllDown.KEEP, primary, secondA, secondB, secondC);

    Answer answer =
        PolicyEvaluator.decide(
            record,
            health(
                down(primary, "connection refused"),
                up(secondA),
                up(secondB),
                down(secondC, "HTTP 500")));

    assertThat(((Answer.Publish) answer).endpoints()).containsExactly(secondA, secondB);
    assertThat(answer.reason()).endsWith("; left out: second-c (192.0.2.23) down: HTTP 500");
  }

  @Test
  void failoverReturnsToThePrimaryOnceItIsHealthyAgain() {
    RecordConfig record = record("app", Policy.FAILOVER, WhenAllDown.KEEP, primary, secondA);

    Answer answer = PolicyEvaluator.decide(record, health(up(primary), up(secondA)));

    assertThat(((Answer.Publish) answer).endpoints()).containsExactly(primary);
  }

  @Test
  void multivaluePublishesEveryHealthyEndpoint() {
    RecordConfig record =
        record("app", Policy.MULTIVALUE, WhenAllDown.KEEP, primary, secondA, last);

    Answer answer =
        PolicyEvaluator.decide(
            record, health(up(primary), down(secondA, "timed out after 2s"), up(last)));

    assertThat(((Answer.Publish) answer).endpoints()).containsExactly(primary, last);
    assertThat(answer.reason())
        .contains("left out: second-a (192.0.2.21) down: timed out after 2s");
  }

  @Test
  void weightedLeavesOutZeroWeightsWhileAnotherMemberCanCarryTraffic() {
    EndpointConfig heavy = endpoint("app", RecordType.A, "heavy", "192.0.2.1", 1, 200);
    EndpointConfig drained = endpoint("app", RecordType.A, "drained", "192.0.2.2", 1, 0);
    RecordConfig record = record("app", Policy.WEIGHTED, WhenAllDown.KEEP, heavy, drained);

    Answer both = PolicyEvaluator.decide(record, health(up(heavy), up(drained)));
    Answer onlyDrained =
        PolicyEvaluator.decide(record, health(down(heavy, "HTTP 503"), up(drained)));

    assertThat(((Answer.Publish) both).endpoints()).containsExactly(heavy);
    assertThat(((Answer.Publish) onlyDrained).endpoints()).containsExactly(drained);
  }

  @Test
  void whenAllDownKeepLeavesTheRecordAsItIs() {
    RecordConfig record = record("app", Policy.FAILOVER, WhenAllDown.KEEP, primary, secondA);

    Answer answer =
        PolicyEvaluator.decide(
            record, health(down(primary, "HTTP 503"), down(secondA, "HTTP 502")));

    assertThat(answer).isInstanceOf(Answer.Keep.class);
    assertThat(answer.reason())
        .isEqualTo(
            "all endpoints down (primary (192.0.2.10) down: HTTP 503, second-a (192.0.2.21) down:"
                + " HTTP 502); whenAllDown: keep leaves the record as it is");
  }

  @Test
  void whenAllDownAllPublishesEveryEndpoint() {
    RecordConfig record = record("app", Policy.FAILOVER, WhenAllDown.ALL, primary, secondA);

    Answer answer = PolicyEvaluator.decide(record, health(down(primary, "x"), down(secondA, "y")));

    assertThat(((Answer.Publish) answer).endpoints()).containsExactly(primary, secondA);
  }

  @Test
  void whenAllDownNoneRemovesTheAnswer() {
    RecordConfig record = record("app", Policy.MULTIVALUE, WhenAllDown.NONE, primary);

    Answer answer = PolicyEvaluator.decide(record, health(down(primary, "x")));

    assertThat(answer).isInstanceOf(Answer.Remove.class);
  }

  @Test
  void aRecordWithAnUnprobedEndpointIsKeptUntilEveryEndpointHasAState() {
    RecordConfig record = record("app", Policy.FAILOVER, WhenAllDown.KEEP, primary, secondA);

    Answer answer = PolicyEvaluator.decide(record, health(up(secondA)));

    assertThat(answer).isEqualTo(new Answer.Keep("waiting for the first probe of primary"));
  }

  private static Map.Entry<String, EndpointStatus> up(EndpointConfig endpoint) {
    return Map.entry(endpoint.key(), EndpointStatus.up("HTTP 200"));
  }

  private static Map.Entry<String, EndpointStatus> down(EndpointConfig endpoint, String detail) {
    return Map.entry(endpoint.key(), EndpointStatus.down(detail));
  }

  @SafeVarargs
  private static Map<String, EndpointStatus> health(Map.Entry<String, EndpointStatus>... entries) {
    Map<String, EndpointStatus> map = new HashMap<>();
    for (Map.Entry<String, EndpointStatus> entry : entries) {
      map.put(entry.getKey(), entry.getValue());
    }
    return map;
  }
}

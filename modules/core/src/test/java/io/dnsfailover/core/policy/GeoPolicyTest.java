package io.dnsfailover.core.policy;

import static io.dnsfailover.core.Fixtures.at;
import static io.dnsfailover.core.Fixtures.endpoint;
import static io.dnsfailover.core.Fixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.core.config.Policy;
import io.dnsfailover.core.config.RecordConfig;
import io.dnsfailover.core.config.WhenAllDown;
import io.dnsfailover.spi.Location;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code policy: geo}: each location fails over among its own endpoints, then to the default. */
class GeoPolicyTest {

  private static final Location EU = Location.continent("EU");
  private static final Location US = Location.country("US");

  private final EndpointConfig eu1 = at(endpoint("app", "eu-1", "192.0.2.10", 1), EU);
  private final EndpointConfig eu2 = at(endpoint("app", "eu-2", "192.0.2.11", 2), EU);
  private final EndpointConfig us = at(endpoint("app", "us", "192.0.2.20", 1), US);
  private final EndpointConfig rest =
      at(endpoint("app", "rest", "192.0.2.30", 1), Location.DEFAULT);

  private RecordConfig geo(WhenAllDown whenAllDown) {
    return record("app", Policy.GEO, whenAllDown, eu1, eu2, us, rest);
  }

  @Test
  void eachLocationAnswersItsBestHealthyPriority() {
    Answer answer =
        PolicyEvaluator.decide(geo(WhenAllDown.KEEP), health(up(eu1), up(eu2), up(us), up(rest)));

    assertThat(locations(answer))
        .containsExactly(
            Map.entry(
                EU, new Answer.Publish(List.of(eu1), "priority 1: eu-1 (192.0.2.10) healthy")),
            Map.entry(US, new Answer.Publish(List.of(us), "priority 1: us (192.0.2.20) healthy")),
            Map.entry(
                Location.DEFAULT,
                new Answer.Publish(List.of(rest), "priority 1: rest (192.0.2.30) healthy")));
    assertThat(answer.reason())
        .isEqualTo(
            "continent:EU: priority 1: eu-1 (192.0.2.10) healthy; country:US: priority 1: us"
                + " (192.0.2.20) healthy; default: priority 1: rest (192.0.2.30) healthy");
  }

  @Test
  void aLocationFailsOverInsideItselfFirst() {
    Answer answer =
        PolicyEvaluator.decide(
            geo(WhenAllDown.KEEP), health(down(eu1, "HTTP 503"), up(eu2), up(us), up(rest)));

    assertThat(locations(answer).get(EU))
        .isEqualTo(
            new Answer.Publish(
                List.of(eu2),
                "eu-1 (192.0.2.10) down: HTTP 503; failing over to priority 2: eu-2"
                    + " (192.0.2.11)"));
  }

  @Test
  void aLocationWithNoHealthyEndpointIsRemovedSoItsUsersGetTheDefault() {
    Answer answer =
        PolicyEvaluator.decide(
            geo(WhenAllDown.KEEP),
            health(up(eu1), up(eu2), down(us, "connection refused"), up(rest)));

    assertThat(locations(answer).get(US))
        .isEqualTo(
            new Answer.Remove(
                "us (192.0.2.20) down: connection refused; its users get the default location's"
                    + " answer, or that of a listed location containing it"));
    assertThat(locations(answer).get(EU)).isInstanceOf(Answer.Publish.class);
    assertThat(locations(answer).get(Location.DEFAULT)).isInstanceOf(Answer.Publish.class);
  }

  @Test
  void aCountryThatMayLieInAListedContinentSaysItsUsersMayGetThatContinentsAnswer() {
    EndpointConfig europe = at(endpoint("app", "europe", "192.0.2.10", 1), EU);
    EndpointConfig germany =
        at(endpoint("app", "germany", "192.0.2.15", 1), Location.country("DE"));
    RecordConfig nested = record("app", Policy.GEO, WhenAllDown.KEEP, europe, germany, rest);

    Answer answer =
        PolicyEvaluator.decide(nested, health(up(europe), down(germany, "timeout"), up(rest)));

    assertThat(locations(answer).get(Location.country("DE")).reason())
        .isEqualTo(
            "germany (192.0.2.15) down: timeout; its users get the default location's answer, or"
                + " that of a listed location containing it");
  }

  @Test
  void theDefaultWithNoHealthyEndpointTakesWhenAllDown() {
    Map<String, EndpointStatus> restDown = health(up(eu1), up(eu2), up(us), down(rest, "timeout"));

    assertThat(locations(PolicyEvaluator.decide(geo(WhenAllDown.KEEP), restDown)))
        .containsEntry(
            Location.DEFAULT,
            new Answer.Keep(
                "all endpoints down (rest (192.0.2.30) down: timeout); whenAllDown: keep leaves"
                    + " the default location's answer as it is"));
    assertThat(locations(PolicyEvaluator.decide(geo(WhenAllDown.ALL), restDown)))
        .containsEntry(
            Location.DEFAULT,
            new Answer.Publish(
                List.of(rest),
                "all endpoints down (rest (192.0.2.30) down: timeout); whenAllDown: all publishes"
                    + " every endpoint of the default location"));
    assertThat(locations(PolicyEvaluator.decide(geo(WhenAllDown.NONE), restDown)))
        .containsEntry(
            Location.DEFAULT,
            new Answer.Remove(
                "all endpoints down (rest (192.0.2.30) down: timeout); whenAllDown: none removes"
                    + " the default location's answer"));
  }

  @Test
  void everyEndpointDownDecidesTheWholeRecordSoACutOffCheckerChangesNothing() {
    Answer answer =
        PolicyEvaluator.decide(
            geo(WhenAllDown.KEEP),
            health(down(eu1, "x"), down(eu2, "x"), down(us, "x"), down(rest, "x")));

    assertThat(answer).isInstanceOf(Answer.Keep.class);
    assertThat(answer.reason()).startsWith("all endpoints down (").contains("whenAllDown: keep");
  }

  @Test
  void withoutADefaultALocationThatIsDownLeavesItsUsersToTheNearestOther() {
    EndpointConfig europe =
        at(endpoint("app", "europe", "192.0.2.10", 1), Location.cloudRegion("europe-west1"));
    EndpointConfig america =
        at(endpoint("app", "america", "192.0.2.20", 1), Location.cloudRegion("us-east1"));
    RecordConfig record = record("app", Policy.GEO, WhenAllDown.KEEP, europe, america);

    Answer answer = PolicyEvaluator.decide(record, health(up(europe), down(america, "HTTP 500")));

    assertThat(locations(answer).get(Location.cloudRegion("us-east1")))
        .isEqualTo(
            new Answer.Remove(
                "america (192.0.2.20) down: HTTP 500; left out: its users get the nearest other"
                    + " location's answer"));
  }

  private static Map<Location, Answer> locations(Answer answer) {
    assertThat(answer).isInstanceOf(Answer.ByLocation.class);
    Map<Location, Answer> byLocation = new java.util.LinkedHashMap<>();
    for (Answer.Located located : ((Answer.ByLocation) answer).locations()) {
      byLocation.put(located.location(), located.answer());
    }
    return byLocation;
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

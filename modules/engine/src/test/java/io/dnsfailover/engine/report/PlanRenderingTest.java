package io.dnsfailover.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dnsfailover.core.plan.Plan;
import io.dnsfailover.core.plan.RecordPlan;
import io.dnsfailover.core.plan.RecordPlan.Outcome;
import io.dnsfailover.core.plan.ZonePlan;
import io.dnsfailover.engine.ReconcileReport;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanRenderingTest {

  private static final DnsName APP = DnsName.of("app.example.test.");
  private static final DnsName WWW = DnsName.of("www.example.test.");
  private static final String WHY = "primary (192.0.2.10) down: HTTP 503 | 502; failing over";

  private final RecordSet before = RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.10"));
  private final RecordSet after = RecordSet.of(APP, RecordType.A, 20, List.of("192.0.2.20"));
  private final ReconcileReport report =
      new ReconcileReport(
          new Plan(
              List.of(
                  new ZonePlan(
                      new Zone(DnsName.of("example.test."), "local"),
                      "zonefile",
                      List.of(new Change.Update(before, after, WHY)),
                      List.of(
                          new RecordPlan(
                              new RecordKey(APP, RecordType.A),
                              Optional.of(before),
                              Optional.of(after),
                              Outcome.UPDATE,
                              WHY),
                          new RecordPlan(
                              new RecordKey(WWW, RecordType.A),
                              Optional.of(
                                  RecordSet.of(WWW, RecordType.A, 300, List.of("198.51.100.1"))),
                              Optional.empty(),
                              Outcome.CONFLICT,
                              "exists without an ownership marker")),
                      List.of()))),
          List.of(),
          List.of());

  @Test
  void textShowsEachRecordWithItsSymbolAnswerAndReason() {
    assertThat(PlanText.render(report))
        .isEqualTo(
            """
            zone example.test. (provider local: zonefile)
              ~ app.example.test. A: 192.0.2.10 ttl 20 -> 192.0.2.20 ttl 20
                  %s
              ! www.example.test. A: conflict
                  exists without an ownership marker
            Plan: 0 to create, 1 to update, 0 to delete; 1 conflict.
            """
                .formatted(WHY));
  }

  @Test
  void jsonHasStableFieldsForMachines() throws Exception {
    JsonNode json = new ObjectMapper().readTree(PlanJson.render(report));

    JsonNode change = json.at("/zones/0/changes/0");
    assertThat(change.get("action").asText()).isEqualTo("update");
    assertThat(change.at("/before/values/0").asText()).isEqualTo("192.0.2.10");
    assertThat(change.at("/after/values/0").asText()).isEqualTo("192.0.2.20");
    assertThat(json.at("/zones/0/records/1/outcome").asText()).isEqualTo("conflict");
    assertThat(json.at("/summary/update").asInt()).isEqualTo(1);
    assertThat(json.at("/summary/conflicts").asInt()).isEqualTo(1);
  }

  @Test
  void markdownIsATablePerZoneWithPipesEscaped() {
    String markdown = PlanMarkdown.render(report);

    assertThat(markdown)
        .startsWith(
            "### dnsfailover plan\n\n**Plan: 0 to create, 1 to update, 0 to delete; 1 conflict.**\n")
        .contains(
            "| ~ | `app.example.test. A` | 192.0.2.10 ttl 20 | 192.0.2.20 ttl 20 | primary (192.0.2.10) down: HTTP 503 \\| 502; failing over |")
        .contains(
            "| ! | `www.example.test. A` | 198.51.100.1 ttl 300 | (left alone) | exists without an ownership marker |");
  }
}

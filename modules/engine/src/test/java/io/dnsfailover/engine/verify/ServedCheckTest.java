package io.dnsfailover.engine.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.core.config.VerifyConfig;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link ServedCheck} against scripted servers: who serves, when, and what the others say. */
class ServedCheckTest {

  private static final DnsName ZONE = DnsName.of("example.test.");
  private static final RecordKey APP = new RecordKey(DnsName.of("app.example.test."), RecordType.A);
  private static final RecordKey OLD = new RecordKey(DnsName.of("old.example.test."), RecordType.A);
  private static final VerifyConfig.Server FAST = new VerifyConfig.Server("127.0.0.1", 5301);
  private static final VerifyConfig.Server SLOW = new VerifyConfig.Server("127.0.0.1", 5302);
  private static final VerifyConfig.Server STALE = new VerifyConfig.Server("::1", 5303);

  /**
   * Servers that answer the old value for their first {@code lag} questions about a name, the new
   * value after that; STALE never moves on, and one that is down times out.
   */
  private static final class ScriptedServers implements Lookup {
    private final Map<VerifyConfig.Server, Integer> lag;
    private final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();

    ScriptedServers(Map<VerifyConfig.Server, Integer> lag) {
      this.lag = lag;
    }

    @Override
    public Answer query(VerifyConfig.Server server, RecordKey key, Duration timeout) {
      if (!lag.containsKey(server)) {
        return new Answer.Failed("no answer within " + timeout.toMillis() + " ms");
      }
      int count = asked.computeIfAbsent(server + " " + key, k -> new AtomicInteger()).get();
      asked.get(server + " " + key).incrementAndGet();
      boolean caughtUp = count >= lag.get(server);
      if (key.equals(OLD)) {
        return new Answer.Values(caughtUp ? List.of() : List.of("192.0.2.99"));
      }
      return new Answer.Values(List.of(caughtUp ? "192.0.2.20" : "192.0.2.10"));
    }
  }

  private static final List<Expectation> EXPECTED =
      List.of(
          new Expectation(APP, List.of("192.0.2.20"), false),
          new Expectation(OLD, List.of(), false));

  @Test
  void everyServerThatCatchesUpIsServedWithItsOwnTime() {
    ServedCheck check = new ServedCheck(new ScriptedServers(Map.of(FAST, 0, SLOW, 3)));

    ServedReport report =
        check.await(ZONE, new VerifyConfig(List.of(FAST, SLOW), Duration.ofSeconds(10)), EXPECTED);

    assertThat(report.allServed()).isTrue();
    assertThat(report.summary())
        .startsWith("Served: 2/2 servers answer the change to example.test. after ");
    ServedReport.Server fast = report.servers().get(0);
    ServedReport.Server slow = report.servers().get(1);
    assertThat(fast.servedAfter().orElseThrow()).isLessThan(slow.servedAfter().orElseThrow());
    assertThat(report.notServed()).isEmpty();
  }

  @Test
  void aServerThatKeepsTheOldAnswerIsNotServedAndSaysWhatItAnswers() {
    ServedCheck check = new ServedCheck(new ScriptedServers(Map.of(FAST, 0, STALE, 1_000_000)));

    ServedReport report =
        check.await(ZONE, new VerifyConfig(List.of(FAST, STALE), Duration.ofMillis(400)), EXPECTED);

    assertThat(report.allServed()).isFalse();
    assertThat(report.summary())
        .startsWith("Served: 1/2 servers answer the change to example.test. within 0.");
    assertThat(report.notServed())
        .singleElement()
        .asString()
        .startsWith("not served by [::1]:5303 after ")
        .endsWith(
            "s: app.example.test. A answers 192.0.2.10, not 192.0.2.20;"
                + " old.example.test. A answers 192.0.2.99, not no record");
  }

  @Test
  void aServerThatDoesNotAnswerIsNotServedAndSaysWhy() {
    ServedCheck check = new ServedCheck(new ScriptedServers(Map.of()));

    ServedReport report =
        check.await(
            ZONE,
            new VerifyConfig(List.of(FAST), Duration.ofMillis(200)),
            List.of(new Expectation(APP, List.of("192.0.2.20"), false)));

    assertThat(report.notServed())
        .singleElement()
        .asString()
        .startsWith("not served by 127.0.0.1:5301 after 0.2 s: app.example.test. A: no answer");
  }

  @Test
  void aWeightedAnswerCountsWhenItHoldsOnlyMembers() {
    Expectation weighted = new Expectation(APP, List.of("192.0.2.10", "192.0.2.20"), true);

    assertThat(weighted.isMetBy(List.of("192.0.2.20"))).isTrue();
    assertThat(weighted.isMetBy(List.of("192.0.2.10", "192.0.2.20"))).isTrue();
    assertThat(weighted.isMetBy(List.of("192.0.2.30"))).isFalse();
    assertThat(weighted.isMetBy(List.of())).isFalse();
    Expectation plain = new Expectation(APP, List.of("192.0.2.10", "192.0.2.20"), false);
    assertThat(plain.isMetBy(List.of("192.0.2.20"))).isFalse();
    assertThat(plain.isMetBy(List.of("192.0.2.20", "192.0.2.10"))).isTrue();
  }
}

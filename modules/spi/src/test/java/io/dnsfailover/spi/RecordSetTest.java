package io.dnsfailover.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two record sets with the same answer are equal, however the answer was spelled or ordered. */
class RecordSetTest {

  private static final DnsName APP = DnsName.of("app.example.test.");

  @Test
  void valuesAreSortedAndEachIsKeptOnce() {
    RecordSet recordSet =
        RecordSet.of(APP, RecordType.A, 30, List.of("192.0.2.20", "192.0.2.10", "192.0.2.20"));

    assertThat(recordSet.values()).containsExactly("192.0.2.10", "192.0.2.20");
    assertThat(recordSet)
        .isEqualTo(RecordSet.of(APP, RecordType.A, 30, List.of("192.0.2.10", "192.0.2.20")));
  }

  @Test
  void valuesAreCanonicalSoSpellingMakesNoDifference() {
    RecordSet written =
        RecordSet.of(
            APP, RecordType.AAAA, 30, List.of("2001:DB8:0:0:0:0:0:1", "2001:db8::0001", "::1"));
    RecordSet alias = RecordSet.of(APP, RecordType.CNAME, 30, List.of("WWW.Example.NET"));

    assertThat(written.values()).containsExactly("2001:db8::1", "::1");
    assertThat(alias.values()).containsExactly("www.example.net.");
  }

  @Test
  void membersOfAWeightedSetAreOrderedByIdAndTheirValuesAreCanonical() {
    RecordSet weighted =
        RecordSet.weighted(
            APP,
            RecordType.AAAA,
            30,
            List.of(
                new WeightedValue("west", "2001:DB8::2", 1),
                new WeightedValue("east", "2001:0db8::1", 3)));

    assertThat(weighted.weights())
        .containsExactly(
            new WeightedValue("east", "2001:db8::1", 3),
            new WeightedValue("west", "2001:db8::2", 1));
    assertThat(weighted.values()).containsExactly("2001:db8::1", "2001:db8::2");
    assertThat(weighted.isWeighted()).isTrue();
    assertThat(weighted)
        .isEqualTo(
            RecordSet.weighted(
                APP,
                RecordType.AAAA,
                30,
                List.of(
                    new WeightedValue("east", "2001:db8::1", 3),
                    new WeightedValue("west", "2001:db8::2", 1))));
  }

  @Test
  void aDifferentWeightIsADifferentRecordSet() {
    RecordSet three =
        RecordSet.weighted(APP, RecordType.A, 30, List.of(new WeightedValue("a", "192.0.2.1", 3)));
    RecordSet four =
        RecordSet.weighted(APP, RecordType.A, 30, List.of(new WeightedValue("a", "192.0.2.1", 4)));

    assertThat(three).isNotEqualTo(four);
  }

  @Test
  void withoutWeightsKeepsTheValuesAsAPlainAnswer() {
    RecordSet weighted =
        RecordSet.weighted(
            APP,
            RecordType.A,
            30,
            List.of(
                new WeightedValue("primary", "192.0.2.10", 200),
                new WeightedValue("backup", "192.0.2.20", 55)));

    assertThat(weighted.withoutWeights())
        .isEqualTo(RecordSet.of(APP, RecordType.A, 30, List.of("192.0.2.20", "192.0.2.10")));
    assertThat(weighted.withoutWeights().isWeighted()).isFalse();
  }

  @Test
  void withTtlChangesOnlyTheTtl() {
    RecordSet weighted =
        RecordSet.weighted(APP, RecordType.A, 30, List.of(new WeightedValue("a", "192.0.2.1", 3)));

    RecordSet longer = weighted.withTtl(60);

    assertThat(longer.ttl()).isEqualTo(60);
    assertThat(longer.weights()).isEqualTo(weighted.weights());
    assertThat(longer.key()).isEqualTo(weighted.key());
  }

  @Test
  void aNegativeTtlIsRefused() {
    assertThatThrownBy(() -> RecordSet.of(APP, RecordType.A, -1, List.of("192.0.2.1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ttl must not be negative, was -1");
  }

  @Test
  void aWeightOutsideZeroTo255IsRefused() {
    assertThatThrownBy(() -> new WeightedValue("a", "192.0.2.1", 256))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("weight must be 0..255, was 256");
    assertThat(new WeightedValue("a", "192.0.2.1", 0).weight()).isZero();
  }

  @Test
  void theKeyIsNameAndType() {
    assertThat(RecordSet.of(APP, RecordType.TXT, 30, List.of("x")).key())
        .isEqualTo(new RecordKey(APP, RecordType.TXT));
  }

  @Test
  void printsAsAZoneFileLineWouldReadWithWeights() {
    assertThat(RecordSet.of(APP, RecordType.A, 30, List.of("192.0.2.2", "192.0.2.1")))
        .hasToString("app.example.test. 30 A 192.0.2.1,192.0.2.2");
    assertThat(
            RecordSet.weighted(
                APP,
                RecordType.A,
                30,
                List.of(
                    new WeightedValue("b", "192.0.2.2", 1),
                    new WeightedValue("a", "192.0.2.1", 3))))
        .hasToString("app.example.test. 30 A 192.0.2.1 (weight 3),192.0.2.2 (weight 1)");
  }

  @Test
  void geoRecordSetsAreEqualWhateverOrderTheirLocationsAndValuesCameIn() {
    Map<Location, List<String>> one = new LinkedHashMap<>();
    one.put(Location.DEFAULT, List.of("192.0.2.30"));
    one.put(Location.continent("EU"), List.of("192.0.2.11", "192.0.2.10"));
    Map<Location, List<String>> other = new LinkedHashMap<>();
    other.put(Location.continent("EU"), List.of("192.0.2.10", "192.0.2.11", "192.0.2.10"));
    other.put(Location.DEFAULT, List.of("192.0.2.30"));

    RecordSet first = RecordSet.geo(APP, RecordType.A, 30, one);
    RecordSet second = RecordSet.geo(APP, RecordType.A, 30, other);

    assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
    assertThat(first.values()).containsExactly("192.0.2.10", "192.0.2.11", "192.0.2.30");
    assertThat(first.locations().keySet())
        .containsExactly(Location.continent("EU"), Location.DEFAULT);
    assertThat(first.isGeo()).isTrue();
    assertThat(first.isWeighted()).isFalse();
    assertThat(first)
        .hasToString(
            "app.example.test. 30 A continent:EU=192.0.2.10,192.0.2.11; default=192.0.2.30");
  }

  @Test
  void aLocationThatAnswersDifferentlyMakesADifferentRecordSet() {
    RecordSet geo =
        RecordSet.geo(
            APP,
            RecordType.A,
            30,
            Map.of(
                Location.continent("EU"),
                List.of("192.0.2.10"),
                Location.DEFAULT,
                List.of("192.0.2.30")));
    RecordSet moved =
        RecordSet.geo(
            APP,
            RecordType.A,
            30,
            Map.of(
                Location.continent("EU"),
                List.of("192.0.2.30"),
                Location.DEFAULT,
                List.of("192.0.2.10")));

    assertThat(geo.values()).isEqualTo(moved.values());
    assertThat(geo).isNotEqualTo(moved);
    assertThat(geo).isNotEqualTo(RecordSet.of(APP, RecordType.A, 30, geo.values()));
    assertThat(geo.withoutWeights()).isEqualTo(RecordSet.of(APP, RecordType.A, 30, geo.values()));
    assertThat(geo.withTtl(60).locations()).isEqualTo(geo.locations());
  }

  @Test
  void valuesAreCanonicalInsideLocationsToo() {
    RecordSet geo =
        RecordSet.geo(
            APP, RecordType.AAAA, 30, Map.of(Location.country("DE"), List.of("2001:DB8:0:0::1")));

    assertThat(geo.locations().get(Location.country("DE"))).containsExactly("2001:db8::1");
  }

  @Test
  void anEmptyLocationOrAGeoAndWeightedMixIsRefused() {
    assertThatThrownBy(
            () -> RecordSet.geo(APP, RecordType.A, 30, Map.of(Location.DEFAULT, List.of())))
        .hasMessageContaining("location default of app.example.test. holds no value");
    assertThatThrownBy(
            () ->
                new RecordSet(
                    APP,
                    RecordType.A,
                    30,
                    List.of("192.0.2.10"),
                    List.of(new WeightedValue("a", "192.0.2.10", 1)),
                    Map.of(Location.DEFAULT, List.of("192.0.2.10"))))
        .hasMessageContaining("cannot be weighted and geo at once");
    assertThatThrownBy(
            () ->
                new RecordSet(
                    APP,
                    RecordType.A,
                    30,
                    List.of("192.0.2.99"),
                    List.of(),
                    Map.of(Location.DEFAULT, List.of("192.0.2.10"))))
        .hasMessageContaining("the values of a geo record set are those of its locations");
  }

  @Test
  void membersNamedByTheirValuesCompareByValueAndWeightAlone() {
    RecordSet desired =
        RecordSet.weighted(
            APP,
            RecordType.A,
            30,
            List.of(
                new WeightedValue("primary", "192.0.2.10", 200),
                new WeightedValue("backup", "192.0.2.20", 55)));
    RecordSet held =
        RecordSet.weighted(
            APP,
            RecordType.A,
            30,
            List.of(
                new WeightedValue("192.0.2.20", "192.0.2.20", 55),
                new WeightedValue("192.0.2.10", "192.0.2.10", 200)));

    assertThat(desired).isNotEqualTo(held);
    assertThat(desired.withValuesAsMemberIds()).isEqualTo(held);
    assertThat(held.withValuesAsMemberIds()).isEqualTo(held);
    RecordSet plain = RecordSet.of(APP, RecordType.A, 30, List.of("192.0.2.10"));
    assertThat(plain.withValuesAsMemberIds()).isSameAs(plain);
  }
}

package io.dnsfailover.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ZoneContentsTest {

  private static final DnsName APP = DnsName.of("app.example.test.");
  private static final DnsName MAIL = DnsName.of("mail.example.test.");
  private static final RecordSet APP_A = RecordSet.of(APP, RecordType.A, 30, List.of("192.0.2.1"));

  @Test
  void otherTypesAreSortedPerName() {
    ZoneContents contents =
        new ZoneContents(List.of(APP_A), Map.of(MAIL, Set.of("SRV", "MX", "TYPE65534")));

    assertThat(contents.otherTypesAt(MAIL)).containsExactly("MX", "SRV", "TYPE65534");
    assertThat(contents.otherTypesAt(APP)).isEmpty();
  }

  @Test
  void aNameWithoutOtherTypesIsLeftOut() {
    ZoneContents contents = new ZoneContents(List.of(), Map.of(APP, Set.of(), MAIL, Set.of("MX")));

    assertThat(contents.otherTypes()).containsOnlyKeys(MAIL);
  }

  @Test
  void recordSetsOnlyReportNoOtherData() {
    ZoneContents contents = ZoneContents.of(List.of(APP_A));

    assertThat(contents.recordSets()).containsExactly(APP_A);
    assertThat(contents.otherTypes()).isEmpty();
    assertThat(contents.otherTypesAt(APP)).isEmpty();
  }

  @Test
  void holdsItsOwnUnmodifiableCopies() {
    List<RecordSet> recordSets = new ArrayList<>(List.of(APP_A));
    Map<DnsName, Set<String>> otherTypes = new HashMap<>(Map.of(MAIL, Set.of("MX")));
    ZoneContents contents = new ZoneContents(recordSets, otherTypes);

    recordSets.clear();
    otherTypes.clear();

    assertThat(contents.recordSets()).containsExactly(APP_A);
    assertThat(contents.otherTypesAt(MAIL)).containsExactly("MX");
    assertThatThrownBy(() -> contents.otherTypesAt(MAIL).add("NS"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> contents.otherTypes().remove(MAIL))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}

package io.dnsfailover.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DnsNameTest {

  private static final DnsName ZONE = DnsName.of("example.test.");

  @Test
  void namesAreLowerCaseWithATrailingDot() {
    assertThat(DnsName.of(" App.Example.TEST ").value()).isEqualTo("app.example.test.");
    assertThat(DnsName.of("app.example.test.").value()).isEqualTo("app.example.test.");
  }

  @Test
  void caseDoesNotMakeADifferentName() {
    assertThat(DnsName.of("App.Example.TEST")).isEqualTo(DnsName.of("app.example.test."));
    assertThat(DnsName.of("App.Example.TEST")).hasSameHashCodeAs(DnsName.of("app.example.test."));
  }

  @Test
  void anEmptyNameIsRefused() {
    for (String empty : new String[] {"", " ", "."}) {
      assertThatThrownBy(() -> DnsName.of(empty))
          .as("'%s'", empty)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("a DNS name must not be empty");
    }
  }

  @Test
  void resolvesAgainstTheZone() {
    assertThat(DnsName.resolve("@", ZONE)).isEqualTo(ZONE);
    assertThat(DnsName.resolve(" @ ", ZONE)).isEqualTo(ZONE);
    assertThat(DnsName.resolve("app", ZONE)).isEqualTo(DnsName.of("app.example.test."));
    assertThat(DnsName.resolve("a.b", ZONE)).isEqualTo(DnsName.of("a.b.example.test."));
    assertThat(DnsName.resolve("APP", ZONE)).isEqualTo(DnsName.of("app.example.test."));
  }

  @Test
  void aTrailingDotMakesANameAbsolute() {
    assertThat(DnsName.resolve("www.example.net.", ZONE)).isEqualTo(DnsName.of("www.example.net"));
  }

  @Test
  void isInTheZoneItselfAndBelowOnLabelBoundariesOnly() {
    assertThat(ZONE.isIn(ZONE)).isTrue();
    assertThat(DnsName.of("app.example.test.").isIn(ZONE)).isTrue();
    assertThat(DnsName.of("a.b.example.test.").isIn(ZONE)).isTrue();
    assertThat(DnsName.of("notexample.test.").isIn(ZONE)).isFalse();
    assertThat(DnsName.of("example.test.net.").isIn(ZONE)).isFalse();
    assertThat(DnsName.of("test.").isIn(ZONE)).isFalse();
  }

  @Test
  void relativeToTheZoneIsTheLabelsAboveItOrTheApex() {
    assertThat(ZONE.relativeTo(ZONE)).isEqualTo("@");
    assertThat(DnsName.of("app.example.test.").relativeTo(ZONE)).isEqualTo("app");
    assertThat(DnsName.of("a.b.example.test.").relativeTo(ZONE)).isEqualTo("a.b");
    assertThat(DnsName.resolve("x.y", ZONE).relativeTo(ZONE)).isEqualTo("x.y");
  }

  @Test
  void aNameOutsideTheZoneHasNoRelativeForm() {
    assertThatThrownBy(() -> DnsName.of("notexample.test.").relativeTo(ZONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("notexample.test. is not in zone example.test.");
  }

  @Test
  void theMarkerOfANameIsItsUnderscoreLabelTxtName() {
    DnsName marker = DnsName.of("App.example.test").markerName();

    assertThat(marker.value()).isEqualTo("_dnsfailover.app.example.test.");
    assertThat(marker.isMarker()).isTrue();
    assertThat(marker.isIn(ZONE)).isTrue();
    assertThat(ZONE.markerName().relativeTo(ZONE)).isEqualTo("_dnsfailover");
  }

  @Test
  void onlyTheFirstLabelMakesAMarker() {
    assertThat(DnsName.of("app.example.test.").isMarker()).isFalse();
    assertThat(DnsName.of("_dnsfailover").isMarker()).isTrue();
    assertThat(DnsName.of("x._dnsfailover.example.test.").isMarker()).isFalse();
    assertThat(DnsName.of("_dnsfailoverx.example.test.").isMarker()).isFalse();
    assertThat(DnsName.of("_DNSFAILOVER.app.example.test.").isMarker()).isTrue();
  }

  @Test
  void ordersByCanonicalText() {
    assertThat(DnsName.of("B.example.test.")).isGreaterThan(DnsName.of("a.example.test."));
    assertThat(DnsName.of("A.example.test.")).isEqualByComparingTo(DnsName.of("a.example.test"));
  }
}

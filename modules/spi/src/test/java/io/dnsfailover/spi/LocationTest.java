package io.dnsfailover.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LocationTest {

  @Test
  void parsesEveryKindAndWritesItBackAsTheConfigDoes() {
    assertThat(Location.parse("continent:EU")).isEqualTo(Location.continent("EU"));
    assertThat(Location.parse("country:de")).isEqualTo(Location.country("DE"));
    assertThat(Location.parse("subdivision:us-ca")).isEqualTo(Location.subdivision("US", "CA"));
    assertThat(Location.parse("cloudRegion:europe-west1"))
        .isEqualTo(Location.cloudRegion("europe-west1"));
    assertThat(Location.parse(" default ")).isEqualTo(Location.DEFAULT);
    for (String text :
        List.of(
            "continent:EU",
            "country:DE",
            "subdivision:US-CA",
            "cloudRegion:northamerica-northeast1",
            "default")) {
      assertThat(Location.parse(text)).hasToString(text);
    }
  }

  @Test
  void malformedLocationsSayWhatIsAllowed() {
    assertThatThrownBy(() -> Location.parse("continent:XX"))
        .hasMessage(
            "'XX' is not a continent code: use AF (Africa), AN (Antarctica), AS (Asia), EU"
                + " (Europe), NA (North America), OC (Oceania) or SA (South America)");
    assertThatThrownBy(() -> Location.parse("country:USA"))
        .hasMessageStartingWith("'USA' is not an ISO 3166-1 alpha-2 country code");
    assertThatThrownBy(() -> Location.parse("country:ZZ"))
        .hasMessageStartingWith("'ZZ' is not an ISO 3166-1 alpha-2 country code");
    assertThatThrownBy(() -> Location.parse("subdivision:DE-BY"))
        .hasMessageContaining("is not a US state: subdivision locations are US states");
    assertThatThrownBy(() -> Location.parse("subdivision:US-XX"))
        .hasMessageContaining("like US-CA or US-NY");
    assertThatThrownBy(() -> Location.parse("cloudRegion:Europe West"))
        .hasMessageContaining("is not a Google Cloud region name");
    assertThatThrownBy(() -> Location.parse("region:EU"))
        .hasMessage(
            "'region:EU' is not a location: write continent:EU, country:DE,"
                + " subdivision:US-CA, cloudRegion:europe-west1 or default");
    assertThatThrownBy(() -> Location.parse("country:"))
        .hasMessage("'country:' names no country: write one like country:DE");
    assertThatThrownBy(() -> Location.parse("default:EU"))
        .hasMessageContaining("is not a location");
  }

  @Test
  void theConstructorChecksTheFormOnlySoAProviderCanReadWhatItsApiHolds() {
    assertThat(Location.country("XK")).hasToString("country:XK");
    assertThatThrownBy(() -> Location.country("Kosovo"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Location(Location.Kind.DEFAULT, "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void continentsComeFirstAndDefaultLast() {
    List<Location> locations =
        new ArrayList<>(
            List.of(
                Location.DEFAULT,
                Location.country("US"),
                Location.cloudRegion("us-east1"),
                Location.continent("NA"),
                Location.subdivision("US", "CA"),
                Location.continent("EU")));
    Collections.shuffle(locations);
    Collections.sort(locations);

    assertThat(locations)
        .extracting(Location::toString)
        .containsExactly(
            "continent:EU",
            "continent:NA",
            "country:US",
            "subdivision:US-CA",
            "cloudRegion:us-east1",
            "default");
  }

  @Test
  void describesKindsForMessages() {
    assertThat(Location.describe(Set.of(Location.Kind.CLOUD_REGION))).isEqualTo("cloudRegion:");
    assertThat(
            Location.describe(
                Set.of(Location.Kind.DEFAULT, Location.Kind.COUNTRY, Location.Kind.CONTINENT)))
        .isEqualTo("continent:, country: or default");
  }
}

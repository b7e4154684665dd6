package io.dnsfailover.provider.route53;

import io.dnsfailover.spi.Location;
import java.util.Optional;
import software.amazon.awssdk.services.route53.model.GeoLocation;

/**
 * Locations as Route 53's geolocation record sets name them: a continent, a country, a country's
 * subdivision, or the default (CountryCode {@value #DEFAULT_COUNTRY}); and the SetIdentifier each
 * location's set gets, derived from the location alone.
 */
final class GeoLocations {

  /** The CountryCode of the default geolocation set: every location no other set matches. */
  static final String DEFAULT_COUNTRY = "*";

  private GeoLocations() {}

  /** The GeoLocation of {@code location}; throws for a kind Route 53 has not (cloud regions). */
  static GeoLocation geoLocation(Location location) {
    return switch (location.kind()) {
      case CONTINENT -> GeoLocation.builder().continentCode(location.code()).build();
      case COUNTRY -> GeoLocation.builder().countryCode(location.code()).build();
      case SUBDIVISION -> {
        String[] parts = location.code().split("-", 2);
        yield GeoLocation.builder().countryCode(parts[0]).subdivisionCode(parts[1]).build();
      }
      case DEFAULT -> GeoLocation.builder().countryCode(DEFAULT_COUNTRY).build();
      case CLOUD_REGION ->
          throw new IllegalArgumentException(
              "Route 53 cannot answer by " + location + ": cloud regions are Cloud DNS's");
    };
  }

  /** The location a GeoLocation names, when this tool can name it. */
  static Optional<Location> location(GeoLocation geo) {
    try {
      if (geo.continentCode() != null && geo.countryCode() == null) {
        return Optional.of(Location.continent(geo.continentCode()));
      }
      if (DEFAULT_COUNTRY.equals(geo.countryCode()) && geo.subdivisionCode() == null) {
        return Optional.of(Location.DEFAULT);
      }
      if (geo.countryCode() != null && geo.continentCode() == null) {
        return Optional.of(
            geo.subdivisionCode() == null
                ? Location.country(geo.countryCode())
                : Location.subdivision(geo.countryCode(), geo.subdivisionCode()));
      }
    } catch (IllegalArgumentException unknownCode) {
      // a code this tool cannot write: the set reads as plain, and is never taken for ours
    }
    return Optional.empty();
  }

  /**
   * The SetIdentifier of the set for {@code location}: derived from the location alone, so that it
   * is the same on every run and a location that comes back gets the identifier it had.
   */
  static String setIdentifier(Location location) {
    return location.isDefault()
        ? "geo-default"
        : "geo-" + location.kind().prefix() + "-" + location.code();
  }
}

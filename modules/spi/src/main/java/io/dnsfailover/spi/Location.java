package io.dnsfailover.spi;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Where the users are whom one part of a geo record answers, as the config writes it: {@code
 * continent:EU}, {@code country:DE}, {@code subdivision:US-CA}, {@code cloudRegion:europe-west1},
 * or {@code default} (every user no other location of the record matches).
 *
 * <p>The constructor checks only the form of {@code code}, so that a provider can read what its API
 * holds; {@link #parse} is the strict reading the config uses: known continents, ISO 3166-1
 * countries, US states. Locations sort continents first, then countries, subdivisions, cloud
 * regions, and {@code default} last, which is the order {@code plan} shows them in.
 *
 * @param code the continent, country or cloud region code, the subdivision as {@code
 *     <country>-<code>}, or empty for {@link #DEFAULT}
 */
public record Location(Kind kind, String code) implements Comparable<Location> {

  /** What a location names. */
  public enum Kind {
    /** A continent, by Route 53's two-letter codes. */
    CONTINENT("continent"),
    /** A country, by ISO 3166-1 alpha-2 code. */
    COUNTRY("country"),
    /** A subdivision of a country: {@code US-CA}. */
    SUBDIVISION("subdivision"),
    /** A Google Cloud region, such as {@code europe-west1}: where Cloud DNS routes by location. */
    CLOUD_REGION("cloudRegion"),
    /** Every user that no other location of the record matches. */
    DEFAULT("default");

    private final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }

    /** How the config writes it: {@code continent}, {@code cloudRegion}, {@code default}. */
    public String prefix() {
      return prefix;
    }

    /** An example location of this kind, for messages. */
    public String example() {
      return switch (this) {
        case CONTINENT -> "continent:EU";
        case COUNTRY -> "country:DE";
        case SUBDIVISION -> "subdivision:US-CA";
        case CLOUD_REGION -> "cloudRegion:europe-west1";
        case DEFAULT -> "default";
      };
    }
  }

  /** Every user no other location of the record matches. */
  public static final Location DEFAULT = new Location(Kind.DEFAULT, "");

  /** Route 53's continent codes (its GeoLocation API reference lists exactly these). */
  public static final List<String> CONTINENTS = List.of("AF", "AN", "AS", "EU", "NA", "OC", "SA");

  /**
   * The subdivisions a location may name: the 50 US states and DC by postal code. Route 53's
   * GeoLocation reference documents SubdivisionCode for US states only (with CountryCode US); US
   * territories such as Puerto Rico are countries of their own in ISO 3166-1 ({@code country:PR}).
   */
  public static final Set<String> US_STATES =
      Set.copyOf(
          Arrays.asList(
              "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL",
              "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE",
              "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD",
              "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY"));

  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final Pattern TWO_LETTERS = Pattern.compile("[A-Z]{2}");
  private static final Pattern SUBDIVISION = Pattern.compile("[A-Z]{2}-[A-Z0-9]{1,3}");
  // Google Cloud region names: europe-west1, us-central1, northamerica-northeast2, me-central2.
  private static final Pattern CLOUD_REGION = Pattern.compile("[a-z]+-[a-z]+[0-9]+");
  private static final String FORMS =
      "write continent:EU, country:DE, subdivision:US-CA, cloudRegion:europe-west1 or default";

  public Location {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(code, "code");
    boolean wellFormed =
        switch (kind) {
          case CONTINENT, COUNTRY -> TWO_LETTERS.matcher(code).matches();
          case SUBDIVISION -> SUBDIVISION.matcher(code).matches();
          case CLOUD_REGION -> CLOUD_REGION.matcher(code).matches();
          case DEFAULT -> code.isEmpty();
        };
    if (!wellFormed) {
      throw new IllegalArgumentException(
          "'" + code + "' is not a " + kind.prefix() + " code; " + FORMS);
    }
  }

  public static Location continent(String code) {
    return new Location(Kind.CONTINENT, code);
  }

  public static Location country(String code) {
    return new Location(Kind.COUNTRY, code);
  }

  public static Location subdivision(String country, String code) {
    return new Location(Kind.SUBDIVISION, country + "-" + code);
  }

  public static Location cloudRegion(String region) {
    return new Location(Kind.CLOUD_REGION, region);
  }

  /**
   * Reads a location as the config writes it, strictly: a continent among {@link #CONTINENTS}, an
   * ISO 3166-1 alpha-2 country the JDK knows, a US state, a name shaped like a Google Cloud region.
   * Codes are read in any case; throws {@link IllegalArgumentException} saying what is allowed.
   */
  public static Location parse(String text) {
    String trimmed = text.trim();
    if (trimmed.equals(Kind.DEFAULT.prefix())) {
      return DEFAULT;
    }
    int colon = trimmed.indexOf(':');
    String prefix = colon < 0 ? trimmed : trimmed.substring(0, colon);
    String code = colon < 0 ? "" : trimmed.substring(colon + 1).trim();
    Kind kind =
        Arrays.stream(Kind.values())
            .filter(candidate -> candidate != Kind.DEFAULT && candidate.prefix().equals(prefix))
            .findFirst()
            .orElseThrow(
                () -> new IllegalArgumentException("'" + text + "' is not a location: " + FORMS));
    if (code.isEmpty()) {
      throw new IllegalArgumentException(
          "'" + text + "' names no " + kind.prefix() + ": write one like " + kind.example());
    }
    String upper = code.toUpperCase(Locale.ROOT);
    return switch (kind) {
      case CONTINENT -> {
        if (!CONTINENTS.contains(upper)) {
          throw new IllegalArgumentException(
              "'"
                  + code
                  + "' is not a continent code: use AF (Africa), AN (Antarctica), AS (Asia), EU"
                  + " (Europe), NA (North America), OC (Oceania) or SA (South America)");
        }
        yield continent(upper);
      }
      case COUNTRY -> {
        if (!COUNTRIES.contains(upper)) {
          throw new IllegalArgumentException(
              "'"
                  + code
                  + "' is not an ISO 3166-1 alpha-2 country code: write its two letters, like"
                  + " US, DE or JP");
        }
        yield country(upper);
      }
      case SUBDIVISION -> {
        int dash = upper.indexOf('-');
        String country = dash < 0 ? "" : upper.substring(0, dash);
        String state = dash < 0 ? "" : upper.substring(dash + 1);
        if (!country.equals("US") || !US_STATES.contains(state)) {
          throw new IllegalArgumentException(
              "'"
                  + code
                  + "' is not a US state: subdivision locations are US states, written US- and"
                  + " the state's postal code, like US-CA or US-NY (elsewhere use country: or"
                  + " continent:)");
        }
        yield subdivision(country, state);
      }
      case CLOUD_REGION -> {
        String region = code.toLowerCase(Locale.ROOT);
        if (!CLOUD_REGION.matcher(region).matches()) {
          throw new IllegalArgumentException(
              "'"
                  + code
                  + "' is not a Google Cloud region name: write one like europe-west1 or"
                  + " us-central1 (gcloud compute regions list)");
        }
        yield cloudRegion(region);
      }
      case DEFAULT -> throw new AssertionError(kind);
    };
  }

  /**
   * The kinds of {@code kinds} as the config writes them, like "continent:, country: or default".
   */
  public static String describe(Set<Kind> kinds) {
    List<String> names =
        new TreeSet<>(kinds)
            .stream().map(kind -> kind == Kind.DEFAULT ? "default" : kind.prefix() + ":").toList();
    if (names.size() <= 1) {
      return String.join("", names);
    }
    return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
  }

  public boolean isDefault() {
    return kind == Kind.DEFAULT;
  }

  @Override
  public int compareTo(Location other) {
    int byKind = kind.compareTo(other.kind);
    return byKind != 0 ? byKind : code.compareTo(other.code);
  }

  /** As the config writes it: {@code continent:EU}, {@code default}. */
  @Override
  public String toString() {
    return kind == Kind.DEFAULT ? kind.prefix() : kind.prefix() + ":" + code;
  }
}

package io.dnsfailover.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvSubstitutionTest {

  private final EnvSubstitution substitution =
      new EnvSubstitution(Map.of("HOST", "db", "EMPTY", ""));

  @Test
  void substitutesSetVariablesAndDefaults() {
    assertThat(substitution.apply("${HOST}:${PORT:-5432}"))
        .isEqualTo(new EnvSubstitution.Result.Value("db:5432", true));
  }

  @Test
  void defaultAlsoAppliesToAnEmptyVariableLikeAShell() {
    assertThat(substitution.apply("${EMPTY:-x}/${EMPTY}"))
        .isEqualTo(new EnvSubstitution.Result.Value("x/", true));
  }

  @Test
  void textWithoutReferencesIsKeptAsItIs() {
    assertThat(substitution.apply("http://{address}:8080/ok"))
        .isEqualTo(new EnvSubstitution.Result.Value("http://{address}:8080/ok", false));
  }

  @Test
  void doubleDollarEscapesALiteralReference() {
    assertThat(substitution.apply("$${HOST} costs $5"))
        .isEqualTo(new EnvSubstitution.Result.Value("${HOST} costs $5", true));
  }

  @Test
  void reportsEveryUnsetVariable() {
    assertThat(substitution.apply("${A}-${HOST}-${B}"))
        .isEqualTo(new EnvSubstitution.Result.Unset(List.of("A", "B")));
  }

  @Test
  void reportsMalformedReferences() {
    assertThat(substitution.apply("${HOST")).isInstanceOf(EnvSubstitution.Result.Malformed.class);
    assertThat(substitution.apply("${1X}")).isInstanceOf(EnvSubstitution.Result.Malformed.class);
  }
}

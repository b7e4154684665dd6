package io.dnsfailover.engine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BearerTokenTest {

  private final BearerToken token = BearerToken.of("correct horse");

  @Test
  void acceptsTheTokenAsBearerInAnyCaseOfTheScheme() {
    assertThat(token.matches(Optional.of("Bearer correct horse"))).isTrue();
    assertThat(token.matches(Optional.of("bearer correct horse"))).isTrue();
    assertThat(token.matches(Optional.of("BEARER   correct horse  "))).isTrue();
  }

  @Test
  void acceptsTheTokenAsTheBasicPasswordWithAnyUser() {
    assertThat(token.matches(Optional.of("Basic " + basic("anyone:correct horse")))).isTrue();
    assertThat(token.matches(Optional.of("Basic " + basic(":correct horse")))).isTrue();
    assertThat(token.matches(Optional.of("Basic " + basic("correct horse")))).isFalse();
    assertThat(token.matches(Optional.of("Basic not-base64!"))).isFalse();
  }

  @Test
  void refusesEverythingElse() {
    assertThat(token.matches(Optional.empty())).isFalse();
    assertThat(token.matches(Optional.of(""))).isFalse();
    assertThat(token.matches(Optional.of("correct horse"))).isFalse();
    assertThat(token.matches(Optional.of("Bearer"))).isFalse();
    assertThat(token.matches(Optional.of("Bearer correct"))).isFalse();
    assertThat(token.matches(Optional.of("Bearer correct horse battery"))).isFalse();
    assertThat(token.matches(Optional.of("Token correct horse"))).isFalse();
  }

  @Test
  void anEmptyTokenIsRefusedAndNoneIsEverShown() {
    assertThatThrownBy(() -> BearerToken.of(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BearerToken.of(null)).isInstanceOf(IllegalArgumentException.class);
    assertThat(token.toString()).doesNotContain("correct").doesNotContain("horse");
  }

  private static String basic(String credentials) {
    return Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }
}

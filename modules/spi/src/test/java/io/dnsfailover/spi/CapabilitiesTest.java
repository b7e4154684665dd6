package io.dnsfailover.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

  @Test
  void aProviderKeepsMemberIdsUnlessItSaysOtherwise() {
    assertThat(new Capabilities(true, 0, 0).keepsMemberIds()).isTrue();
    assertThat(new Capabilities(true, 0, 0, Set.of(Location.Kind.DEFAULT)).keepsMemberIds())
        .isTrue();
    assertThat(new Capabilities(true, 0, 0, Set.of(), false).keepsMemberIds()).isFalse();
  }
}

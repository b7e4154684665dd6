package io.dnsfailover.health.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpTargetTest {

  @Test
  void theUrlGivesNameAddressPortAndRequestTarget() {
    HttpTarget target =
        HttpTarget.of(URI.create("https://192.0.2.10/healthz?deep=1"), Optional.empty());

    assertThat(target)
        .isEqualTo(new HttpTarget("https", "192.0.2.10", "192.0.2.10", 443, "/healthz?deep=1"));
    assertThat(target.authority()).isEqualTo("192.0.2.10");
  }

  @Test
  void hostRenamesTheTargetButKeepsTheAddress() {
    HttpTarget target =
        HttpTarget.of(URI.create("http://192.0.2.10:8080"), Optional.of("app.example.test"));

    assertThat(target)
        .isEqualTo(new HttpTarget("http", "app.example.test", "192.0.2.10", 8080, "/"));
    assertThat(target.authority()).isEqualTo("app.example.test:8080");
  }

  @Test
  void ipv6LiteralsAreBracketedInTheHostHeaderOnly() {
    HttpTarget target = HttpTarget.of(URI.create("http://[2001:db8::1]:8080/"), Optional.empty());

    assertThat(target.connectTo()).isEqualTo("2001:db8::1");
    assertThat(target.authority()).isEqualTo("[2001:db8::1]:8080");
  }

  @Test
  void aRedirectOnTheSameNameStaysOnTheSameAddress() {
    HttpTarget target =
        HttpTarget.of(URI.create("http://192.0.2.10/a/b"), Optional.of("app.example.test"));

    assertThat(target.redirect("c?x=1"))
        .isEqualTo(new HttpTarget("http", "app.example.test", "192.0.2.10", 80, "/a/c?x=1"));
    assertThat(target.redirect("https://APP.example.test/secure"))
        .isEqualTo(new HttpTarget("https", "app.example.test", "192.0.2.10", 443, "/secure"));
  }

  @Test
  void aRedirectToAnotherNameGoesWhereThatNameResolves() {
    HttpTarget target =
        HttpTarget.of(URI.create("http://192.0.2.10/"), Optional.of("app.example.test"));

    assertThat(target.redirect("http://other.example.test:81/x"))
        .isEqualTo(new HttpTarget("http", "other.example.test", "other.example.test", 81, "/x"));
  }

  @Test
  void onlyHttpAndHttpsAreFollowed() {
    HttpTarget target = HttpTarget.of(URI.create("http://192.0.2.10/"), Optional.empty());

    assertThatThrownBy(() -> target.redirect("ftp://192.0.2.10/file"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an http or https URL");
    assertThatThrownBy(() -> target.redirect("http://bad host/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("redirect to an invalid location");
  }
}

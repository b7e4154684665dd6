package io.dnsfailover.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a check's URL looks like wherever it is shown: never with its password. */
class ProbeRedactionTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          http://probe:s3cret@192.0.2.1:8080/healthz | http://probe:***@192.0.2.1:8080/healthz
          http://tok3n@example.test/                 | http://***@example.test/
          http://probe:p@ss@example.test/            | http://probe:***@example.test/
          'ftp://probe:s3cret@{address}/'            | 'ftp://probe:***@{address}/'
          http://example.test/mail@here?to=a@b       | http://example.test/mail@here?to=a@b
          http://[2001:db8::1]:8080/                 | http://[2001:db8::1]:8080/
          not a url: user:secret@host                | not a url: user:secret@host
          """)
  void thePasswordIsMaskedAndTheRestKept(String url, String shown) {
    assertThat(Probe.Http.redactPassword(url)).isEqualTo(shown);
  }
}

package io.dnsfailover.provider.zonefile;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.spi.DnsName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Name;

/**
 * {@link ZoneChecks} refuses exactly the zones BIND refuses, case by case: each case is checked by
 * {@code named-checkzone} too, so the two can never drift apart unnoticed.
 */
class ZoneChecksTest {

  private static final String HEAD =
      """
      $ORIGIN example.test.
      $TTL 300
      @ IN SOA ns1 hostmaster 1 3600 600 1209600 30
      """;
  private static final String NS = "@ IN NS ns1\nns1 IN A 192.0.2.1\n";

  @TempDir Path directory;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          CNAME beside TXT            | app IN CNAME www\\napp IN TXT "x"          | app.example.test. has a CNAME beside TXT: a CNAME must be the only record at its name
          CNAME beside MX             | app IN CNAME www\\napp IN MX 10 mail       | app.example.test. has a CNAME beside MX
          CNAME beside A (generated)  | $GENERATE 1-9 host$ A 10.0.0.$\\nhost6 IN CNAME www | host6.example.test. has a CNAME beside A
          CNAME beside DNAME          | x IN CNAME a.test.\\nx IN DNAME b.test.   | x.example.test. has a CNAME beside DNAME
          CNAME at the apex           | @ IN CNAME www                             | example.test. has a CNAME beside NS, SOA
          two CNAMEs                  | app IN CNAME a\\napp IN CNAME b           | app.example.test. has 2 CNAME records; one at most
          two DNAMEs                  | x IN DNAME a.test.\\nx IN DNAME b.test.   | x.example.test. has 2 DNAME records; one at most
          CNAME beside its NSEC       | x IN CNAME a.test.\\nx IN NSEC y A         |
          the same CNAME twice        | app IN CNAME www\\napp 60 IN CNAME www    |
          DNAME beside A              | x IN DNAME a.test.\\nx IN A 192.0.2.9      |
          MX naming a CNAME           | mail IN CNAME www\\nwww IN A 192.0.2.8\\n@ IN MX 10 mail |
          in-zone NS without address  | @ IN NS ns2                                | name server ns2.example.test. (NS of example.test.) has no address record (A or AAAA)
          in-zone NS that is a CNAME  | @ IN NS ns2\\nns2 IN CNAME ns1             | name server ns2.example.test. (NS of example.test.) is a CNAME, which NS must not name
          delegation without glue     | sub IN NS ns.sub                           |
          out-of-zone NS              | @ IN NS ns.other.test.                     |
          """)
  void agreesWithNamedCheckzone(String name, String records, String problem) throws Exception {
    String text = HEAD + NS + records.replace("\\n", "\n") + "\n";

    List<String> problems = problems(text);

    if (problem == null) {
      assertThat(problems).isEmpty();
    } else {
      assertThat(problems).singleElement().asString().startsWith(problem);
    }
    assertBindAgrees(text, problems.isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          no NS at the apex     | ns1 IN A 192.0.2.1                 | example.test. (the apex) has no NS record: a zone needs at least one
          SOA after other data  | @ IN NS ns1\\nns1 IN A 192.0.2.1   |
          """)
  void apexRules(String name, String records, String problem) throws Exception {
    String text =
        "$ORIGIN example.test.\n$TTL 300\n"
            + records.replace("\\n", "\n")
            + "\n@ IN SOA ns1 hostmaster 1 3600 600 1209600 30\n";

    List<String> problems = problems(text);

    if (problem == null) {
      assertThat(problems).isEmpty();
    } else {
      assertThat(problems).containsExactly(problem);
    }
    assertBindAgrees(text, problems.isEmpty());
  }

  private static List<String> problems(String text) throws Exception {
    return ZoneChecks.problems(
        ZoneFileText.parse(text, Name.fromString("example.test."), "test").records(),
        DnsName.of("example.test."));
  }

  private void assertBindAgrees(String text, boolean accepted) throws Exception {
    if (!NamedCheckzone.available()) {
      return; // the other tests say what to install; this half needs BIND
    }
    Path file = Files.writeString(directory.resolve("example.test.zone"), text);
    NamedCheckzone.Verdict verdict = NamedCheckzone.check("example.test", file);
    assertThat(verdict.accepted())
        .as("named-checkzone:%n%s%n%s", verdict.output(), text)
        .isEqualTo(accepted);
  }
}

package io.dnsfailover.core.config;

import static io.dnsfailover.core.config.ConfigFixture.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per kind of mistake: the exact line, column, key path and message. */
class ConfigLoaderErrorsTest {

  @TempDir Path directory;
  ConfigFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new ConfigFixture(directory, Map.of());
  }

  private static String record(String body) {
    return HEADER + body.stripIndent().indent(6);
  }

  @Test
  void yamlSyntaxErrorIsReportedAtTheParsersPosition() {
    assertThat(fixture.problems("version: 1\nownerId: [a, b\nzones: []\n"))
        .containsExactly("3:6: YAML syntax error: expected ',' or ']', but got :");
  }

  @Test
  void duplicateKeyIsReportedAtTheSecondKey() {
    assertThat(
            fixture.problems(
                record(
                    """
                    - name: app
                      type: A
                      type: AAAA
                      endpoints: [{ id: a, address: 192.0.2.1, check: { type: icmp } }]
                    """)))
        .containsExactly(
            "11:9: zones[0].records[0].type: duplicate key: already set at line 10; give each key"
                + " once");
  }

  @Test
  void unknownKeyIsReportedAtTheKeyWithTheAllowedKeys() {
    assertThat(
            fixture.problems(
                record(
                    """
                    - name: app
                      type: A
                      tll: 20
                      endpoints: [{ id: a, address: 192.0.2.1, check: { type: icmp } }]
                    """)))
        .containsExactly(
            "11:9: zones[0].records[0].tll: unknown key in a record: allowed keys are name, type,"
                + " ttl, policy, whenAllDown, adopt, check, endpoints");
  }

  @Test
  void wrongValueTypesAreReportedWithWhatWasExpected() {
    assertThat(
            fixture.problems(
                record(
                    """
                    - name: app
                      type: A
                      ttl: thirty
                      adopt: [true]
                      endpoints: { id: a }
                    """)))
        .containsExactly(
            "11:14: zones[0].records[0].ttl: 'thirty' is not a whole number: expected a whole"
                + " number from 1 to 86400",
            "12:16: zones[0].records[0].adopt: expected true or false, found a list",
            "13:20: zones[0].records[0].endpoints: expected a list of endpoints, found a mapping");
  }

  @Test
  void addressMustFitTheRecordType() {
    assertThat(
            fixture.problems(
                record(
                    """
                    - name: app
                      type: A
                      check: { type: icmp }
                      endpoints: [{ id: a, address: 192.0.2.300 }]
                    - name: v6
                      type: AAAA
                      check: { type: icmp }
                      endpoints: [{ id: a, address: "2001:db8:::1" }]
                    - name: alias
                      type: CNAME
                      check: { type: icmp }
                      endpoints: [{ id: a, address: 192.0.2.1 }]
                    """)))
        .containsExactly(
            "12:39: zones[0].records[0].endpoints[0].address: '192.0.2.300' is not an IPv4"
                + " address: an A record's endpoints need an IPv4 literal like 192.0.2.10",
            "16:39: zones[0].records[1].endpoints[0].address: '2001:db8:::1' is not an IPv6"
                + " address: an AAAA record's endpoints need an IPv6 literal like 2001:db8::10",
            "20:39: zones[0].records[2].endpoints[0].address: '192.0.2.1' is not a host name: a"
                + " CNAME record's endpoints need a host name like backup.example.net");
  }

  @Test
  void cnameMustNeverHaveTwoPossibleTargets() {
    assertThat(
            fixture.problems(
                record(
                    """
                    - name: weighted
                      type: CNAME
                      policy: weighted
                      whenAllDown: all
                      check: { type: icmp }
                      endpoints:
                        - { id: a, address: a.example.net }
                        - { id: b, address: b.example.net }
                    - name: tied
                      type: CNAME
                      check: { type: icmp }
                      endpoints:
                        - { id: a, address: a.example.net, priority: 2 }
                        - { id: b, address: b.example.net, priority: 2 }
                    """)))
        .containsExactly(
            "11:17: zones[0].records[0].policy: policy 'weighted' can publish all 2 endpoints, but"
                + " a CNAME has exactly one target: use policy failover with a different priority"
                + " per endpoint",
            "12:22: zones[0].records[0].whenAllDown: whenAllDown 'all' publishes all 2 endpoints,"
                + " but a CNAME has exactly one target: use keep or none",
            "22:56: zones[0].records[1].endpoints[1].priority: priority 2 is shared with the"
                + " endpoint at line 21: a CNAME has exactly one target, so its failover endpoints"
                + " need different priorities");
  }

  @Test
  void recordNameAndTypeMustBeUniqueAndCnameAloneAtItsName() {
    String endpoints = "  check: { type: icmp }\n  endpoints: [{ id: a, address: 192.0.2.1 }]\n";
    String cnameEndpoints =
        "  check: { type: icmp }\n  endpoints: [{ id: a, address: a.example.net }]\n";
    assertThat(
            fixture.problems(
                record(
                    "- name: app\n  type: A\n"
                        + endpoints
                        + "- name: app.example.test.\n  type: A\n"
                        + endpoints
                        + "- name: app\n  type: CNAME\n"
                        + cnameEndpoints)))
        .containsExactly(
            "13:15: zones[0].records[1].name: record app.example.test. A is already defined at"
                + " zones[0].records[0] (line 9): give each name and type one record",
            "17:15: zones[0].records[2].name: app.example.test. has a CNAME record here and a A"
                + " record at zones[0].records[0] (line 9): a CNAME must be the only record at its"
                + " name");
  }

  @Test
  void ttlOutsideTheRangeIsAnErrorAndAboveThreeHundredAWarning() {
    assertThat(
            fixture.problems(
                record(
                    """
                    - name: app
                      type: A
                      ttl: 0
                      check: { type: icmp }
                      endpoints: [{ id: a, address: 192.0.2.1 }]
                    - name: slow
                      type: A
                      ttl: 3600
                      check: { type: icmp }
                      endpoints: [{ id: a, address: 192.0.2.1 }]
                    """)))
        .containsExactly(
            "11:14: zones[0].records[0].ttl: '0' is out of range: expected a whole number from 1"
                + " to 86400",
            "16:14: warning: zones[0].records[1].ttl: '3600' seconds is above 300: resolvers may"
                + " keep answering with a failed endpoint that long after a failover; use 300 or"
                + " less");
  }

  @Test
  void providerProblems() {
    assertThat(
            fixture.problems(
                """
                version: 1
                ownerId: test
                providers:
                  local: { type: zonefile, dir: zones }
                  cloud: { type: route54 }
                  nothing: { region: x }
                zones:
                  - name: example.test.
                    provider: elsewhere
                    records:
                      - name: app
                        type: A
                        check: { type: icmp }
                        endpoints: [{ id: a, address: 192.0.2.1 }]
                """))
        .containsExactly(
            "4:10: providers.local.path: required key is missing: zonefile providers need path",
            "4:28: providers.local.dir: unknown key in a zonefile provider: allowed keys are type,"
                + " path",
            "5:18: providers.cloud.type: 'route54' is not a known provider type: known types are"
                + " route53, zonefile",
            "6:12: providers.nothing.type: required key is missing: write a provider type, one of"
                + " route53, zonefile",
            "9:15: zones[0].provider: 'elsewhere' is not a provider defined in providers: defined"
                + " are cloud, local, nothing");
  }

  @Test
  void recordOutsideItsZone() {
    assertThat(
            fixture.problems(
                record(
                    """
                    - name: app.example.org.
                      type: A
                      check: { type: icmp }
                      endpoints: [{ id: a, address: 192.0.2.1 }]
                    """)))
        .containsExactly(
            "9:15: zones[0].records[0].name: 'app.example.org.' is not in zone example.test.:"
                + " write a name relative to the zone, @ for the apex, or a full name ending in"
                + " .example.test.");
  }

  @Test
  void priorityAndWeightOutOfRange() {
    assertThat(
            fixture.problems(
                record(
                    """
                    - name: app
                      type: A
                      check: { type: icmp }
                      endpoints: [{ id: a, address: 192.0.2.1, priority: 0, weight: 256 }]
                    """)))
        .containsExactly(
            "12:60: zones[0].records[0].endpoints[0].priority: '0' is out of range: expected a"
                + " whole number from 1 to 1000",
            "12:71: zones[0].records[0].endpoints[0].weight: '256' is out of range: expected a"
                + " whole number from 0 to 255");
  }

  @Test
  void checkTimingProblems() {
    assertThat(
            fixture.problems(
                record(
                    """
                    - name: app
                      type: A
                      check: { type: icmp, rise: 0, fall: -1 }
                      endpoints: [{ id: a, address: 192.0.2.1 }]
                    - name: slow
                      type: A
                      check: { type: icmp, interval: 5s, timeout: 5s, maxLatency: 1s }
                      endpoints: [{ id: a, address: 192.0.2.1 }]
                    - name: late
                      type: A
                      check: { type: icmp, timeout: 1s, maxLatency: 3s }
                      endpoints: [{ id: a, address: 192.0.2.1 }]
                    """)))
        .containsExactly(
            "11:36: zones[0].records[0].check.rise: '0' is out of range: expected a whole number"
                + " from 1 to 100",
            "11:45: zones[0].records[0].check.fall: '-1' is out of range: expected a whole number"
                + " from 1 to 100",
            "15:53: zones[0].records[1].check.timeout: timeout '5s'"
                + " (zones[0].records[1].check.timeout) must be shorter than interval '5s'"
                + " (zones[0].records[1].check.interval): a probe must end before the next one"
                + " starts",
            "19:55: warning: zones[0].records[2].check.maxLatency: maxLatency '3s' is longer than"
                + " timeout '1s' (zones[0].records[2].check.timeout), so it never applies: a probe"
                + " that slow has already timed out");
  }

  @Test
  void unknownCheckTypeAndKeysOfAnotherType() {
    assertThat(
            fixture.problems(
                record(
                    """
                    - name: app
                      type: A
                      check: { type: smtp }
                      endpoints:
                        - id: a
                          address: 192.0.2.1
                          check: { type: http, port: 80 }
                    """)))
        .containsExactly(
            "11:24: zones[0].records[0].check.type: 'smtp' is not allowed: expected one of http,"
                + " https, tcp, icmp, dns",
            "15:34: zones[0].records[0].endpoints[0].check.port: port does not apply to check type"
                + " http (this check): keys for http are type, interval, timeout, rise, fall,"
                + " maxLatency, sourceAddress, url, method, host, headers, expectStatus,"
                + " bodyMatches, followRedirects, tlsVerify");
  }

  @Test
  void missingRequiredKeysAreReportedAtTheEnclosingMapping() {
    assertThat(
            fixture.problems(
                """
                ownerId: test
                providers:
                  local: { type: zonefile, path: zones/example.test.zone }
                zones:
                  - name: example.test.
                    provider: local
                    records:
                      - name: app
                        endpoints:
                          - { address: 192.0.2.1, check: { type: tcp } }
                """))
        .containsExactly(
            "1:1: version: required key is missing: write version: 1",
            "8:9: zones[0].records[0].type: required key is missing: the record type, one of A,"
                + " AAAA, CNAME",
            "10:13: zones[0].records[0].endpoints[0].id: required key is missing: write a name"
                + " unique within the record, like primary",
            "10:42: zones[0].records[0].endpoints[0].check.port: required key is missing: tcp"
                + " checks need a port from 1 to 65535");
  }

  @Test
  void duplicateEndpointIdsAndEmptyEndpoints() {
    assertThat(
            fixture.problems(
                record(
                    """
                    - name: app
                      type: A
                      check: { type: icmp }
                      endpoints:
                        - { id: a, address: 192.0.2.1 }
                        - { id: a, address: 192.0.2.2 }
                    - name: empty
                      type: A
                      endpoints: []
                    """)))
        .containsExactly(
            "14:19: zones[0].records[0].endpoints[1].id: 'a' is already the id of the endpoint at"
                + " line 13: ids must be unique within a record",
            "17:20: zones[0].records[1].endpoints: is empty: a record needs at least one"
                + " endpoint");
  }

  @Test
  void endpointWithoutAnyCheck() {
    assertThat(
            fixture.problems(
                record(
                    """
                    - name: app
                      type: A
                      endpoints: [{ id: a, address: 192.0.2.1 }]
                    """)))
        .containsExactly(
            "11:21: zones[0].records[0].endpoints[0].check: this endpoint has no check: give it,"
                + " its record or defaults a check, like check: {type: tcp, port: 443}");
  }

  @Test
  void invalidRegexDurationAndUrl() {
    assertThat(
            fixture.problems(
                record(
                    """
                    - name: app
                      type: A
                      check:
                        type: http
                        url: "ftp://{address}/"
                        bodyMatches: "(unclosed"
                        interval: 10 seconds
                      endpoints: [{ id: a, address: 192.0.2.1 }]
                    """)))
        .containsExactly(
            "13:16: zones[0].records[0].check.url: 'ftp://{address}/' is not a valid http URL"
                + " once {address} is substituted: write http://{address}:8080/path (the scheme"
                + " must match the check type)",
            "14:24: zones[0].records[0].check.bodyMatches: '(unclosed' is not a valid regular"
                + " expression: Unclosed group",
            "15:21: zones[0].records[0].check.interval: '10 seconds' is not a duration: write a"
                + " whole number with ms, s, m or h, like 500ms or 10s");
  }

  @Test
  void manyMistakesAreAllReportedInOneException() {
    String yaml =
        """
        version: 2
        ownerId: "prod eu"
        colour: blue
        providers:
          local: { type: zonefile }
        zones:
          - name: example.test.
            provider: local
            records:
              - name: app
                type: MX
                ttl: 100000
                policy: random
                endpoints:
                  - { id: a, address: 192.0.2.1, weight: heavy, check: { type: tcp, port: 99999 } }
        """;
    assertThat(fixture.problems(yaml))
        .containsExactly(
            "1:10: version: '2' is not a version this dnsfailover reads: write version: 1",
            "2:10: ownerId: 'prod eu' is not an owner id of letters, digits, '-', '_' and '.',"
                + " like prod-eu",
            "3:1: colour: unknown key in the top level: allowed keys are version, ownerId,"
                + " defaults, providers, zones, journal, notifications, cluster",
            "5:10: providers.local.path: required key is missing: zonefile providers need path",
            "11:15: zones[0].records[0].type: 'MX' is not allowed: expected one of A, AAAA, CNAME",
            "12:14: zones[0].records[0].ttl: '100000' is out of range: expected a whole number"
                + " from 1 to 86400",
            "13:17: zones[0].records[0].policy: 'random' is not allowed: expected one of failover,"
                + " weighted, multivalue, geo",
            "15:50: zones[0].records[0].endpoints[0].weight: 'heavy' is not a whole number:"
                + " expected a whole number from 0 to 255",
            "15:83: zones[0].records[0].endpoints[0].check.port: '99999' is out of range: expected"
                + " a whole number from 1 to 65535");
  }

  @Test
  void aSourceAddressThatIsNotAnIpLiteralIsReported() {
    assertThat(
            fixture.problems(
                record(
                    """
                    - name: app
                      type: A
                      endpoints:
                        - { id: a, address: 192.0.2.1, check: { type: tcp, port: 80, sourceAddress: wan1 } }
                    """)))
        .containsExactly(
            "12:87: zones[0].records[0].endpoints[0].check.sourceAddress: 'wan1' is not an IP address:"
                + " write the IPv4 or IPv6 literal of a local interface, like 192.0.2.1 or 2001:db8::1");
  }

  @Test
  void aZoneListedTwiceIsReported() {
    assertThat(
            fixture.problems(
                record(
                        """
                    - name: app
                      type: A
                      endpoints: [{ id: a, address: 192.0.2.1, check: { type: icmp } }]
                    """)
                    + """
                      - name: EXAMPLE.test
                        provider: local
                        records:
                          - name: www
                            type: A
                            endpoints: [{ id: a, address: 192.0.2.1, check: { type: icmp } }]
                    """))
        .containsExactly(
            "12:11: zones[1].name: zone example.test. is already listed at line 6: list each zone once,"
                + " with all its records");
  }

  @Test
  void aCnameAtTheZoneApexIsRefusedAtItsType() {
    assertThat(
            fixture.problems(
                record(
                    """
                    - name: "@"
                      type: CNAME
                      check: { type: icmp }
                      endpoints: [{ id: a, address: www.example.net }]
                    """)))
        .containsExactly(
            "10:15: zones[0].records[0].type: a CNAME cannot be at the zone apex example.test.:"
                + " the apex holds the zone's SOA and NS records and a CNAME must be the only"
                + " record at its name, so servers would refuse the zone; publish A or AAAA records"
                + " at the apex, or put the CNAME at a name below it");
  }

  @Test
  void aNameOfAnOwnershipMarkerIsRefused() {
    assertThat(
            fixture.problems(
                record(
                    """
                    - name: _dnsfailover.app
                      type: A
                      check: { type: icmp }
                      endpoints: [{ id: a, address: 192.0.2.1 }]
                    """)))
        .containsExactly(
            "9:15: zones[0].records[0].name: '_dnsfailover.app' is the name of an ownership"
                + " marker: names starting with _dnsfailover. hold dnsfailover's TXT markers;"
                + " choose another name");
  }

  @Test
  void headerNamesAndValuesFollowHttpsRules() {
    assertThat(
            fixture.problems(
                record(
                    """
                    - name: app
                      type: A
                      check:
                        type: http
                        headers:
                          X-Token: "s3cret\\r\\nInjected: yes"
                          Bad Name: x
                          X-Nul: "a\\0b"
                          X-Accent: "café"
                          X-Fine: "Bearer abc.def, q=1"
                      endpoints: [{ id: a, address: 192.0.2.1 }]
                    """)))
        .containsExactly(
            "14:22: zones[0].records[0].check.headers.X-Token: header X-Token's value has a line"
                + " break (CR or LF), which HTTP does not allow in a header value (the value is not"
                + " shown; a variable read from a file often ends in a newline)",
            "15:13: zones[0].records[0].check.headers.Bad Name: 'Bad Name' is not an HTTP header"
                + " name: use letters, digits and - (RFC 9110 also allows !#$%&'*+.^_`|~; no"
                + " spaces or colons)",
            "16:20: zones[0].records[0].check.headers.X-Nul: header X-Nul's value has a NUL"
                + " character, which HTTP does not allow in a header value (the value is not"
                + " shown)",
            "17:23: zones[0].records[0].check.headers.X-Accent: header X-Accent's value has a"
                + " control character or a character outside ASCII: header values hold visible"
                + " ASCII, spaces and tabs (the value is not shown)");
  }

  @Test
  void aPasswordInAnInvalidUrlIsMasked() {
    assertThat(
            fixture.problems(
                record(
                    """
                    - name: app
                      type: A
                      check: { type: http, url: "ftp://probe:s3cret@{address}/" }
                      endpoints: [{ id: a, address: 192.0.2.1 }]
                    """)))
        .containsExactly(
            "11:35: zones[0].records[0].check.url: 'ftp://probe:***@{address}/' is not a valid"
                + " http URL once {address} is substituted: write http://{address}:8080/path (the"
                + " scheme must match the check type)");
  }
}

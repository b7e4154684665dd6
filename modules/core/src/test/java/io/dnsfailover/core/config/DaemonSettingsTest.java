package io.dnsfailover.core.config;

import static io.dnsfailover.core.config.ConfigFixture.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's {@code journal:} and {@code notifications:} blocks. */
class DaemonSettingsTest {

  private static final String SECRET_URL = "https://hooks.slack.com/services/T000/B000/s3cr3t";
  private static final String RECORD =
      """
            - name: app
              type: A
              endpoints: [{ id: a, address: 192.0.2.1, check: { type: icmp } }]
      """;

  @TempDir Path directory;

  private ConfigFixture fixture(Map<String, String> environment) {
    return new ConfigFixture(directory, environment);
  }

  private static String withTop(String top) {
    return HEADER + RECORD + top.stripIndent();
  }

  @Test
  void withoutTheBlocksTheJournalHasDefaultsAndNothingIsNotified() throws Exception {
    Config config = fixture(Map.of()).load(HEADER + RECORD).requireConfig();

    assertThat(config.journal()).isEqualTo(JournalConfig.DEFAULT);
    assertThat(config.journal().maxBytes()).isEqualTo(10L * 1024 * 1024);
    assertThat(config.notifications().webhooks()).isEmpty();
  }

  @Test
  void everyKeyIsRead() throws Exception {
    Config config =
        fixture(Map.of("SLACK_URL", SECRET_URL, "TOKEN", "t0ken"))
            .load(
                withTop(
                    """
                    journal: { path: /var/lib/dnsfailover/events.jsonl, maxSize: 2MiB, keep: 3 }
                    notifications:
                      webhooks:
                        - url: ${SLACK_URL}
                          type: slack
                          events: [transition, change]
                          minInterval: 5m
                        - url: https://example.test/hook
                          headers: { Authorization: "Bearer ${TOKEN}" }
                    """))
            .requireConfig();

    assertThat(config.journal())
        .isEqualTo(
            new JournalConfig(
                Optional.of(Path.of("/var/lib/dnsfailover/events.jsonl")), 2 << 20, 3));
    WebhookConfig slack = config.notifications().webhooks().get(0);
    assertThat(slack.url()).isEqualTo(SECRET_URL);
    assertThat(slack.type()).isEqualTo(WebhookConfig.Type.slack);
    assertThat(slack.events())
        .containsExactlyInAnyOrder(
            WebhookConfig.EventKind.transition, WebhookConfig.EventKind.change);
    assertThat(slack.minInterval()).isEqualTo(Duration.ofMinutes(5));
    WebhookConfig json = config.notifications().webhooks().get(1);
    assertThat(json.type()).isEqualTo(WebhookConfig.Type.json);
    assertThat(json.headers()).containsExactly(Map.entry("Authorization", "Bearer t0ken"));
    assertThat(json.events()).isEqualTo(Set.of(WebhookConfig.EventKind.values()));
    assertThat(json.minInterval()).isEqualTo(WebhookConfig.DEFAULT_MIN_INTERVAL);
  }

  @Test
  void aWebhookNeverShowsItsUrlOrHeaderValues() throws Exception {
    Config config =
        fixture(Map.of("SLACK_URL", SECRET_URL))
            .load(
                withTop(
                    """
                    notifications:
                      webhooks:
                        - { url: "${SLACK_URL}", headers: { X-Token: hidden-value } }
                    """))
            .requireConfig();

    WebhookConfig webhook = config.notifications().webhooks().getFirst();
    assertThat(webhook.redactedUrl()).isEqualTo("https://hooks.slack.com");
    assertThat(webhook.toString())
        .contains("https://hooks.slack.com", "X-Token")
        .doesNotContain("s3cr3t", "services", "hidden-value");
    assertThat(config.toString()).doesNotContain("s3cr3t", "hidden-value");
  }

  @Test
  void mistakesAreReportedAtTheirValueWithoutQuotingSecrets() {
    assertThat(
            fixture(Map.of("BAD_URL", "ftp://s3cr3t@example.test/x"))
                .problems(
                    withTop(
                        """
                        journal: { path: events.jsonl, maxSize: huge, keep: -1, rotate: daily }
                        notifications:
                          webhooks:
                            - url: ${BAD_URL}
                              type: teams
                              events: [transition, reload]
                              minInterval: soon
                              secret: x
                        """)))
        .containsExactly(
            "12:41: journal.maxSize: 'huge' is not a size like 10MiB, 512KiB or 1GB (B, KB, MB,"
                + " GB, KiB, MiB, GiB), at least 1KiB",
            "12:53: journal.keep: '-1' is out of range: expected a whole number from 0 to 1000",
            "12:57: journal.rotate: unknown key in journal: allowed keys are path, maxSize, keep",
            "15:12: notifications.webhooks[0].url: is not an http or https URL with a host (the"
                + " value is not shown: it may be a secret)",
            "16:13: notifications.webhooks[0].type: 'teams' is not allowed: expected one of json,"
                + " slack",
            "17:28: notifications.webhooks[0].events[1]: 'reload' is not allowed: expected one of"
                + " transition, change, error",
            "18:20: notifications.webhooks[0].minInterval: 'soon' is not a duration: write a whole"
                + " number with ms, s, m or h, like 500ms or 10s",
            "19:7: notifications.webhooks[0].secret: unknown key in a webhook: allowed keys are url,"
                + " type, headers, events, minInterval");
  }

  @Test
  void webhookHeadersFollowHttpsRules() {
    assertThat(
            fixture(Map.of("TOKEN", "s3cr3t\n"))
                .problems(
                    withTop(
                        """
                        notifications:
                          webhooks:
                            - url: https://alerts.example.test/hook
                              headers: { "X Token": a, Authorization: "Bearer ${TOKEN}" }
                        """)))
        .containsExactly(
            "15:18: notifications.webhooks[0].headers.X Token: 'X Token' is not an HTTP header"
                + " name: use letters, digits and - (RFC 9110 also allows !#$%&'*+.^_`|~; no"
                + " spaces or colons)",
            "15:47: notifications.webhooks[0].headers.Authorization: header Authorization's value"
                + " has a line break (CR or LF), which HTTP does not allow in a header value (the"
                + " value is not shown; a variable read from a file often ends in a newline)");
  }

  @Test
  void aWebhookNeedsAUrl() {
    assertThat(
            fixture(Map.of())
                .problems(
                    withTop(
                        """
                        notifications:
                          webhooks:
                            - { type: slack }
                        """)))
        .containsExactly(
            "14:7: notifications.webhooks[0].url: required key is missing: write the webhook's"
                + " http or https URL, like ${SLACK_WEBHOOK_URL}");
  }

  @Test
  void anUnsetWebhookUrlIsOnlyAWarningWhenValidating() throws Exception {
    LoadResult result =
        fixture(Map.of())
            .load(
                withTop(
                    """
                    notifications:
                      webhooks: [{ url: "${SLACK_URL}", type: slack }]
                    """),
                ConfigLoader.Mode.VALIDATE_ONLY);

    assertThat(result.config()).isEmpty();
    assertThat(result.warnings()).hasSize(1);
    assertThat(result.warnings().getFirst().path()).isEqualTo("notifications.webhooks[0].url");
  }

  @Test
  void sizesReadDecimalAndBinaryUnits() {
    assertThat(JournalBinder.parseSize("2048")).contains(2048L);
    assertThat(JournalBinder.parseSize("10MB")).contains(10_000_000L);
    assertThat(JournalBinder.parseSize("10MiB")).contains(10L * 1024 * 1024);
    assertThat(JournalBinder.parseSize("1 GiB")).contains(1024L * 1024 * 1024);
    assertThat(JournalBinder.parseSize("10 parsecs")).isEmpty();
  }
}

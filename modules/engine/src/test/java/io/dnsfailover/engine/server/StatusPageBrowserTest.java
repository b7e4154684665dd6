package io.dnsfailover.engine.server;

import static io.dnsfailover.engine.server.DaemonHarness.BACKUP;
import static io.dnsfailover.engine.server.DaemonHarness.PRIMARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dnsfailover.health.testing.ScriptedChecker.Step;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The status page in a real headless Chromium (Debian's {@code chromium} and {@code
 * chromium-driver}), read the way a person reads it: visible text only. Skips only where {@code
 * /usr/bin/chromedriver} is missing; CI installs it.
 */
class StatusPageBrowserTest {

  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir Path dir;
  private ChromeDriverService service;
  private WebDriver browser;

  @BeforeEach
  void startBrowser() throws Exception {
    assumeTrue(
        CHROMEDRIVER.canExecute(),
        "/usr/bin/chromedriver is missing: apt-get install chromium chromium-driver");
    Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        "--user-data-dir=" + profile);
    service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER)
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
    if (service != null) {
      service.stop();
    }
  }

  @Test
  void afterAFailoverThePageShowsTheBackupTheDeadPrimaryAndTheEvent() throws Exception {
    try (DaemonHarness daemon = DaemonHarness.running(dir)) {
      browser.get(daemon.uri("/").toString());
      eventually(
          () -> {
            assertThat(recordRow().getText()).contains("192.0.2.10");
            assertThat(endpointRow(PRIMARY).getText()).contains("Up");
          });
      assertThat(text("ready")).isEqualTo("Ready");

      // Kill the primary while the page is open: it refreshes itself.
      daemon.primary().setCurrent(Step.down("HTTP 503"));
      daemon.awaitAnswer("192.0.2.20");

      eventually(
          () -> {
            String record = recordRow().getText();
            assertThat(record).contains("app.example.test.").contains("192.0.2.20");
            assertThat(record).doesNotContain("192.0.2.10 ");
            assertThat(record)
                .contains("primary (192.0.2.10) down: scripted: HTTP 503")
                .contains("failing over to priority 2: backup (192.0.2.20)");
          });
      eventually(
          () -> {
            String primary = endpointRow(PRIMARY).getText();
            assertThat(primary).contains("Down").contains("scripted: HTTP 503");
            assertThat(primary).contains("192.0.2.10");
            assertThat(endpointRow(BACKUP).getText()).contains("Up").contains("192.0.2.20");
            assertThat(text("t-unhealthy")).isEqualTo("1");
          });
      eventually(
          () -> {
            List<WebElement> failed =
                endpointRow(PRIMARY).findElements(By.cssSelector(".strip span.fail"));
            assertThat(failed).as("the history strip shows the failed probes").isNotEmpty();
            assertThat(failed.getLast().getDomAttribute("title")).contains("scripted: HTTP 503");
          });

      eventually(
          () -> {
            List<String> events =
                browser.findElements(By.cssSelector("#events li")).stream()
                    .map(WebElement::getText)
                    .toList();
            assertThat(events.getFirst())
                .as("the newest event is the failover")
                .contains("DNS change")
                .contains("app.example.test. A")
                .contains("192.0.2.10")
                .contains("→")
                .contains("192.0.2.20")
                .contains("failing over to priority 2");
            assertThat(events)
                .anySatisfy(
                    event ->
                        assertThat(event)
                            .contains(PRIMARY)
                            .contains("healthy")
                            .contains("unhealthy")
                            .contains("scripted: HTTP 503"));
          });
      assertThat(browser.getTitle()).startsWith("1 down");
      assertThat(browser.findElement(By.id("offline")).isDisplayed()).isFalse();
      assertThat(browser.findElement(By.id("last-error")).isDisplayed()).isFalse();
      assertThat(browser.findElement(By.id("holding")).isDisplayed())
          .as("a daemon alone always writes")
          .isFalse();
      assertThat(browser.findElement(By.id("cluster")).isDisplayed())
          .as("a daemon alone has no cluster table")
          .isFalse();
      assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("Cluster");

      // For a person reviewing the page: target/status-page.png.
      Path screenshot =
          ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(
          screenshot,
          Path.of("target", "status-page.png"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  void aClusterMemberShowsTheClusterTableAndWhyItIsNotWriting() throws Exception {
    FakeClusterView view = FakeClusterView.m0WithDissentingM1();
    view.follow("m1");
    try (DaemonHarness daemon = DaemonHarness.member(dir, view)) {
      browser.get(daemon.uri("/").toString());
      eventually(
          () -> {
            assertThat(text("ready")).isEqualTo("Ready");
            assertThat(text("holding")).isEqualTo("Not writing DNS: following leader m1");
            assertThat(text("cluster-summary")).isEqualTo("this daemon is m0 · leader m1");
          });
      assertThat(browser.findElement(By.id("cluster")).isDisplayed()).isTrue();
      assertThat(browser.findElement(By.cssSelector("#cluster h2")).getText())
          .startsWith("Cluster");
      eventually(
          () -> {
            assertThat(browser.findElements(By.cssSelector("#cluster tbody tr")))
                .extracting(row -> row.getDomAttribute("data-member"))
                .containsExactly("m0", "m1");
            String self = memberRow("m0").getText();
            assertThat(self)
                .contains("this daemon")
                .contains("observer")
                .contains("Up " + PRIMARY)
                .contains("Up " + BACKUP)
                .doesNotContain("Down");
            String leader = memberRow("m1").getText();
            assertThat(leader)
                .contains("leader")
                .contains("Down " + PRIMARY)
                .contains("Up " + BACKUP)
                .doesNotContain("this daemon");
            WebElement dissent =
                memberRow("m1").findElement(By.xpath(".//div[contains(., 'Down')]"));
            assertThat(dissent.getDomAttribute("title")).isEqualTo(FakeClusterView.DISSENT);
          });

      view.lead();
      eventually(
          () -> {
            assertThat(text("cluster-summary")).isEqualTo("this daemon is m0 · leader m0");
            assertThat(memberRow("m0").getText()).contains("leader").doesNotContain("observer");
            assertThat(memberRow("m1").getText()).contains("observer");
            assertThat(browser.findElement(By.id("holding")).isDisplayed()).isFalse();
            assertThat(recordRow().getText()).contains("192.0.2.10");
          });

      view.lose("etcd unreachable or without quorum (no answer within 2000ms)");
      eventually(
          () -> {
            assertThat(text("cluster-summary"))
                .isEqualTo(
                    "this daemon is m0 · leader m0 · etcd unreachable or without quorum (no"
                        + " answer within 2000ms)");
            assertThat(text("holding"))
                .isEqualTo(
                    "Not writing DNS: etcd unreachable or without quorum (no answer within"
                        + " 2000ms): keeping the last answer");
          });
    }
  }

  /** Waits until the page shows it; rows are rebuilt on every refresh, so lookups may go stale. */
  private static void eventually(ThrowingRunnable assertion) {
    await()
        .atMost(PATIENCE)
        .ignoreExceptionsInstanceOf(WebDriverException.class)
        .untilAsserted(assertion);
  }

  private WebElement recordRow() {
    return browser.findElement(By.cssSelector("#records tr[data-record='app.example.test. A']"));
  }

  private WebElement endpointRow(String key) {
    return browser.findElement(By.cssSelector("#endpoints tr[data-endpoint='" + key + "']"));
  }

  private WebElement memberRow(String member) {
    return browser.findElement(By.cssSelector("#cluster tr[data-member='" + member + "']"));
  }

  private String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }
}

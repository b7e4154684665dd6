package io.dnsfailover.provider.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.RetryStrategy;
import com.azure.core.management.profile.AzureProfile;
import com.azure.core.util.Configuration;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.resourcemanager.dns.DnsZoneManager;
import com.azure.resourcemanager.resources.fluentcore.utils.HttpPipelineProvider;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Builds the Azure SDK objects the provider uses. Nothing here makes a network call: credentials
 * are resolved on the first request.
 *
 * <ul>
 *   <li>HTTP: the JDK's {@code java.net.http} client (module {@code
 *       azure-core-http-jdk-httpclient}) instead of the SDK's default Netty client; see the
 *       module's pom for why.
 *   <li>Retries: the SDK's {@link RetryPolicy} with exponential backoff (0.8 s doubling to at most
 *       8 s, 3 retries) on 408, 429 and 5xx other than 501/505 and on I/O errors. When the response
 *       says how long to wait ({@code Retry-After} in seconds or as a date, {@code
 *       x-ms-retry-after-ms}, {@code retry-after-ms}), it waits that long instead, up to {@link
 *       #MAX_SERVER_DELAY} (8 s); a response asking for longer is not retried but handed back at
 *       once, and the error says how long Azure asked to wait. Retrying a PUT or DELETE is safe
 *       because every write carries {@code If-Match} or {@code If-None-Match}.
 *   <li>Credentials: {@code DefaultAzureCredential} (environment, workload identity, managed
 *       identity, Azure CLI, ...) signing in at the cloud's authority, or at {@code
 *       AZURE_AUTHORITY_HOST} when set.
 * </ul>
 */
final class AzureClients {

  static final Duration RETRY_BASE_DELAY = Duration.ofMillis(800);
  static final Duration RETRY_MAX_DELAY = Duration.ofSeconds(8);
  static final int MAX_RETRIES = 3;

  /**
   * The longest wait the provider accepts from a response's {@code Retry-After}, {@code
   * x-ms-retry-after-ms} or {@code retry-after-ms}: the same as the longest backoff, so the
   * provider never sleeps more than 8 s between two attempts and one call sleeps at most {@value
   * #MAX_RETRIES} times 8 s. A response asking for more is not retried (see {@link
   * #retryCondition}).
   */
  static final Duration MAX_SERVER_DELAY = RETRY_MAX_DELAY;

  /**
   * Sign-in hosts MSAL knows. For any other authority (Azure Stack Hub, a private cloud) MSAL would
   * ask login.microsoftonline.com to validate it, which cannot succeed; instance discovery is
   * turned off for those, as the azure-identity documentation advises for private clouds.
   */
  private static final Set<String> KNOWN_AUTHORITY_HOSTS =
      Set.of(
          "login.microsoftonline.com",
          "login.windows.net",
          "login.microsoft.com",
          "sts.windows.net",
          "login.chinacloudapi.cn",
          "login.microsoftonline.us",
          "login-us.microsoftonline.com",
          "login.microsoftonline.de");

  private AzureClients() {}

  /** The record-set calls for {@code settings}, authenticated with DefaultAzureCredential. */
  static AzureRecordSets recordSets(AzureSettings settings) {
    HttpClient httpClient = httpClient();
    AzureProfile profile = settings.profile();
    TokenCredential credential = defaultCredential(settings, httpClient);
    HttpPipeline pipeline =
        HttpPipelineProvider.buildHttpPipeline(
            Objects.requireNonNull(credential, "credential"),
            profile,
            null,
            new HttpLogOptions(),
            null,
            retryPolicy(new ExponentialBackoffOptions()),
            null,
            httpClient);
    return recordSets(pipeline, profile, settings.resourceGroup());
  }

  /** The record-set calls over a given pipeline (which carries the authentication policy). */
  static AzureRecordSets recordSets(
      HttpPipeline pipeline, AzureProfile profile, String resourceGroup) {
    DnsZoneManager manager = DnsZoneManager.authenticate(pipeline, profile);
    return new SdkRecordSets(manager.serviceClient().getRecordSets(), resourceGroup);
  }

  /**
   * The retry policy: {@code backoff}'s unset fields take this provider's defaults. The policy
   * reads the well-known delay headers itself (a fixed header name would make it fail on an
   * HTTP-date {@code Retry-After}) and sleeps as long as they say; {@link
   * #retryCondition(RetryStrategy, Clock)} declines the retry when that is longer than {@link
   * #MAX_SERVER_DELAY}.
   */
  static RetryPolicy retryPolicy(ExponentialBackoffOptions backoff) {
    if (backoff.getMaxRetries() == null) {
      backoff.setMaxRetries(MAX_RETRIES);
    }
    if (backoff.getBaseDelay() == null) {
      backoff.setBaseDelay(RETRY_BASE_DELAY);
    }
    if (backoff.getMaxDelay() == null) {
      backoff.setMaxDelay(RETRY_MAX_DELAY);
    }
    RetryStrategy defaults = new ExponentialBackoff(backoff);
    return new RetryPolicy(
        new RetryOptions(backoff)
            .setShouldRetryCondition(retryCondition(defaults, Clock.systemUTC())));
  }

  /**
   * When to retry: whenever {@code defaults} would (408, 429, 5xx other than 501/505, I/O errors),
   * unless the response asks for a wait ({@link RetryHint}) longer than {@link #MAX_SERVER_DELAY}.
   * Such a response goes back to the caller at once and {@link SdkRecordSets#failure} names the
   * wait in its message. The retry count is not touched: {@code RetryPolicy} still stops after
   * {@code getMaxRetries()}.
   *
   * <p>Why decline rather than wait the cap and retry: Resource Manager answers a request sent
   * before the {@code Retry-After} time with another 429 and a new wait, so retries after a
   * shortened wait only spend the retry budget and the time a SIGTERM is waiting for.
   */
  static Predicate<RequestRetryCondition> retryCondition(RetryStrategy defaults, Clock clock) {
    return condition ->
        defaults.shouldRetryCondition(condition)
            && (condition.getResponse() == null
                || !asksForTooLong(condition.getResponse().getHeaders(), clock));
  }

  /** Whether {@code headers} ask for a wait longer than {@link #MAX_SERVER_DELAY}. */
  static boolean asksForTooLong(HttpHeaders headers, Clock clock) {
    return RetryHint.of(headers, clock)
        .map(hint -> hint.delay().compareTo(MAX_SERVER_DELAY) > 0)
        .orElse(false);
  }

  static HttpClient httpClient() {
    return new JdkHttpClientBuilder()
        .connectionTimeout(Duration.ofSeconds(10))
        .responseTimeout(Duration.ofSeconds(60))
        .build();
  }

  private static TokenCredential defaultCredential(AzureSettings settings, HttpClient httpClient) {
    String authority =
        Configuration.getGlobalConfiguration()
            .get(
                Configuration.PROPERTY_AZURE_AUTHORITY_HOST,
                settings.cloud().environment().getActiveDirectoryEndpoint());
    DefaultAzureCredentialBuilder builder =
        new DefaultAzureCredentialBuilder().authorityHost(authority).httpClient(httpClient);
    if (!isKnownAuthority(authority)) {
      builder.disableInstanceDiscovery();
    }
    return builder.build();
  }

  static boolean isKnownAuthority(String authority) {
    String host = URI.create(authority).getHost();
    return host != null && KNOWN_AUTHORITY_HOSTS.contains(host.toLowerCase(Locale.ROOT));
  }
}

package io.dnsfailover.provider.route53;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.GetChangeRequest;
import software.amazon.awssdk.services.route53.model.GetChangeResponse;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameRequest;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameResponse;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * {@link Route53Api} over the AWS SDK's {@link Route53Client}, built on first use so that creating
 * a provider (and {@code validate}) makes no network call and reads no credentials.
 *
 * <p>The SDK's own retries are off ({@link AwsRetryStrategy#doNotRetry()}): {@link Route53Provider}
 * retries with its own backoff, so every attempt passes the rate limiter and is counted. The HTTP
 * client is the SDK's blocking Apache client, which the SDK builds with automatic retries disabled
 * too.
 *
 * <p>Credentials: a {@code profile} reads that profile of the shared config files (static keys,
 * SSO, {@code credential_process}, role chaining); otherwise the default chain (system properties,
 * environment, web identity/IRSA, profile {@code default} or {@code AWS_PROFILE}, container and
 * instance roles). {@code assumeRoleArn} assumes the role through STS with those credentials, with
 * session name {@code dnsfailover} and the {@code externalId} when given. The SDK never logs keys.
 */
final class SdkRoute53Api implements Route53Api {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);
  static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(30);
  static final String ROLE_SESSION_NAME = "dnsfailover";

  private final Supplier<Parts> factory;
  private final Object lock = new Object();
  private Parts parts;
  private boolean closed;

  /** Credentials from the settings (profile or default chain, then the role to assume). */
  SdkRoute53Api(Route53Settings settings) {
    this(() -> build(settings, null));
  }

  /** Fixed base credentials (tests), still with the settings' role to assume. */
  SdkRoute53Api(Route53Settings settings, AwsCredentialsProvider credentials) {
    this(() -> build(settings, credentials));
  }

  private SdkRoute53Api(Supplier<Parts> factory) {
    this.factory = factory;
  }

  @Override
  public ListHostedZonesByNameResponse listHostedZonesByName(ListHostedZonesByNameRequest request) {
    return client().listHostedZonesByName(request);
  }

  @Override
  public ListResourceRecordSetsResponse listResourceRecordSets(
      ListResourceRecordSetsRequest request) {
    return client().listResourceRecordSets(request);
  }

  @Override
  public ChangeResourceRecordSetsResponse changeResourceRecordSets(
      ChangeResourceRecordSetsRequest request) {
    return client().changeResourceRecordSets(request);
  }

  @Override
  public GetChangeResponse getChange(GetChangeRequest request) {
    return client().getChange(request);
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      if (parts != null) {
        parts.close();
        parts = null;
      }
    }
  }

  private Route53Client client() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("the Route 53 provider is closed");
      }
      if (parts == null) {
        parts = factory.get();
      }
      return parts.client();
    }
  }

  private static Parts build(Route53Settings settings, AwsCredentialsProvider fixed) {
    List<SdkAutoCloseable> owned = new ArrayList<>();
    Region region = Region.of(settings.region());
    // Route 53's endpoint rules sign aws-global requests for us-east-1; an endpoint override
    // bypasses those rules, and the scope would say "aws-global", which no SigV4 verifier accepts.
    Region signing =
        settings.endpoint().isPresent() && region.equals(Region.AWS_GLOBAL)
            ? Region.US_EAST_1
            : region;
    AwsCredentialsProvider credentials = fixed;
    if (credentials == null) {
      credentials =
          settings.profile().isPresent()
              ? ProfileCredentialsProvider.builder().profileName(settings.profile().get()).build()
              : DefaultCredentialsProvider.builder().build();
      if (credentials instanceof SdkAutoCloseable closeable) {
        owned.add(closeable);
      }
    }
    if (settings.assumeRoleArn().isPresent()) {
      StsClient sts =
          StsClient.builder()
              .region(region)
              .credentialsProvider(credentials)
              .httpClientBuilder(httpClient())
              .build();
      owned.add(sts);
      StsAssumeRoleCredentialsProvider role =
          StsAssumeRoleCredentialsProvider.builder()
              .stsClient(sts)
              .refreshRequest(
                  request -> {
                    request
                        .roleArn(settings.assumeRoleArn().get())
                        .roleSessionName(ROLE_SESSION_NAME);
                    settings.externalId().ifPresent(request::externalId);
                  })
              .build();
      owned.add(role);
      credentials = role;
    }
    var builder =
        Route53Client.builder()
            .region(signing)
            .credentialsProvider(credentials)
            .httpClientBuilder(httpClient())
            .overrideConfiguration(
                override ->
                    override
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT));
    settings.endpoint().ifPresent(builder::endpointOverride);
    Route53Client client = builder.build();
    return new Parts(client, owned);
  }

  private static ApacheHttpClient.Builder httpClient() {
    return ApacheHttpClient.builder()
        .connectionTimeout(CONNECT_TIMEOUT)
        .socketTimeout(SOCKET_TIMEOUT);
  }

  /** The client and what was built for it, closed together (client first). */
  private record Parts(Route53Client client, List<SdkAutoCloseable> owned) {
    void close() {
      client.close();
      for (SdkAutoCloseable closeable : owned.reversed()) {
        closeable.close();
      }
    }
  }
}

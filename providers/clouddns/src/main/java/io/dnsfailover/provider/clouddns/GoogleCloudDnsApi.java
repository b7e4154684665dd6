package io.dnsfailover.provider.clouddns;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpResponseException;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.dns.Dns;
import com.google.api.services.dns.DnsRequest;
import com.google.api.services.dns.model.Change;
import com.google.api.services.dns.model.ManagedZone;
import com.google.api.services.dns.model.ManagedZonesListResponse;
import com.google.api.services.dns.model.ResourceRecordSet;
import com.google.api.services.dns.model.ResourceRecordSetsListResponse;
import com.google.auth.Retryable;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link CloudDnsApi} on the generated {@code com.google.api.services.dns} v1 client (the only Java
 * client that can express routing policies), over the JDK's HTTP client, with JSON through Gson.
 * Request bodies are gzip-compressed, as the generated client does by default.
 *
 * <p>The client, and the credentials with it, are created on the first call, so creating a provider
 * makes no network call and reads no credentials. The client itself never retries: the provider
 * decides what may be retried.
 */
final class GoogleCloudDnsApi implements CloudDnsApi {

  /** The scope Cloud DNS needs to read and change records. */
  static final String SCOPE = "https://www.googleapis.com/auth/ndev.clouddns.readwrite";

  static final String DEFAULT_ROOT_URL = "https://dns.googleapis.com/";

  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
  private static final int READ_TIMEOUT_MILLIS = 60_000;

  /** Where the credentials come from; called once, on the first request. */
  @FunctionalInterface
  interface Credentials {
    HttpRequestInitializer initializer() throws IOException;

    /** Application Default Credentials: key file, workload identity, metadata server. */
    Credentials APPLICATION_DEFAULT =
        () ->
            new HttpCredentialsAdapter(
                GoogleCredentials.getApplicationDefault().createScoped(List.of(SCOPE)));
  }

  private final String project;
  private final String rootUrl;
  private final Credentials credentials;
  private Dns client;

  GoogleCloudDnsApi(String project, String rootUrl, Credentials credentials) {
    this.project = Objects.requireNonNull(project, "project");
    this.rootUrl = rootUrl.endsWith("/") ? rootUrl : rootUrl + "/";
    this.credentials = Objects.requireNonNull(credentials, "credentials");
  }

  @Override
  public Page<ManagedZone> managedZones(String dnsName, Optional<String> pageToken)
      throws ApiError, IOException {
    Dns.ManagedZones.List request = client().managedZones().list(project).setDnsName(dnsName);
    pageToken.ifPresent(request::setPageToken);
    ManagedZonesListResponse response = execute(request);
    return new Page<>(
        Objects.requireNonNullElse(response.getManagedZones(), List.of()),
        Optional.ofNullable(response.getNextPageToken()));
  }

  @Override
  public ManagedZone managedZone(String zone) throws ApiError, IOException {
    return execute(client().managedZones().get(project, zone));
  }

  @Override
  public Page<ResourceRecordSet> resourceRecordSets(
      String zone, Optional<String> name, Optional<String> pageToken) throws ApiError, IOException {
    Dns.ResourceRecordSets.List request = client().resourceRecordSets().list(project, zone);
    name.ifPresent(request::setName);
    pageToken.ifPresent(request::setPageToken);
    ResourceRecordSetsListResponse response = execute(request);
    return new Page<>(
        Objects.requireNonNullElse(response.getRrsets(), List.of()),
        Optional.ofNullable(response.getNextPageToken()));
  }

  @Override
  public Change createChange(String zone, Change change) throws ApiError, IOException {
    return execute(client().changes().create(project, zone, change));
  }

  @Override
  public Change change(String zone, String changeId) throws ApiError, IOException {
    return execute(client().changes().get(project, zone, changeId));
  }

  private synchronized Dns client() throws ApiError {
    if (client == null) {
      HttpRequestInitializer authorizer;
      try {
        authorizer = credentials.initializer();
      } catch (IOException e) {
        throw new ApiError(
            401, "credentials", "no usable Application Default Credentials: " + e.getMessage());
      }
      HttpRequestInitializer initializer =
          request -> {
            authorizer.initialize(request);
            request.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            request.setReadTimeout(READ_TIMEOUT_MILLIS);
            // One retry is what lets the credentials refresh an expired token after a 401.
            request.setNumberOfRetries(1);
          };
      client =
          new Dns.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(), initializer)
              .setRootUrl(rootUrl)
              .setApplicationName("dnsfailover")
              .build();
    }
    return client;
  }

  private static <T> T execute(DnsRequest<T> request) throws ApiError, IOException {
    try {
      return request.execute();
    } catch (GoogleJsonResponseException e) {
      GoogleJsonError details = e.getDetails();
      String reason = "";
      String message = e.getStatusMessage();
      if (details != null) {
        message = Objects.requireNonNullElse(details.getMessage(), message);
        if (details.getErrors() != null && !details.getErrors().isEmpty()) {
          reason = Objects.requireNonNullElse(details.getErrors().getFirst().getReason(), "");
        }
      }
      throw new ApiError(e.getStatusCode(), reason, message, retryAfter(e));
    } catch (HttpResponseException e) {
      throw new ApiError(e.getStatusCode(), "", e.getStatusMessage(), retryAfter(e));
    } catch (IOException e) {
      if (e instanceof Retryable retryable && !retryable.isRetryable()) {
        throw new ApiError(401, "credentials", "the credentials were refused: " + e.getMessage());
      }
      throw e;
    }
  }

  private static Optional<Long> retryAfter(HttpResponseException e) {
    String value = e.getHeaders() == null ? null : e.getHeaders().getRetryAfter();
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(value.trim()));
    } catch (NumberFormatException httpDate) {
      return Optional.empty();
    }
  }
}

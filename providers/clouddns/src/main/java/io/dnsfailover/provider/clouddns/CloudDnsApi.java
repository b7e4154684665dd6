package io.dnsfailover.provider.clouddns;

import com.google.api.services.dns.model.Change;
import com.google.api.services.dns.model.ManagedZone;
import com.google.api.services.dns.model.ResourceRecordSet;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The Cloud DNS v1 calls the provider makes, for one project, in the API's own model classes. The
 * provider's logic (paging, retries, conflicts, polling) is tested against an in-memory twin of
 * this interface; {@link GoogleCloudDnsApi} wires it to the generated client.
 *
 * <p>Every call makes exactly one HTTP request and never retries. An answer with an HTTP error
 * status throws {@link ApiError}; a request that got no answer (connection refused or reset, a
 * timeout) throws {@link IOException}, and then a write may or may not have been applied.
 */
interface CloudDnsApi {

  /** One page of a list call; {@code nextPageToken} is empty on the last page. */
  record Page<T>(List<T> items, Optional<String> nextPageToken) {
    public Page {
      items = List.copyOf(items);
    }
  }

  /** {@code GET managedZones?dnsName=}: the zones serving {@code dnsName} (absolute). */
  Page<ManagedZone> managedZones(String dnsName, Optional<String> pageToken)
      throws ApiError, IOException;

  /** {@code GET managedZones/{zone}}. */
  ManagedZone managedZone(String zone) throws ApiError, IOException;

  /** {@code GET managedZones/{zone}/rrsets[?name=]}: one page, optionally of one name only. */
  Page<ResourceRecordSet> resourceRecordSets(
      String zone, Optional<String> name, Optional<String> pageToken) throws ApiError, IOException;

  /** {@code POST managedZones/{zone}/changes}: atomic; returns the change, often still pending. */
  Change createChange(String zone, Change change) throws ApiError, IOException;

  /** {@code GET managedZones/{zone}/changes/{id}}. */
  Change change(String zone, String changeId) throws ApiError, IOException;

  /** An HTTP error answer: its status, the first error's {@code reason}, and Retry-After. */
  final class ApiError extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String reason;
    private final Optional<Long> retryAfterSeconds;

    ApiError(int status, String reason, String message, Optional<Long> retryAfterSeconds) {
      super(message);
      this.status = status;
      this.reason = reason;
      this.retryAfterSeconds = retryAfterSeconds;
    }

    ApiError(int status, String reason, String message) {
      this(status, reason, message, Optional.empty());
    }

    int status() {
      return status;
    }

    /** The machine-readable reason, such as {@code conditionNotMet}; empty when none was sent. */
    String reason() {
      return reason;
    }

    Optional<Long> retryAfterSeconds() {
      return retryAfterSeconds;
    }

    /** Throttling: 429, or 403 with a rate-limit reason. The request was not carried out. */
    boolean isRateLimit() {
      return status == 429
          || (status == 403
              && (reason.equals("rateLimitExceeded") || reason.equals("userRateLimitExceeded")));
    }

    boolean isServerError() {
      return status >= 500;
    }
  }
}

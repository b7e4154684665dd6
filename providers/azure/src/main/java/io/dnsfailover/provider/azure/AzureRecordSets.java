package io.dnsfailover.provider.azure;

import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The record-set calls of the Azure DNS REST API (api-version 2018-05-01) that this provider makes,
 * in one resource group. {@link SdkRecordSets} speaks them through the SDK's low-level {@code
 * RecordSetsClient}; tests use an in-memory twin.
 *
 * <p>Zones are named as Azure names them: the DNS name without its trailing dot. Record set names
 * are relative to the zone ({@code @} for the apex). Every call may throw {@link ProviderException}
 * with the kind the HTTP status implies (401/403 AUTH; 404 on the zone NOT_FOUND; 429, 408 and 5xx
 * TRANSIENT once the pipeline's own retries are spent, or at once when Azure asks to wait longer
 * than {@link AzureClients#MAX_SERVER_DELAY}, with the wait it asked for in the message; 409
 * CONFLICT; other 4xx INVALID).
 */
interface AzureRecordSets {

  /**
   * Every record set of {@code zone}, following {@code nextLink} to the last page.
   *
   * @param recordSets the record sets of the types the tool publishes
   * @param otherTypes by record set name (relative, as Azure spells it), the other types held there
   *     as upper-case mnemonics ({@code "MX"}, {@code "NS"})
   */
  record Listing(List<AzureRecordSet> recordSets, Map<String, Set<String>> otherTypes) {
    public Listing {
      recordSets = List.copyOf(recordSets);
      otherTypes = Map.copyOf(otherTypes);
    }
  }

  /** Every record set of {@code zone}, following {@code nextLink} to the last page. */
  Listing list(String zone) throws ProviderException;

  /** One record set, or empty when the zone holds none of that name and type. */
  Optional<AzureRecordSet> get(String zone, String name, RecordType type) throws ProviderException;

  /**
   * Replaces one record set in a single PUT, or creates it.
   *
   * @param ifMatch the ETag the caller read ({@code If-Match}); empty when creating
   * @return the record set as the service now holds it, with its new ETag
   * @throws PreconditionFailedException on 412: {@code ifMatch} no longer matches, or (when
   *     creating, with {@code If-None-Match: *}) the record set exists
   */
  AzureRecordSet put(String zone, AzureRecordSet recordSet, Optional<String> ifMatch)
      throws ProviderException, PreconditionFailedException;

  /**
   * Deletes one record set with {@code If-Match: ifMatch}. A record set that is already gone (204
   * or 404) counts as deleted.
   *
   * @throws PreconditionFailedException on 412: the record set changed since {@code ifMatch}
   */
  void delete(String zone, String name, RecordType type, String ifMatch)
      throws ProviderException, PreconditionFailedException;

  /** Azure answered 412 Precondition Failed: the record set is not as the caller read it. */
  final class PreconditionFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    PreconditionFailedException(String message) {
      super(message);
    }
  }
}

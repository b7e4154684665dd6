package io.dnsfailover.provider.azure;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.Context;
import com.azure.resourcemanager.dns.fluent.RecordSetsClient;
import com.azure.resourcemanager.dns.fluent.models.RecordSetInner;
import com.azure.resourcemanager.dns.models.ARecord;
import com.azure.resourcemanager.dns.models.AaaaRecord;
import com.azure.resourcemanager.dns.models.CnameRecord;
import com.azure.resourcemanager.dns.models.TxtRecord;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@link AzureRecordSets} through the SDK's low-level {@link RecordSetsClient}: {@code GET
 * .../dnsZones/{zone}/recordsets} (paged by {@code nextLink}), {@code GET|PUT|DELETE
 * .../dnsZones/{zone}/{type}/{name}}, api-version 2018-05-01.
 *
 * <p>Not the fluent {@code zone.update()...apply()} path: that first rewrites the zone resource,
 * and its ETag check on updates sends {@code If-None-Match: *}.
 */
final class SdkRecordSets implements AzureRecordSets {

  private final RecordSetsClient client;
  private final String resourceGroup;

  SdkRecordSets(RecordSetsClient client, String resourceGroup) {
    this.client = Objects.requireNonNull(client, "client");
    this.resourceGroup = Objects.requireNonNull(resourceGroup, "resourceGroup");
  }

  @Override
  public Listing list(String zone) throws ProviderException {
    List<AzureRecordSet> recordSets = new ArrayList<>();
    Map<String, Set<String>> otherTypes = new TreeMap<>();
    try {
      for (RecordSetInner inner :
          client.listByDnsZone(resourceGroup, zone, null, null, Context.NONE)) {
        Optional<AzureRecordSet> ours = fromInner(inner);
        if (ours.isPresent()) {
          recordSets.add(ours.get());
        } else if (inner != null && inner.name() != null && inner.type() != null) {
          otherTypes
              .computeIfAbsent(inner.name(), name -> new TreeSet<>())
              .add(typeName(inner.type()));
        }
      }
    } catch (RuntimeException e) {
      throw failure("listing the record sets of zone " + zone, e);
    }
    return new Listing(recordSets, otherTypes);
  }

  /** {@code MX} of {@code Microsoft.Network/dnszones/MX}. */
  private static String typeName(String armType) {
    return armType.substring(armType.lastIndexOf('/') + 1).toUpperCase(Locale.ROOT);
  }

  @Override
  public Optional<AzureRecordSet> get(String zone, String name, RecordType type)
      throws ProviderException {
    try {
      return fromInner(
          client
              .getWithResponse(resourceGroup, zone, name, sdkType(type), Context.NONE)
              .getValue());
    } catch (RuntimeException e) {
      if (status(e) == 404) {
        return Optional.empty();
      }
      throw failure("reading " + describe(zone, name, type), e);
    }
  }

  @Override
  public AzureRecordSet put(String zone, AzureRecordSet recordSet, Optional<String> ifMatch)
      throws ProviderException, PreconditionFailedException {
    String what =
        (ifMatch.isPresent() ? "replacing " : "creating ")
            + describe(zone, recordSet.name(), recordSet.type());
    try {
      RecordSetInner written =
          client
              .createOrUpdateWithResponse(
                  resourceGroup,
                  zone,
                  recordSet.name(),
                  sdkType(recordSet.type()),
                  toInner(recordSet),
                  ifMatch.orElse(null),
                  ifMatch.isPresent() ? null : "*",
                  Context.NONE)
              .getValue();
      return fromInner(written)
          .orElseThrow(
              () ->
                  new ProviderException(
                      ProviderException.Kind.INVALID, what + ": Azure answered an empty body"));
    } catch (RuntimeException e) {
      if (status(e) == 412) {
        throw new PreconditionFailedException(what + ": " + e.getMessage());
      }
      throw failure(what, e);
    }
  }

  @Override
  public void delete(String zone, String name, RecordType type, String ifMatch)
      throws ProviderException, PreconditionFailedException {
    String what = "deleting " + describe(zone, name, type);
    try {
      client.deleteWithResponse(resourceGroup, zone, name, sdkType(type), ifMatch, Context.NONE);
    } catch (RuntimeException e) {
      switch (status(e)) {
        case 404 -> {
          return; // already gone: what a delete wants
        }
        case 412 -> throw new PreconditionFailedException(what + ": " + e.getMessage());
        default -> throw failure(what, e);
      }
    }
  }

  static RecordSetInner toInner(AzureRecordSet recordSet) {
    RecordSetInner inner = new RecordSetInner().withTtl(recordSet.ttl());
    if (!recordSet.metadata().isEmpty()) {
      inner.withMetadata(recordSet.metadata());
    }
    List<List<String>> records = recordSet.records();
    switch (recordSet.type()) {
      case A ->
          inner.withARecords(
              records.stream().map(r -> new ARecord().withIpv4Address(r.getFirst())).toList());
      case AAAA ->
          inner.withAaaaRecords(
              records.stream().map(r -> new AaaaRecord().withIpv6Address(r.getFirst())).toList());
      case CNAME -> {
        if (records.size() != 1) {
          throw new IllegalArgumentException("a CNAME record set holds exactly one record");
        }
        inner.withCnameRecord(new CnameRecord().withCname(records.getFirst().getFirst()));
      }
      case TXT ->
          inner.withTxtRecords(records.stream().map(r -> new TxtRecord().withValue(r)).toList());
    }
    return inner;
  }

  /** The record set, or empty when it is of a type the tool does not publish (NS, MX, ...). */
  static Optional<AzureRecordSet> fromInner(RecordSetInner inner) {
    if (inner == null || inner.type() == null || inner.name() == null) {
      return Optional.empty();
    }
    String typeText = typeName(inner.type());
    RecordType type;
    try {
      type = RecordType.valueOf(typeText.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException notOurs) {
      return Optional.empty();
    }
    List<List<String>> records = new ArrayList<>();
    switch (type) {
      case A -> orEmpty(inner.aRecords()).forEach(r -> records.add(List.of(r.ipv4Address())));
      case AAAA -> orEmpty(inner.aaaaRecords()).forEach(r -> records.add(List.of(r.ipv6Address())));
      case CNAME -> {
        if (inner.cnameRecord() != null && inner.cnameRecord().cname() != null) {
          records.add(List.of(inner.cnameRecord().cname()));
        }
      }
      case TXT -> orEmpty(inner.txtRecords()).forEach(r -> records.add(orEmpty(r.value())));
    }
    Optional<String> alias = Optional.ofNullable(inner.targetResource()).map(target -> target.id());
    return Optional.of(
        new AzureRecordSet(
            inner.name(),
            type,
            inner.ttl() == null ? 0 : inner.ttl(),
            records,
            inner.metadata() == null ? Map.of() : inner.metadata(),
            alias,
            Optional.ofNullable(inner.etag())));
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static com.azure.resourcemanager.dns.models.RecordType sdkType(RecordType type) {
    return com.azure.resourcemanager.dns.models.RecordType.fromString(type.name());
  }

  private static String describe(String zone, String name, RecordType type) {
    return "record set " + name + " " + type + " in zone " + zone;
  }

  private static int status(RuntimeException e) {
    if (e instanceof HttpResponseException http && http.getResponse() != null) {
      return http.getResponse().getStatusCode();
    }
    return -1;
  }

  /** A failed call as the engine understands it; messages carry Azure's error, never a token. */
  static ProviderException failure(String what, RuntimeException e) {
    if (e instanceof ClientAuthenticationException) {
      return new ProviderException(
          ProviderException.Kind.AUTH,
          what + ": cannot get an Azure token (DefaultAzureCredential): " + e.getMessage(),
          e);
    }
    int status = status(e);
    if (status < 0) {
      ProviderException.Kind kind =
          e instanceof IllegalArgumentException
              ? ProviderException.Kind.INVALID
              : ProviderException.Kind.TRANSIENT;
      return new ProviderException(kind, what + ": " + e, e);
    }
    ProviderException.Kind kind =
        switch (status) {
          case 401, 403 -> ProviderException.Kind.AUTH;
          case 404 -> ProviderException.Kind.NOT_FOUND;
          case 409 -> ProviderException.Kind.CONFLICT;
          case 408, 429 -> ProviderException.Kind.TRANSIENT;
          default ->
              status >= 500 ? ProviderException.Kind.TRANSIENT : ProviderException.Kind.INVALID;
        };
    String message = what + ": HTTP " + status + errorText(e);
    if (kind == ProviderException.Kind.TRANSIENT) {
      message += waitText(e, message.endsWith(".") ? " " : ". ");
    }
    return new ProviderException(kind, message, e);
  }

  /**
   * Why a retryable response was handed back without a retry: it asked for a longer wait than the
   * retry policy accepts ({@link AzureClients#retryCondition}). For example "Azure asked to wait
   * 3600 s (Retry-After: 3600) before trying again; the provider waits at most 8 s, so it did not
   * retry". Empty otherwise.
   */
  private static String waitText(RuntimeException e, String separator) {
    if (!(e instanceof HttpResponseException http) || http.getResponse() == null) {
      return "";
    }
    return RetryHint.of(http.getResponse().getHeaders(), Clock.systemUTC())
        .filter(hint -> hint.delay().compareTo(AzureClients.MAX_SERVER_DELAY) > 0)
        .map(
            hint ->
                separator
                    + "Azure asked to wait "
                    + hint.describe()
                    + " before trying again; the provider waits at most "
                    + RetryHint.seconds(AzureClients.MAX_SERVER_DELAY)
                    + ", so it did not retry")
        .orElse("");
  }

  private static String errorText(RuntimeException e) {
    if (e instanceof ManagementException management && management.getValue() != null) {
      ManagementError error = management.getValue();
      return " " + error.getCode() + ": " + error.getMessage();
    }
    return ": " + e.getMessage();
  }
}

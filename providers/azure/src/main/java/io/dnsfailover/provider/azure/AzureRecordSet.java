package io.dnsfailover.provider.azure;

import io.dnsfailover.spi.RecordType;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One Azure DNS record set as the REST API holds it, reduced to the fields this provider reads or
 * writes.
 *
 * @param name the name relative to the zone, as Azure spells it ({@code @} for the apex)
 * @param type the record type
 * @param ttl {@code properties.TTL} in seconds
 * @param records one entry per DNS record: {@code [ipv4Address]}, {@code [ipv6Address]}, {@code
 *     [cname]}, or a TXT record's {@code value} array (its character-strings, unquoted)
 * @param metadata {@code properties.metadata}; kept on updates so a PUT does not drop what others
 *     wrote there
 * @param aliasTarget {@code properties.targetResource.id} of an alias record set, which has no
 *     records of its own
 * @param etag the record set's ETag; empty in a request body
 */
record AzureRecordSet(
    String name,
    RecordType type,
    long ttl,
    List<List<String>> records,
    Map<String, String> metadata,
    Optional<String> aliasTarget,
    Optional<String> etag) {

  AzureRecordSet {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    records = records.stream().map(List::copyOf).toList();
    metadata = Map.copyOf(metadata);
    Objects.requireNonNull(aliasTarget, "aliasTarget");
    Objects.requireNonNull(etag, "etag");
  }

  /** The same record set with another ETag (what the service hands back after a write). */
  AzureRecordSet withEtag(String newEtag) {
    return new AzureRecordSet(
        name, type, ttl, records, metadata, aliasTarget, Optional.of(newEtag));
  }
}

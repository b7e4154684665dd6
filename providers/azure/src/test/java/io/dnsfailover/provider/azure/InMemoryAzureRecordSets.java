package io.dnsfailover.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory Azure DNS resource group, behaving as the REST API does for the calls the provider
 * makes: ETags change on every write, {@code If-Match} and {@code If-None-Match: *} fail with 412,
 * names compare case-insensitively, a missing record set deletes quietly. It rejects TXT strings
 * over 255 bytes, as DNS would.
 *
 * <p>Tests can queue actions to run just before the next write (another writer racing us) and
 * failures for given writes.
 */
final class InMemoryAzureRecordSets implements AzureRecordSets {

  private final Map<String, Map<String, AzureRecordSet>> zones = new LinkedHashMap<>();
  private final Deque<Runnable> beforeNextWrite = new ArrayDeque<>();
  private final Map<Integer, ProviderException> failWrites = new LinkedHashMap<>();
  private int writes;
  private final List<String> calls = new ArrayList<>();
  private int etags;

  /** Creates an empty zone (Azure zone name, without the trailing dot). */
  InMemoryAzureRecordSets zone(String zone) {
    zones.putIfAbsent(zone, new LinkedHashMap<>());
    return this;
  }

  /** Puts a record set directly, as another tool would; returns it with its new ETag. */
  AzureRecordSet seed(String zone, AzureRecordSet recordSet) {
    AzureRecordSet stored = recordSet.withEtag(nextEtag());
    records(zone).put(key(recordSet.name(), recordSet.type()), stored);
    return stored;
  }

  void remove(String zone, String name, RecordType type) {
    records(zone).remove(key(name, type));
  }

  Optional<AzureRecordSet> stored(String zone, String name, RecordType type) {
    return Optional.ofNullable(records(zone).get(key(name, type)));
  }

  void beforeNextWrite(Runnable action) {
    beforeNextWrite.add(action);
  }

  /** Makes the {@code number}th write from now on (1 is the next) fail with {@code failure}. */
  void failWrite(int number, ProviderException failure) {
    failWrites.put(writes + number, failure);
  }

  /** Every call made, as "LIST zone", "GET zone name TYPE", "PUT ...", "DELETE ...". */
  List<String> calls() {
    return List.copyOf(calls);
  }

  @Override
  public Listing list(String zone) throws ProviderException {
    calls.add("LIST " + zone);
    Map<String, AzureRecordSet> records = zones.get(zone);
    if (records == null) {
      throw new ProviderException(ProviderException.Kind.NOT_FOUND, "no zone " + zone);
    }
    return new Listing(List.copyOf(records.values()), Map.of());
  }

  @Override
  public Optional<AzureRecordSet> get(String zone, String name, RecordType type) {
    calls.add("GET " + zone + " " + name + " " + type);
    return stored(zone, name, type);
  }

  @Override
  public AzureRecordSet put(String zone, AzureRecordSet recordSet, Optional<String> ifMatch)
      throws ProviderException, PreconditionFailedException {
    calls.add(
        "PUT "
            + zone
            + " "
            + recordSet.name()
            + " "
            + recordSet.type()
            + ifMatch.map(etag -> " If-Match " + etag).orElse(" If-None-Match *"));
    beforeWrite();
    assertThat(recordSet.etag()).as("a request body carries no ETag").isEmpty();
    if (recordSet.type() == RecordType.TXT) {
      for (List<String> record : recordSet.records()) {
        for (String string : record) {
          assertThat(string.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        }
      }
    }
    if (recordSet.type() == RecordType.CNAME && recordSet.records().size() != 1) {
      // The REST body has one CNAMERecord object: two targets cannot even be sent.
      throw new ProviderException(
          ProviderException.Kind.INVALID,
          "PUT "
              + recordSet.name()
              + " CNAME: 400 BadRequest: a CNAME record set holds one record");
    }
    Optional<AzureRecordSet> current = stored(zone, recordSet.name(), recordSet.type());
    if (ifMatch.isEmpty() && current.isPresent()) {
      throw new PreconditionFailedException("exists");
    }
    if (ifMatch.isPresent() && !matches(ifMatch.get(), current)) {
      throw new PreconditionFailedException("etag");
    }
    return seed(zone, recordSet);
  }

  @Override
  public void delete(String zone, String name, RecordType type, String ifMatch)
      throws ProviderException, PreconditionFailedException {
    calls.add("DELETE " + zone + " " + name + " " + type + " If-Match " + ifMatch);
    beforeWrite();
    Optional<AzureRecordSet> current = stored(zone, name, type);
    if (current.isPresent() && !matches(ifMatch, current)) {
      throw new PreconditionFailedException("etag");
    }
    remove(zone, name, type);
  }

  private void beforeWrite() throws ProviderException {
    Runnable action = beforeNextWrite.poll();
    if (action != null) {
      action.run();
    }
    ProviderException failure = failWrites.remove(++writes);
    if (failure != null) {
      throw failure;
    }
  }

  private static boolean matches(String ifMatch, Optional<AzureRecordSet> current) {
    return current.isPresent()
        && (ifMatch.equals("*") || current.get().etag().equals(Optional.of(ifMatch)));
  }

  private Map<String, AzureRecordSet> records(String zone) {
    Map<String, AzureRecordSet> records = zones.get(zone);
    if (records == null) {
      throw new IllegalStateException("no zone " + zone);
    }
    return records;
  }

  private String nextEtag() {
    return "etag-" + ++etags;
  }

  private static String key(String name, RecordType type) {
    return name.toLowerCase(Locale.ROOT) + " " + type;
  }
}

package io.dnsfailover.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.spi.ApplyResult;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every provider contract case stands on: a fresh provider per test ({@link
 * #createProvider()}), the zone it writes to, and "foreign" records seeded before each test through
 * {@link #seedForeign} (records the tool does not manage: other names in the zone, and a TXT record
 * at a name whose A record the tests manage), which every apply checks are still exactly as seeded.
 * A provider module extends {@link DnsProviderContractTest}, not this class.
 */
public abstract class ProviderContractFixture {

  static final int TTL = 30;

  // Package-private: the contract's cases in this package use them as their own.
  DnsProvider provider;
  Zone zone;
  private List<RecordSet> foreign;

  /** A provider backed by a fresh, empty backend (a new temp file, a new in-memory store...). */
  protected abstract DnsProvider createProvider() throws Exception;

  /** The zone the tests write to; called once per test, after {@link #createProvider}. */
  protected abstract Zone zone();

  /**
   * Puts {@code recordSet} into the backend directly, the way another tool or a person would,
   * without going through the provider under test.
   */
  protected abstract void seedForeign(Zone zone, RecordSet recordSet) throws Exception;

  @BeforeEach
  final void setUpProviderAndForeignRecords() throws Exception {
    provider = createProvider();
    zone = zone();
    foreign =
        List.of(
            RecordSet.of(name("other"), RecordType.A, 3600, List.of("198.51.100.7")),
            RecordSet.of(name("legacy"), RecordType.CNAME, 600, List.of("target.example.net.")),
            RecordSet.of(name("app"), RecordType.TXT, 600, List.of("foreign text at app")));
    for (RecordSet recordSet : foreign) {
      seedForeign(zone, recordSet);
    }
  }

  @AfterEach
  final void closeProvider() throws Exception {
    provider.close();
  }

  /** The provider under test, for subclasses adding provider-specific cases. */
  protected final DnsProvider provider() {
    return provider;
  }

  /** {@code label} made absolute in the test zone. */
  protected final DnsName name(String label) {
    return DnsName.resolve(label, zone.name());
  }

  /** Applies {@code changes} and checks the foreign records survived. */
  protected final ApplyResult apply(Change... changes) throws Exception {
    ApplyResult result = provider.apply(zone, List.of(changes));
    assertForeignRecordsUntouched();
    return result;
  }

  /** Reads {@code keys} from the provider under test. */
  protected final List<RecordSet> read(RecordKey... keys) throws ProviderException {
    return sorted(provider.records(zone, new HashSet<>(Arrays.asList(keys))));
  }

  protected final void assertForeignRecordsUntouched() throws ProviderException {
    RecordKey[] keys = foreign.stream().map(RecordSet::key).toArray(RecordKey[]::new);
    assertThat(read(keys)).as("foreign records").containsExactlyElementsOf(sorted(foreign));
  }

  static List<RecordSet> sorted(List<RecordSet> recordSets) {
    List<RecordSet> copy = new ArrayList<>(recordSets);
    copy.sort((left, right) -> left.key().compareTo(right.key()));
    return copy;
  }

  static RecordKey[] keysOf(List<Change> changes) {
    return changes.stream().map(Change::key).distinct().toArray(RecordKey[]::new);
  }
}

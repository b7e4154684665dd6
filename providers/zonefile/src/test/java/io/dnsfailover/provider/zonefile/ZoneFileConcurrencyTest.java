package io.dnsfailover.provider.zonefile;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent writers never lose each other's updates. */
class ZoneFileConcurrencyTest {

  private static final Zone ZONE = new Zone(DnsName.of("example.test."), "local");
  private static final int APPLIES_PER_WRITER = 20;

  @TempDir Path directory;

  @Test
  void twoThreadsSharingOneProviderLoseNothing() throws Exception {
    ZoneFileProvider shared = provider();
    assertNoLostUpdates(shared, shared);
  }

  @Test
  void twoProviderInstancesLikeTwoProcessesLoseNothing() throws Exception {
    assertNoLostUpdates(provider(), provider());
  }

  private void assertNoLostUpdates(ZoneFileProvider first, ZoneFileProvider second)
      throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(2);
    try {
      Future<?> a = executor.submit(() -> writeNames(first, "a"));
      Future<?> b = executor.submit(() -> writeNames(second, "b"));
      a.get();
      b.get();
    } finally {
      executor.shutdownNow();
    }
    Set<RecordKey> keys = new HashSet<>();
    for (String writer : List.of("a", "b")) {
      for (int i = 0; i < APPLIES_PER_WRITER; i++) {
        keys.add(new RecordKey(name(writer, i), RecordType.A));
      }
    }
    assertThat(provider().records(ZONE, keys)).hasSize(2 * APPLIES_PER_WRITER);
    NamedCheckzone.assumeAvailable();
    NamedCheckzone.assertAccepts("example.test", file());
  }

  private static Void writeNames(ZoneFileProvider provider, String writer) throws Exception {
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < APPLIES_PER_WRITER; i++) {
      RecordSet recordSet =
          RecordSet.of(name(writer, i), RecordType.A, 30, List.of("192.0.2." + (i + 1)));
      changes.clear();
      changes.add(new Change.Create(recordSet, "writer " + writer));
      provider.apply(ZONE, changes);
    }
    return null;
  }

  private static DnsName name(String writer, int index) {
    return DnsName.resolve(writer + index, ZONE.name());
  }

  private Path file() {
    return directory.resolve("example.test.zone");
  }

  private ZoneFileProvider provider() {
    return new ZoneFileProvider(file(), ZoneFileProviderContractTest.CLOCK);
  }
}

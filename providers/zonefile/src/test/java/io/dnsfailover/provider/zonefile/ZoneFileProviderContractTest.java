package io.dnsfailover.provider.zonefile;

import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.testkit.DnsProviderContractTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The shared provider contract, run against a zone file in a fresh directory per test. */
class ZoneFileProviderContractTest extends DnsProviderContractTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path directory;

  private Path file;

  @Override
  protected DnsProvider createProvider() {
    file = directory.resolve("zones").resolve("example.test.zone");
    return new ZoneFileProvider(file, CLOCK);
  }

  @Override
  protected Zone zone() {
    return new Zone(DnsName.of("example.test."), "local");
  }

  /** Appends a hand-written line, the way a person edits the file, creating it when missing. */
  @Override
  protected void seedForeign(Zone zone, RecordSet recordSet) throws Exception {
    if (!Files.exists(file)) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, NewZoneFile.text(zone.name(), LocalDate.of(2024, 1, 1)));
    }
    StringBuilder lines = new StringBuilder();
    for (String value : recordSet.values()) {
      String data = recordSet.type().name().equals("TXT") ? "\"" + value + "\"" : value;
      lines.append(recordSet.name().relativeTo(zone.name())).append(' ').append(recordSet.ttl());
      lines.append(" IN ").append(recordSet.type()).append(' ').append(data).append('\n');
    }
    Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  @AfterEach
  void fileIsAcceptedByNamedCheckzone() throws Exception {
    if (NamedCheckzone.available() && Files.exists(file)) {
      NamedCheckzone.assertAccepts("example.test", file);
    }
  }
}

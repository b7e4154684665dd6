package io.dnsfailover.provider.rfc2136;

import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.ProviderConfig;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.testkit.DnsProviderContractTest;
import io.dnsfailover.testkit.dns.DnsServer;
import io.dnsfailover.testkit.dns.TsigKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shared provider contract against a real server that takes signed updates. The provider signs
 * with {@link #DDNS}; foreign records are seeded, and the zone emptied before each test, with a
 * separate {@link #ADMIN} key, the way another tool or an operator with nsupdate would.
 */
abstract class Rfc2136ContractTest extends DnsProviderContractTest {

  static final String ZONE = "example.test.";
  static final TsigKey DDNS = TsigKey.generate("ddns");
  static final TsigKey ADMIN = TsigKey.generate("admin", "hmac-sha512");

  /** The running server, which serves {@link #ZONE} to both keys for update and transfer. */
  abstract DnsServer server();

  @Override
  protected DnsProvider createProvider() {
    server().client(ADMIN).clear(ZONE);
    return new Rfc2136ProviderFactory().create(config(server(), DDNS));
  }

  static ProviderConfig config(DnsServer server, TsigKey key) {
    return new ProviderConfig(
        "dyn",
        "rfc2136",
        Map.of(
            "server",
            server.hostPort(),
            "tsig",
            Map.of("name", key.name(), "algorithm", key.algorithm(), "secret", key.secret())));
  }

  @Override
  protected Zone zone() {
    return new Zone(DnsName.of(ZONE), "dyn");
  }

  @Override
  protected void seedForeign(Zone zone, RecordSet recordSet) {
    server().client(ADMIN).add(ZONE, masterLines(recordSet).toArray(String[]::new));
  }

  /** {@code recordSet} as master-file lines, TXT quoted and escaped. */
  static List<String> masterLines(RecordSet recordSet) {
    List<String> lines = new ArrayList<>();
    for (String value : recordSet.values()) {
      String data =
          recordSet.type() == RecordType.TXT
              ? "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
              : value;
      lines.add(recordSet.name() + " " + recordSet.ttl() + " IN " + recordSet.type() + " " + data);
    }
    return lines;
  }
}

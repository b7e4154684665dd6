package io.dnsfailover.provider.rfc2136;

import io.dnsfailover.testkit.dns.DnsServer;
import io.dnsfailover.testkit.dns.DnsServerExtension;
import io.dnsfailover.testkit.dns.DnsZone;
import io.dnsfailover.testkit.dns.NamedServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The provider contract against a real BIND 9 ({@code named}) with allow-update for the key. */
class NamedContractTest extends Rfc2136ContractTest {

  @RegisterExtension
  static final DnsServerExtension<NamedServer> NAMED =
      new DnsServerExtension<>(
          () -> NamedServer.builder().zone(DnsZone.dynamic(ZONE, DDNS, ADMIN)).startOrSkip());

  @Override
  DnsServer server() {
    return NAMED.server();
  }
}

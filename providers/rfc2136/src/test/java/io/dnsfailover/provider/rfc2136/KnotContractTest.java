package io.dnsfailover.provider.rfc2136;

import io.dnsfailover.testkit.dns.DnsServer;
import io.dnsfailover.testkit.dns.DnsServerExtension;
import io.dnsfailover.testkit.dns.DnsZone;
import io.dnsfailover.testkit.dns.KnotServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The provider contract against a real Knot DNS ({@code knotd}) with an acl giving the key {@code
 * action: [update, transfer]}; skipped with a message where knotd is not installed.
 */
class KnotContractTest extends Rfc2136ContractTest {

  @RegisterExtension
  static final DnsServerExtension<KnotServer> KNOT =
      new DnsServerExtension<>(
          () -> KnotServer.builder().zone(DnsZone.dynamic(ZONE, DDNS, ADMIN)).startOrSkip());

  @Override
  DnsServer server() {
    return KNOT.server();
  }
}

package io.dnsfailover.testkit.dns;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link DnsServer} for all the tests of a class: started before the class's own
 * {@code @BeforeAll} methods, stopped after its {@code @AfterAll} methods; the class is skipped
 * when the server's binary is not installed (the starter's assumption fails).
 *
 * <pre>{@code
 * static final TsigKey DDNS = TsigKey.generate("ddns");
 * @RegisterExtension
 * static final DnsServerExtension<NamedServer> NAMED =
 *     new DnsServerExtension<>(
 *         () -> NamedServer.builder().zone(DnsZone.dynamic("example.test.", DDNS)).startOrSkip());
 * ...
 * NAMED.server().hostPort()
 * }</pre>
 */
public final class DnsServerExtension<T extends DnsServer>
    implements BeforeAllCallback, AfterAllCallback {

  private final Supplier<T> starter;
  private volatile T server;

  /**
   * @param starter starts the server ({@code NamedServer.builder()...startOrSkip()})
   */
  public DnsServerExtension(Supplier<T> starter) {
    this.starter = starter;
  }

  /** The running server. */
  public T server() {
    T running = server;
    if (running == null) {
      throw new IllegalStateException("the DNS server runs only while the test class runs");
    }
    return running;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server = starter.get();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    T running = server;
    server = null;
    if (running != null) {
      running.close();
    }
  }
}

package io.dnsfailover.testkit.dns;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * A real authoritative DNS server a test started on 127.0.0.1 ({@link NamedServer}, {@link
 * KnotServer}); closing it stops the process and deletes its files.
 */
public interface DnsServer extends AutoCloseable {

  /** The port it answers on, UDP and TCP. */
  int port();

  /** {@code 127.0.0.1} and {@link #port()}. */
  default InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", port());
  }

  /**
   * {@code 127.0.0.1:<port>}, as a config's {@code server:} key or {@code verify.servers} take it.
   */
  default String hostPort() {
    return "127.0.0.1:" + port();
  }

  /** The zone file a zone was loaded from (and, for a file-served zone, is reloaded from). */
  Path zoneFile(String zone);

  /** The server's own output so far, for assertion messages. */
  String log();

  /** A client for this server, signing with {@code key} (null: unsigned). */
  default DnsClient client(TsigKey key) {
    return new DnsClient(address(), key);
  }

  /** Stops the server (SIGTERM, then SIGKILL if it lingers) and deletes its directory. */
  @Override
  void close();
}

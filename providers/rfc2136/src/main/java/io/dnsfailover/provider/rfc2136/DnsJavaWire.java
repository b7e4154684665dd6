package io.dnsfailover.provider.rfc2136;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/**
 * {@link DnsWire} over dnsjava: {@link ZoneTransferIn} for AXFR, {@link SimpleResolver} over TCP
 * for everything else. TCP throughout: an UPDATE with many records does not fit a UDP datagram, and
 * a lost datagram would be sent twice. The server's host name is resolved on every call, so a
 * config check never does it and a changed address is picked up.
 */
final class DnsJavaWire implements DnsWire {

  private final ServerAddress server;
  private final Optional<TsigCredentials> tsig;
  private final Duration timeout;
  private final Clock clock;

  /**
   * @param clock the time signatures carry: the system's, except in tests of a skewed clock
   */
  DnsJavaWire(ServerAddress server, Optional<TsigCredentials> tsig, Duration timeout, Clock clock) {
    this.server = server;
    this.tsig = tsig;
    this.timeout = timeout;
    this.clock = clock;
  }

  @Override
  public List<Record> transfer(Name zone) throws IOException, ZoneTransferException {
    ZoneTransferIn transfer = ZoneTransferIn.newAXFR(zone, address(), signer());
    transfer.setTimeout(timeout);
    transfer.run();
    return List.copyOf(transfer.getAXFR());
  }

  @Override
  public Answer send(Message message) throws IOException {
    SimpleResolver resolver = new SimpleResolver(address());
    resolver.setTCP(true);
    resolver.setTimeout(timeout);
    TSIG signer = signer();
    if (signer != null) {
      resolver.setTSIGKey(signer);
    }
    Message response = resolver.send(message);
    return new Answer(response, signer != null && response.isVerified());
  }

  @Override
  public String server() {
    return server.toString();
  }

  private InetSocketAddress address() throws UnknownHostException {
    InetSocketAddress address = new InetSocketAddress(server.host(), server.port());
    if (address.isUnresolved()) {
      throw new UnknownHostException("cannot resolve the server's host name " + server.host());
    }
    return address;
  }

  private TSIG signer() {
    return tsig.map(key -> key.signer(clock)).orElse(null);
  }
}

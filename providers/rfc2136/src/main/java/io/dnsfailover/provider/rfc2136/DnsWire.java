package io.dnsfailover.provider.rfc2136;

import java.io.IOException;
import java.util.List;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.ZoneTransferException;

/**
 * The two exchanges the provider has with its server, so the provider's logic (what to read, which
 * prerequisites to state, how to name a failure) is tested against a twin, and the wire against
 * real servers. Implementations sign every request with the configured TSIG key and check the
 * signature of every answer.
 *
 * <p>Failures keep dnsjava's shapes, so the provider maps one set of them: an {@link IOException}
 * is the network (nothing answered in time, the connection was refused or lost); a {@link
 * ZoneTransferException} is a transfer the server refused or broke off, its message the response
 * code's name ({@code REFUSED}, {@code NOTAUTH}) or {@code TSIG failure: ...}.
 */
interface DnsWire {

  /** Every record of {@code zone} by AXFR over TCP, both SOA records included. */
  List<Record> transfer(Name zone) throws IOException, ZoneTransferException;

  /**
   * Sends {@code message} (an UPDATE, or a query) over TCP and returns the server's answer whatever
   * its response code, with the TSIG record the server put in it.
   */
  Answer send(Message message) throws IOException;

  /**
   * A server's answer.
   *
   * @param message the response as received
   * @param verified its TSIG signature checked out with the configured key (always false when no
   *     key is configured, and for answers a server does not sign, such as BADKEY)
   */
  record Answer(Message message, boolean verified) {}

  /** The server as messages name it: {@code host:port}. */
  String server();
}

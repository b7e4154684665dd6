package io.dnsfailover.provider.rfc2136;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ZoneTransferException;

/**
 * A {@link DnsWire} in front of the real one that records the UPDATE messages sent and can run
 * something (another writer's change) just before each one goes out.
 */
final class InterceptingWire implements DnsWire {

  private final DnsWire wire;
  private final List<Message> updates = new ArrayList<>();
  private Runnable beforeUpdate = () -> {};
  private int transfers;

  InterceptingWire(DnsWire wire) {
    this.wire = wire;
  }

  /** Runs {@code action} before every UPDATE from now on. */
  void beforeUpdate(Runnable action) {
    beforeUpdate = action;
  }

  List<Message> updates() {
    return List.copyOf(updates);
  }

  int transfers() {
    return transfers;
  }

  @Override
  public List<Record> transfer(Name zone) throws IOException, ZoneTransferException {
    transfers++;
    return wire.transfer(zone);
  }

  @Override
  public Answer send(Message message) throws IOException {
    if (message.getHeader().getOpcode() == Opcode.UPDATE) {
      beforeUpdate.run();
      updates.add(message);
    }
    return wire.send(message);
  }

  @Override
  public String server() {
    return wire.server();
  }
}

package io.dnsfailover.health.check;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * A tiny authoritative UDP DNS server on 127.0.0.1 for tests: answers from a map of name/type to
 * records, NXDOMAIN for anything else, and stays silent when told to (to test timeouts).
 */
final class DnsResponder implements AutoCloseable {

  private final DatagramSocket socket;
  private final Map<String, List<Record>> answers = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean silent;

  DnsResponder() throws SocketException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    thread = Thread.ofPlatform().daemon().name("test-dns-responder").start(this::serve);
  }

  int port() {
    return socket.getLocalPort();
  }

  void answer(Record... records) {
    Record first = records[0];
    answers.put(key(first.getName().toString(), first.getType()), List.of(records));
  }

  void beSilent() {
    silent = true;
  }

  private static String key(String name, int type) {
    return name.toLowerCase(java.util.Locale.ROOT) + "/" + type;
  }

  private void serve() {
    byte[] buffer = new byte[4096];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
        if (silent) {
          continue;
        }
        Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
        byte[] response = respond(query).toWire();
        socket.send(new DatagramPacket(response, response.length, packet.getSocketAddress()));
      } catch (IOException e) {
        if (socket.isClosed()) {
          return;
        }
      }
    }
  }

  private Message respond(Message query) {
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setFlag(Flags.AA);
    Record question = query.getQuestion();
    response.addRecord(question, Section.QUESTION);
    List<Record> records = answers.get(key(question.getName().toString(), question.getType()));
    if (records == null) {
      response.getHeader().setRcode(Rcode.NXDOMAIN);
    } else {
      records.forEach(record -> response.addRecord(record, Section.ANSWER));
    }
    return response;
  }

  @Override
  public void close() throws InterruptedException {
    socket.close();
    thread.join(1000);
  }
}

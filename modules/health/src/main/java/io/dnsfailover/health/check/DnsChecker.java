package io.dnsfailover.health.check;

import io.dnsfailover.core.config.CheckSpec;
import io.dnsfailover.core.config.Probe;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * {@code dns}: asks {@code server:port} for {@code query}/{@code qtype} (UDP, retried over TCP when
 * the answer is truncated, as dnsjava does); healthy on NOERROR with an answer that holds every
 * {@code expect} value, or any answer when {@code expect} is empty.
 */
final class DnsChecker extends AbstractChecker {

  private final Probe.Dns probe;
  private final Optional<String> sourceAddress;

  DnsChecker(Probe.Dns probe, CheckSpec spec, Clock clock) {
    super(spec, clock);
    this.probe = probe;
    this.sourceAddress = spec.sourceAddress();
  }

  @Override
  Attempt attempt() throws Exception {
    int type = Type.value(probe.qtype());
    if (type < 0) {
      return Attempt.failure("unknown qtype " + probe.qtype());
    }
    SimpleResolver resolver =
        new SimpleResolver(
            new InetSocketAddress(InetAddress.getByName(probe.server()), probe.port()));
    resolver.setTimeout(timeout());
    if (sourceAddress.isPresent()) {
      resolver.setLocalAddress(bindable(sourceAddress.get()));
    }
    Record question = Record.newRecord(Name.fromString(probe.query(), Name.root), type, DClass.IN);
    Message response = resolver.send(Message.newQuery(question));
    int rcode = response.getRcode();
    if (rcode != Rcode.NOERROR) {
      return Attempt.failure(Rcode.string(rcode));
    }
    List<String> answer =
        response.getSection(Section.ANSWER).stream()
            .filter(record -> record.getType() == type)
            .map(Record::rdataToString)
            .toList();
    if (answer.isEmpty()) {
      return Attempt.failure("NOERROR, empty answer");
    }
    List<String> missing =
        probe.expect().stream()
            .filter(expected -> answer.stream().noneMatch(value -> sameValue(value, expected)))
            .toList();
    String answerText = String.join(",", answer);
    if (!missing.isEmpty()) {
      return Attempt.failure("answer " + answerText + " lacks " + String.join(",", missing));
    }
    return Attempt.success("answer " + answerText);
  }

  /** Names compare without case and trailing dot; TXT strings without their quotes. */
  private static boolean sameValue(String answer, String expected) {
    return normalize(answer).equals(normalize(expected));
  }

  private static String normalize(String value) {
    String result = value.trim().toLowerCase(Locale.ROOT);
    if (result.length() >= 2 && result.startsWith("\"") && result.endsWith("\"")) {
      result = result.substring(1, result.length() - 1);
    }
    return result.endsWith(".") ? result.substring(0, result.length() - 1) : result;
  }

  /**
   * dnsjava binds random source ports and reports a bad address only as "No available source port
   * found", so try the address once first to name it in the detail.
   */
  private static InetAddress bindable(String address) throws IOException {
    InetAddress local = SourceAddress.parse(address);
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(local, 0))) {
      return local;
    } catch (IOException e) {
      throw SourceAddress.cannotBind(address, e);
    }
  }
}

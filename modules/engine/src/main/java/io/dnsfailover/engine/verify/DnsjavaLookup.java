package io.dnsfailover.engine.verify;

import io.dnsfailover.core.config.VerifyConfig;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.RecordValues;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Queries a server over UDP without recursion (it must answer from its own data), and over TCP when
 * the UDP answer is truncated, as dnsjava's {@link SimpleResolver} does by itself.
 */
public final class DnsjavaLookup implements Lookup {

  @Override
  public Answer query(VerifyConfig.Server server, RecordKey key, Duration timeout) {
    int type = type(key.type());
    try {
      InetSocketAddress address = new InetSocketAddress(server.host(), server.port());
      if (address.isUnresolved()) {
        return new Answer.Failed("cannot resolve " + server.host());
      }
      SimpleResolver resolver = new SimpleResolver(address);
      resolver.setTimeout(timeout);
      Message query =
          Message.newQuery(Record.newRecord(Name.fromString(key.name().value()), type, DClass.IN));
      query.getHeader().unsetFlag(Flags.RD);
      Message response = resolver.send(query);
      int rcode = response.getRcode();
      if (rcode == Rcode.NXDOMAIN) {
        return new Answer.Values(List.of());
      }
      if (rcode != Rcode.NOERROR) {
        return new Answer.Failed(Rcode.string(rcode));
      }
      Name name = Name.fromString(key.name().value());
      return new Answer.Values(
          response.getSection(Section.ANSWER).stream()
              .filter(record -> record.getType() == type && record.getName().equals(name))
              .map(DnsjavaLookup::value)
              .toList());
    } catch (TextParseException e) {
      return new Answer.Failed("not a DNS name: " + key.name());
    } catch (SocketTimeoutException e) {
      return noAnswer(timeout);
    } catch (IOException e) {
      // dnsjava reports a timeout as an IOException caused by a TimeoutException.
      return e.getCause() instanceof TimeoutException
          ? noAnswer(timeout)
          : new Answer.Failed(String.valueOf(e.getMessage()));
    }
  }

  private static Answer noAnswer(Duration timeout) {
    return new Answer.Failed("no answer within " + timeout.toMillis() + " ms");
  }

  private static int type(RecordType type) {
    return switch (type) {
      case A -> Type.A;
      case AAAA -> Type.AAAA;
      case CNAME -> Type.CNAME;
      case TXT -> Type.TXT;
    };
  }

  private static String value(Record record) {
    return switch (record) {
      case ARecord a -> a.getAddress().getHostAddress();
      case AAAARecord aaaa -> RecordValues.ipv6(aaaa.getAddress().getAddress());
      case CNAMERecord cname -> cname.getTarget().toString().toLowerCase(Locale.ROOT);
      default -> record.rdataToString();
    };
  }
}

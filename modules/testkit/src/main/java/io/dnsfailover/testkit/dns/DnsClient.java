package io.dnsfailover.testkit.dns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/**
 * Asks a DNS server what a user's resolver would see, and edits a dynamic zone the way an operator
 * does with {@code nsupdate}: dnsjava underneath, signed with a {@link TsigKey} when given one.
 * Every failure is an {@link UncheckedIOException} or {@link IllegalStateException} naming the
 * server and the response code, so tests can call it without ceremony.
 *
 * <pre>{@code
 * DnsClient dns = named.client(admin);
 * dns.add("example.test.", "www 300 IN A 192.0.2.80", "@ 300 IN MX 10 mail");
 * dns.values("app.example.test.", "A");      // ["192.0.2.10"], sorted; [] when none
 * dns.soaSerial("example.test.");            // to prove nothing was written
 * dns.clear("example.test.");                // every record but the apex SOA and NS
 * }</pre>
 */
public final class DnsClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final InetSocketAddress server;
  private final TsigKey key;

  /**
   * @param key signs every message; null sends them unsigned
   */
  public DnsClient(InetSocketAddress server, TsigKey key) {
    this.server = server;
    this.key = key;
  }

  /** What a query for {@code name}/{@code type} got back. */
  public record Answer(int rcode, boolean authoritative, List<Record> records) {
    public Answer {
      records = List.copyOf(records);
    }

    /** The records' data in presentation form ({@code 192.0.2.1}, {@code "text"}), sorted. */
    public List<String> values() {
      return records.stream().map(Record::rdataToString).sorted().toList();
    }
  }

  /** Queries {@code name} (absolute) for {@code type} (A, AAAA, TXT, ...) over UDP. */
  public Answer query(String name, String type) {
    int qtype = Type.value(type);
    if (qtype < 0) {
      throw new IllegalArgumentException("not a record type: " + type);
    }
    Message response;
    try {
      Record question = Record.newRecord(Name.fromString(name, Name.root), qtype, DClass.IN);
      response = resolver(false).send(Message.newQuery(question));
    } catch (IOException e) {
      throw new UncheckedIOException("query " + name + " " + type + " to " + where(), e);
    }
    List<Record> answers =
        response.getSection(Section.ANSWER).stream().filter(r -> r.getType() == qtype).toList();
    return new Answer(response.getRcode(), response.getHeader().getFlag(Flags.AA), answers);
  }

  /**
   * The values the server answers for {@code name}/{@code type}, sorted, in presentation form;
   * empty when the name or the type does not exist. Throws for any other response code.
   */
  public List<String> values(String name, String type) {
    Answer answer = query(name, type);
    if (answer.rcode() != Rcode.NOERROR && answer.rcode() != Rcode.NXDOMAIN) {
      throw new IllegalStateException(
          where() + " answered " + Rcode.string(answer.rcode()) + " for " + name + " " + type);
    }
    return answer.values();
  }

  /** The zone's SOA serial as the server answers it. */
  public long soaSerial(String zone) {
    Answer answer = query(zone, "SOA");
    if (answer.records().isEmpty()) {
      throw new IllegalStateException(
          where() + " has no SOA for " + zone + " (" + Rcode.string(answer.rcode()) + ")");
    }
    return ((SOARecord) answer.records().getFirst()).getSerial();
  }

  /** Every record of {@code zone} by AXFR over TCP (the key must be allowed to transfer). */
  public List<Record> transfer(String zone) {
    try {
      ZoneTransferIn transfer =
          ZoneTransferIn.newAXFR(Name.fromString(zone, Name.root), server, tsig());
      transfer.setTimeout(TIMEOUT);
      transfer.run();
      return List.copyOf(transfer.getAXFR());
    } catch (IOException | ZoneTransferException e) {
      throw new UncheckedIOException(
          "AXFR of " + zone + " from " + where() + ": " + e.getMessage(),
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  /**
   * Sends one UPDATE for {@code zone} that {@code edits} fills in (prerequisites, adds, deletes),
   * over TCP; throws unless the server answers NOERROR.
   */
  public void update(String zone, Consumer<Update> edits) {
    Update update = new Update(origin(zone));
    edits.accept(update);
    Message response;
    try {
      response = resolver(true).send(update);
    } catch (IOException e) {
      throw new UncheckedIOException("UPDATE of " + zone + " to " + where(), e);
    }
    if (response.getRcode() != Rcode.NOERROR) {
      String tsigError =
          response.getTSIG() == null || response.getTSIG().getError() == Rcode.NOERROR
              ? ""
              : " (TSIG " + Rcode.TSIGstring(response.getTSIG().getError()) + ")";
      throw new IllegalStateException(
          where()
              + " answered "
              + Rcode.string(response.getRcode())
              + tsigError
              + " to an UPDATE of "
              + zone);
    }
  }

  /**
   * Adds records given as master-file lines ({@code "www 300 IN A 192.0.2.80"}; names relative to
   * {@code zone} unless they end with a dot), in one UPDATE.
   */
  public void add(String zone, String... lines) {
    List<Record> records = new ArrayList<>();
    String text = String.join("\n", lines) + "\n";
    try (Master master =
        new Master(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), origin(zone), 300)) {
      for (Record record = master.nextRecord(); record != null; record = master.nextRecord()) {
        records.add(record);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("not master-file records: " + text, e);
    }
    update(zone, update -> records.forEach(update::add));
  }

  /**
   * Removes every record of {@code zone} except the apex SOA and NS records and the addresses of
   * in-zone name servers (BIND refuses an update that leaves an NS target without one), in one
   * UPDATE, so a test starts from an empty zone without restarting the server.
   */
  public void clear(String zone) {
    Name origin = origin(zone);
    List<Record> records = transfer(zone);
    Set<Name> nameServers = new HashSet<>();
    for (Record record : records) {
      if (record instanceof NSRecord ns && record.getName().equals(origin)) {
        nameServers.add(ns.getTarget());
      }
    }
    Set<Name> names = new LinkedHashSet<>();
    List<Record> apexOther = new ArrayList<>();
    for (Record record : records) {
      if (record.getName().equals(origin)) {
        if (record.getType() != Type.SOA && record.getType() != Type.NS) {
          apexOther.add(record);
        }
      } else if (!nameServers.contains(record.getName())) {
        names.add(record.getName());
      }
    }
    if (names.isEmpty() && apexOther.isEmpty()) {
      return;
    }
    update(
        zone,
        update -> {
          names.forEach(update::delete);
          apexOther.forEach(record -> update.delete(origin, record.getType()));
        });
  }

  private SimpleResolver resolver(boolean tcp) {
    SimpleResolver resolver = new SimpleResolver(server);
    resolver.setTCP(tcp);
    resolver.setTimeout(TIMEOUT);
    if (key != null) {
      resolver.setTSIGKey(key.toDnsjava());
    }
    return resolver;
  }

  private TSIG tsig() {
    return key == null ? null : key.toDnsjava();
  }

  private static Name origin(String zone) {
    try {
      return Name.fromString(DnsZone.absolute(zone));
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a zone name: " + zone, e);
    }
  }

  private String where() {
    return server.getAddress().getHostAddress() + ":" + server.getPort();
  }
}

package io.dnsfailover.health.check;

import io.dnsfailover.core.config.CheckSpec;
import io.dnsfailover.core.config.EndpointConfig;
import io.dnsfailover.core.config.Probe;
import io.dnsfailover.health.ProbeResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Does, once before the first timed probe, the work a checker type does only the first time in a
 * JVM: loading and linking its classes (HttpCore, dnsjava, the socket implementation), starting the
 * virtual threads' I/O poller and dnsjava's selector thread, initialising TLS (the key exchange of
 * a client hello). On a cold JVM with a busy CPU that work took 300 to 600 ms, longer than many a
 * timeout, and a healthy backend failed its first probe.
 *
 * <p>The HTTP, TCP and DNS warm-ups probe a responder of their own on the loopback interface (an
 * HTTP server that answers 200 "ok", a listening socket, a DNS server that answers one A record)
 * through the very checker classes the endpoints use, on a virtual thread as the scheduler's probes
 * run: nothing leaves the machine. TLS is warmed without a connection, by a client hello from an
 * {@link SSLEngine} of the same context (a handshake would need a server certificate). ICMP needs
 * nothing: ping times itself, and its deadline has slack. Best effort: a warm-up that fails is
 * logged at debug level and probing starts anyway.
 */
final class WarmUp {

  private static final Logger log = LoggerFactory.getLogger(WarmUp.class);

  /** How long the warm-up may take in all; probing starts after this even if it has not ended. */
  private static final Duration PATIENCE = Duration.ofSeconds(5);

  /** The warm-up probes' own timeout: generous, they run on a cold JVM by design. */
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private static final String NAME = "warm-up.invalid.";

  /** What can be warmed up, by what the endpoints' checks use. */
  enum Part {
    HTTP,
    TLS_VERIFIED,
    TLS_UNVERIFIED,
    TCP,
    DNS
  }

  private WarmUp() {}

  /** The parts the checks of {@code endpoints} need; https needs HTTP too. */
  static Set<Part> partsFor(Collection<EndpointConfig> endpoints) {
    Set<Part> parts = EnumSet.noneOf(Part.class);
    for (EndpointConfig endpoint : endpoints) {
      switch (endpoint.check().probe()) {
        case Probe.Http http -> {
          parts.add(Part.HTTP);
          if ("https".equalsIgnoreCase(http.url().getScheme())) {
            parts.add(http.tlsVerify() ? Part.TLS_VERIFIED : Part.TLS_UNVERIFIED);
          }
        }
        case Probe.Tcp tcp -> parts.add(Part.TCP);
        case Probe.Icmp icmp -> {}
        case Probe.Dns dns -> parts.add(Part.DNS);
      }
    }
    return parts;
  }

  /**
   * Warms up {@code parts} on a virtual thread and waits for it (at most {@link #PATIENCE}).
   *
   * @param verified the TLS context of checks with {@code tlsVerify: true}
   * @return each part's result: "ok", or what went wrong
   */
  static Map<Part, String> run(Set<Part> parts, SSLContext verified, Clock clock) {
    Map<Part, String> results = new EnumMap<>(Part.class);
    if (parts.isEmpty()) {
      return results;
    }
    long start = System.nanoTime();
    Thread thread =
        Thread.ofVirtual()
            .name("dnsfailover-warm-up")
            .start(
                () -> {
                  for (Part part : parts) {
                    String result = warmSafely(part, verified, clock);
                    synchronized (results) {
                      results.put(part, result);
                    }
                  }
                });
    try {
      if (!thread.join(PATIENCE)) {
        log.debug("checker warm-up still running after {}; probing starts anyway", PATIENCE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (results) {
      log.debug(
          "checkers warmed up in {} ms: {}", (System.nanoTime() - start) / 1_000_000, results);
      return Map.copyOf(results);
    }
  }

  private static String warmSafely(Part part, SSLContext verified, Clock clock) {
    try {
      return switch (part) {
        case HTTP -> http(verified.getSocketFactory(), clock);
        case TLS_VERIFIED -> tls(verified, true);
        case TLS_UNVERIFIED -> tls(HttpChecker.trustingAll(), false);
        case TCP -> tcp(clock);
        case DNS -> dns(clock);
      };
    } catch (Exception e) {
      return "failed: " + e;
    }
  }

  /** One request of the http checker to an HTTP responder on loopback, body matched. */
  private static String http(SSLSocketFactory tls, Clock clock) throws IOException {
    try (LoopbackServer server = LoopbackServer.start(WarmUp::answerHttp)) {
      Probe.Http probe =
          new Probe.Http(
              "http",
              URI.create("http://" + server.authority() + "/"),
              "GET",
              Optional.empty(),
              Map.of(),
              List.of(),
              Optional.of(Pattern.compile("ok")),
              false,
              true);
      return describe(new HttpChecker(probe, spec(probe), tls, clock).probe());
    }
  }

  /** One connect of the tcp checker to a listening socket on loopback. */
  private static String tcp(Clock clock) throws IOException {
    try (LoopbackServer server = LoopbackServer.start(socket -> {})) {
      Probe.Tcp probe = new Probe.Tcp(server.host(), server.port());
      return describe(new TcpChecker(probe, spec(probe), clock).probe());
    }
  }

  /** One query of the dns checker to a DNS responder on loopback. */
  private static String dns(Clock clock) throws IOException {
    try (LoopbackDns server = LoopbackDns.start()) {
      Probe.Dns probe =
          new Probe.Dns(
              server.host(),
              server.port(),
              NAME,
              "A",
              List.of(LoopbackDns.ANSWER.getHostAddress()));
      return describe(new DnsChecker(probe, spec(probe), clock).probe());
    }
  }

  /**
   * A client hello from {@code context}, as an https probe starts its handshake: the context's
   * cipher suites and key shares initialised. No connection: a handshake needs a server.
   */
  private static String tls(SSLContext context, boolean verifyHostName) throws IOException {
    context.getSocketFactory().createSocket().close();
    SSLEngine engine = context.createSSLEngine(NAME.substring(0, NAME.length() - 1), 443);
    engine.setUseClientMode(true);
    SSLParameters parameters = engine.getSSLParameters();
    if (verifyHostName) {
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
    }
    parameters.setServerNames(List.of(new SNIHostName(NAME.substring(0, NAME.length() - 1))));
    engine.setSSLParameters(parameters);
    engine.beginHandshake();
    ByteBuffer hello = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    engine.wrap(ByteBuffer.allocate(0), hello);
    engine.closeOutbound();
    return hello.position() > 0 ? "ok" : "failed: no client hello";
  }

  private static CheckSpec spec(Probe probe) {
    return new CheckSpec(
        TIMEOUT.multipliedBy(2), TIMEOUT, 1, 1, Optional.empty(), Optional.empty(), probe);
  }

  private static String describe(ProbeResult result) {
    return result.success() ? "ok" : "failed: " + result.detail();
  }

  /** Reads the request head, answers 200 "ok" and lets the caller close the connection. */
  private static void answerHttp(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    byte[] end = {'\r', '\n', '\r', '\n'};
    int matched = 0;
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        return;
      }
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    OutputStream out = socket.getOutputStream();
    out.write(
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** What a {@link LoopbackServer} does with each connection it accepts. */
  @FunctionalInterface
  private interface Handler {
    void handle(Socket socket) throws IOException;
  }

  /** A listening socket on loopback whose virtual thread hands each connection to a handler. */
  private static final class LoopbackServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Thread thread;

    private LoopbackServer(ServerSocket socket, Handler handler) {
      this.socket = socket;
      this.thread =
          Thread.ofVirtual().name("dnsfailover-warm-up-server").start(() -> serve(handler));
    }

    static LoopbackServer start(Handler handler) throws IOException {
      ServerSocket socket = new ServerSocket();
      try {
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        return new LoopbackServer(socket, handler);
      } catch (IOException | RuntimeException e) {
        socket.close();
        throw e;
      }
    }

    String host() {
      return socket.getInetAddress().getHostAddress();
    }

    int port() {
      return socket.getLocalPort();
    }

    String authority() {
      String host = host();
      return (socket.getInetAddress() instanceof Inet6Address ? "[" + host + "]" : host)
          + ":"
          + port();
    }

    private void serve(Handler handler) {
      while (!socket.isClosed()) {
        try (Socket connection = socket.accept()) {
          connection.setSoTimeout((int) TIMEOUT.toMillis());
          handler.handle(connection);
        } catch (IOException e) {
          // closed, or a connection that went wrong: the probe reports it
        }
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
      try {
        thread.join(TIMEOUT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A UDP socket on loopback whose virtual thread answers every query with an A record. */
  private static final class LoopbackDns implements AutoCloseable {
    static final InetAddress ANSWER = loopbackV4();

    private final DatagramSocket socket;
    private final Thread thread;

    private LoopbackDns(DatagramSocket socket) {
      this.socket = socket;
      this.thread = Thread.ofVirtual().name("dnsfailover-warm-up-dns").start(this::serve);
    }

    static LoopbackDns start() throws IOException {
      return new LoopbackDns(
          new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
    }

    String host() {
      return socket.getLocalAddress().getHostAddress();
    }

    int port() {
      return socket.getLocalPort();
    }

    private void serve() {
      byte[] buffer = new byte[512];
      while (!socket.isClosed()) {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(packet);
          Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
          Record question = query.getQuestion();
          Message response = new Message(query.getHeader().getID());
          response.getHeader().setFlag(Flags.QR);
          response.getHeader().setFlag(Flags.AA);
          response.addRecord(question, Section.QUESTION);
          response.addRecord(new ARecord(question.getName(), DClass.IN, 0, ANSWER), Section.ANSWER);
          byte[] wire = response.toWire();
          socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
        } catch (IOException | RuntimeException e) {
          // closed, or not a query: the probe reports it
        }
      }
    }

    private static InetAddress loopbackV4() {
      try {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
      } catch (IOException e) {
        throw new IllegalStateException(e); // four bytes are always an address
      }
    }

    @Override
    public void close() {
      socket.close();
      try {
        thread.join(TIMEOUT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

package io.dnsfailover.health.check;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.http.protocol.HttpProcessor;
import org.apache.hc.core5.http.protocol.HttpProcessorBuilder;
import org.apache.hc.core5.http.protocol.RequestContent;
import org.apache.hc.core5.http.protocol.RequestUserAgent;

/**
 * One HTTP/1.1 exchange on a connection of its own: connect (from the source address when one is
 * set), TLS for https, one request, one response; {@link #close} closes the connection. Every step,
 * reads included, ends by one deadline. Apache HttpCore writes and parses the messages; the socket
 * is this class's, on the calling (virtual) thread, with no pool and no helper threads. That is
 * what a health check wants (a fresh connection each time) and what keeps a probe cheap: see
 * docs/PERFORMANCE.md.
 */
final class HttpExchange implements AutoCloseable {

  /** How a TLS connection is set up. */
  record Tls(SSLSocketFactory factory, boolean verifyHostName) {}

  /**
   * A health check's response is small: 1 KiB buffers (HttpCore's default is 8 KiB, three of them
   * per connection) cut the garbage of a probe from about 30 KB to 9 KB; longer lines still fit.
   */
  private static final Http1Config HTTP1 =
      Http1Config.custom()
          .setBufferSize(1024)
          .setMaxLineLength(8 * 1024)
          .setMaxHeaderCount(100)
          .build();

  private static final HttpRequestExecutor EXECUTOR = new HttpRequestExecutor();
  private static final HttpProcessor PROCESSOR =
      HttpProcessorBuilder.create()
          .add(RequestContent.INSTANCE)
          .add(new RequestUserAgent("dnsfailover"))
          .build();

  private final Socket socket;
  private final DefaultBHttpClientConnection connection;

  private HttpExchange(Socket socket, DefaultBHttpClientConnection connection) {
    this.socket = socket;
    this.connection = connection;
  }

  /**
   * Connects to {@code target}: to each of its addresses in turn while they refuse, and with TLS
   * when it is https.
   *
   * @param timer started here, right before the name lookup and connect (unless a request before
   *     this one started it); the whole exchange ends by its deadline
   */
  static HttpExchange open(
      HttpTarget target, Optional<InetAddress> source, Tls tls, ProbeTimer timer)
      throws IOException {
    long deadline = timer.start();
    Socket plain = connect(target, source, deadline);
    try {
      DeadlineConnection connection = new DeadlineConnection(deadline);
      if (target.tls()) {
        SSLSocket secure = handshake(plain, target, tls, deadline);
        connection.bind(secure, plain);
        return new HttpExchange(secure, connection);
      }
      connection.bind(plain);
      return new HttpExchange(plain, connection);
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  /** Sends the request and reads the response head; the body stays to be read from its entity. */
  ClassicHttpResponse send(ClassicHttpRequest request) throws IOException, HttpException {
    HttpCoreContext context = HttpCoreContext.create();
    EXECUTOR.preProcess(request, PROCESSOR, context);
    return EXECUTOR.execute(request, connection, context);
  }

  @Override
  public void close() throws IOException {
    try {
      connection.close();
    } finally {
      socket.close();
    }
  }

  private static Socket connect(HttpTarget target, Optional<InetAddress> source, long deadline)
      throws IOException {
    String host = target.connectTo();
    InetAddress[] addresses =
        HttpTarget.isIpLiteral(host)
            ? new InetAddress[] {InetAddress.getByName(host)} // parsed, never looked up
            : InetAddress.getAllByName(host);
    IOException refused = null;
    for (InetAddress address : addresses) {
      Socket socket = new Socket();
      try {
        socket.setTcpNoDelay(true);
        if (source.isPresent()) {
          SourceAddress.bind(socket, source.get());
        }
        socket.connect(new InetSocketAddress(address, target.port()), remainingMillis(deadline));
        return socket;
      } catch (ConnectException | NoRouteToHostException e) {
        socket.close();
        refused = e; // the next address may answer
      } catch (IOException | RuntimeException e) {
        socket.close();
        throw e;
      }
    }
    throw refused;
  }

  private static SSLSocket handshake(Socket plain, HttpTarget target, Tls tls, long deadline)
      throws IOException {
    SSLSocket secure =
        (SSLSocket) tls.factory().createSocket(plain, target.name(), target.port(), true);
    SSLParameters parameters = secure.getSSLParameters();
    if (tls.verifyHostName()) {
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
    }
    if (!HttpTarget.isIpLiteral(target.name())) {
      parameters.setServerNames(List.of(new SNIHostName(target.name())));
    }
    secure.setSSLParameters(parameters);
    plain.setSoTimeout(remainingMillis(deadline));
    secure.startHandshake();
    return secure;
  }

  /**
   * What is left until the deadline, for a socket timeout (0 would mean forever, so at least 1).
   *
   * @throws SocketTimeoutException when the deadline has passed
   */
  static int remainingMillis(long deadline) throws SocketTimeoutException {
    long nanos = deadline - System.nanoTime();
    if (nanos <= 0) {
      throw new SocketTimeoutException("timed out");
    }
    return (int) Math.clamp((nanos + 999_999) / 1_000_000, 1, Integer.MAX_VALUE);
  }

  /** HttpCore's connection, reading through a stream that stops at the deadline. */
  private static final class DeadlineConnection extends DefaultBHttpClientConnection {
    private final long deadline;

    DeadlineConnection(long deadline) {
      super(HTTP1);
      this.deadline = deadline;
    }

    @Override
    public void bind(Socket socket) throws IOException {
      bind(new DeadlineSocketHolder(socket, deadline));
    }

    @Override
    public void bind(SSLSocket secure, Socket plain) throws IOException {
      bind(new DeadlineSocketHolder(secure, plain, deadline));
    }
  }

  /** Hands HttpCore the deadline-bound input stream. */
  private static final class DeadlineSocketHolder extends SocketHolder {
    private final long deadline;

    DeadlineSocketHolder(Socket plain, long deadline) {
      super(plain);
      this.deadline = deadline;
    }

    DeadlineSocketHolder(SSLSocket secure, Socket plain, long deadline) {
      super(secure, plain);
      this.deadline = deadline;
    }

    @Override
    protected InputStream getInputStream(Socket socket) throws IOException {
      return new DeadlineInputStream(super.getInputStream(socket), socket, deadline);
    }
  }

  /**
   * Sets the socket's read timeout to the time left before every read, so a server that sends a
   * byte now and then cannot stretch a probe past its timeout.
   */
  private static final class DeadlineInputStream extends FilterInputStream {
    private final Socket socket;
    private final long deadline;

    DeadlineInputStream(InputStream in, Socket socket, long deadline) {
      super(in);
      this.socket = socket;
      this.deadline = deadline;
    }

    @Override
    public int read() throws IOException {
      socket.setSoTimeout(remainingMillis(deadline));
      return super.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      socket.setSoTimeout(remainingMillis(deadline));
      return super.read(buffer, offset, length);
    }
  }
}

package io.dnsfailover.engine.server;

import io.dnsfailover.engine.server.BoundedHttpServer.Request;
import io.dnsfailover.engine.server.BoundedHttpServer.Response;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of {@link BoundedHttpServer}, served on its own virtual thread: reads
 * request heads and bodies within the server's deadlines and sizes, answers each through the
 * handler (or with 503 when the connection came past the cap and the request is not one that is
 * always answered), and keeps the connection alive while HTTP/1.1 allows. Only what the status
 * endpoints need: GET and HEAD, request bodies read and discarded, responses of known length.
 */
final class StatusConnection {

  private static final Logger log = LoggerFactory.getLogger(StatusConnection.class);
  private static final Duration OVER_CAP_HEAD_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(1);
  private static final int MAX_HEADERS = 100;

  /** IMF-fixdate (RFC 9110): two-digit day, English names, GMT. */
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private final Socket socket;
  private final boolean admitted;
  private final BoundedHttpServer.Limits limits;
  private final BoundedHttpServer.Handler handler;
  private final Predicate<Request> alwaysAnswered;
  private final Clock clock;
  private final BooleanSupplier serverClosed;
  private final Consumer<StatusConnection> onEnd;
  private final byte[] buffer = new byte[8192];
  private int position;
  private int limit;
  private volatile long writeDeadline = Long.MAX_VALUE;

  StatusConnection(
      Socket socket,
      boolean admitted,
      BoundedHttpServer.Limits limits,
      BoundedHttpServer.Handler handler,
      Predicate<Request> alwaysAnswered,
      Clock clock,
      BooleanSupplier serverClosed,
      Consumer<StatusConnection> onEnd) {
    this.socket = socket;
    this.admitted = admitted;
    this.limits = limits;
    this.handler = handler;
    this.alwaysAnswered = alwaysAnswered;
    this.clock = clock;
    this.serverClosed = serverClosed;
    this.onEnd = onEnd;
    // Past the cap, the client gets its 503 a second from now at the latest.
    if (!admitted) {
      writeDeadline = System.nanoTime() + OVER_CAP_HEAD_TIMEOUT.toNanos() * 3;
    }
  }

  void run() {
    try {
      socket.setTcpNoDelay(true);
      InputStream in = socket.getInputStream();
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16_384);
      boolean open = true;
      while (open && !serverClosed.getAsBoolean()) {
        open = exchange(in, out);
      }
    } catch (IOException e) {
      log.debug("status connection ended: {}", e.toString()); // the client went away
    } catch (RuntimeException e) {
      log.warn("status connection failed: {}", e.toString(), e);
    } finally {
      closeQuietly(socket);
      onEnd.accept(this);
    }
  }

  void abort() {
    closeQuietly(socket);
  }

  /** True when the client has not taken a response it was given by {@code nanoTime}. */
  boolean pastWriteDeadline(long nanoTime) {
    return writeDeadline - nanoTime < 0;
  }

  /** Serves one request; false when the connection is to be closed. */
  private boolean exchange(InputStream in, OutputStream out) throws IOException {
    long headDeadline =
        System.nanoTime() + (admitted ? limits.headTimeout() : OVER_CAP_HEAD_TIMEOUT).toNanos();
    Request request;
    try {
      Optional<Request> read = readHead(in, headDeadline);
      if (read.isEmpty()) {
        return false; // closed or idle past the deadline before a new request began
      }
      request = read.get();
    } catch (Refused refused) {
      respond(out, "GET", refused.response, false);
      drainAndClose(in);
      return false;
    }
    if (!admitted && !alwaysAnswered.test(request)) {
      respond(out, request.method(), overCapacity(limits), false);
      drainAndClose(in);
      return false;
    }
    try {
      discardBody(in, request);
    } catch (Refused refused) {
      respond(out, request.method(), refused.response, false);
      drainAndClose(in);
      return false;
    }
    Response response = handler.handle(request);
    boolean keepAlive = admitted && keepAlive(request) && !serverClosed.getAsBoolean();
    respond(out, request.method(), response, keepAlive);
    if (!keepAlive) {
      drainAndClose(in);
    }
    return keepAlive;
  }

  /**
   * Reads a request head by {@code deadline}: empty when the connection ends or stays silent before
   * the first byte; 408 when a head started but did not finish in time.
   */
  private Optional<Request> readHead(InputStream in, long deadline) throws IOException, Refused {
    int headBytes = 0;
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    boolean started = false;
    while (true) {
      int b;
      try {
        b = read(in, deadline);
      } catch (SocketTimeoutException e) {
        if (!started) {
          return Optional.empty();
        }
        throw new Refused(408, "the request head did not arrive within the time allowed");
      }
      if (b < 0) {
        if (!started) {
          return Optional.empty();
        }
        throw new Refused(400, "the connection ended inside the request head");
      }
      if (++headBytes > limits.maxHeadBytes()) {
        throw new Refused(431, "request head larger than " + limits.maxHeadBytes() + " bytes");
      }
      if (b == '\n') {
        if (line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
          line.setLength(line.length() - 1);
        }
        if (line.isEmpty()) {
          if (lines.isEmpty()) {
            continue; // blank lines before a request line are to be ignored (RFC 9112)
          }
          return Optional.of(parse(lines));
        }
        if (lines.size() > MAX_HEADERS) {
          throw new Refused(431, "more than " + MAX_HEADERS + " request headers");
        }
        lines.add(line.toString());
        line.setLength(0);
      } else {
        started = true;
        line.append((char) b); // ISO-8859-1, as HTTP/1.1 heads are read
      }
    }
  }

  private Request parse(List<String> lines) throws Refused {
    String[] start = lines.getFirst().split(" ", -1);
    if (start.length != 3 || start[0].isEmpty() || start[1].isEmpty()) {
      throw new Refused(400, "malformed request line");
    }
    String version = start[2];
    if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
      throw new Refused(505, "only HTTP/1.1 and HTTP/1.0 are served");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String header : lines.subList(1, lines.size())) {
      int colon = header.indexOf(':');
      if (colon <= 0 || Character.isWhitespace(header.charAt(0))) {
        throw new Refused(400, "malformed request header");
      }
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim();
      headers.merge(name, value, (first, second) -> first + ", " + second);
    }
    return new Request(start[0], path(start[1]), version, Map.copyOf(headers));
  }

  /** Reads and drops a request body; GET and HEAD need none. */
  private void discardBody(InputStream in, Request request) throws IOException, Refused {
    if (request.header("transfer-encoding").isPresent()) {
      throw new Refused(411, "send a request body with Content-Length, or none");
    }
    Optional<String> header = request.header("content-length");
    if (header.isEmpty()) {
      return;
    }
    long length;
    try {
      length = Long.parseLong(header.get());
    } catch (NumberFormatException e) {
      throw new Refused(400, "malformed Content-Length");
    }
    if (length < 0) {
      throw new Refused(400, "malformed Content-Length");
    }
    if (length > limits.maxBodyBytes()) {
      throw new Refused(413, "request body larger than " + limits.maxBodyBytes() + " bytes");
    }
    long deadline = System.nanoTime() + limits.bodyTimeout().toNanos();
    for (long left = length; left > 0; left--) {
      int b;
      try {
        b = read(in, deadline);
      } catch (SocketTimeoutException e) {
        throw new Refused(408, "the request body did not arrive within the time allowed");
      }
      if (b < 0) {
        throw new IOException("the connection ended inside the request body");
      }
    }
  }

  /** One byte, waiting at most until {@code deadline}. */
  private int read(InputStream in, long deadline) throws IOException {
    if (position < limit) {
      return buffer[position++] & 0xff;
    }
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new SocketTimeoutException("deadline passed");
    }
    socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
    int read = in.read(buffer);
    if (read <= 0) {
      return -1;
    }
    position = 0;
    limit = read;
    return buffer[position++] & 0xff;
  }

  private void respond(OutputStream out, String method, Response response, boolean keepAlive)
      throws IOException {
    StringBuilder head =
        new StringBuilder("HTTP/1.1 ")
            .append(response.status())
            .append(' ')
            .append(reason(response.status()))
            .append("\r\n");
    head.append("Date: ").append(HTTP_DATE.format(clock.instant())).append("\r\n");
    for (Map.Entry<String, String> header : response.headers()) {
      head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
    }
    head.append("Content-Length: ").append(response.body().length).append("\r\n");
    if (!keepAlive) {
      head.append("Connection: close\r\n");
    }
    head.append("\r\n");
    writeDeadline = System.nanoTime() + limits.responseTimeout().toNanos();
    try {
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      if (!method.equals("HEAD")) {
        out.write(response.body());
      }
      out.flush();
    } finally {
      writeDeadline = admitted ? Long.MAX_VALUE : writeDeadline;
    }
  }

  /**
   * Half-closes, then reads what the client still sends for a moment before closing: closing a
   * socket with unread input makes TCP reset the connection, and the client may lose the answer.
   */
  private void drainAndClose(InputStream in) {
    try {
      socket.shutdownOutput();
      long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
      int drained = 0;
      while (drained < limits.maxBodyBytes() && read(in, deadline) >= 0) {
        drained++;
      }
    } catch (IOException e) {
      // done either way
    }
    closeQuietly(socket);
  }

  /** A request this server answers with an error status and then closes. */
  private static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Response response;

    Refused(int status, String message) {
      super(message, null, false, false);
      this.response = BoundedHttpServer.text(status, message + "\n");
    }
  }

  /** The answer to a connection that came past the cap. */
  private static Response overCapacity(BoundedHttpServer.Limits limits) {
    return new Response(
        503,
        List.of(
            Map.entry("Content-Type", "text/plain; charset=utf-8"),
            Map.entry("Retry-After", "1"),
            Map.entry("Cache-Control", "no-store")),
        ("busy: "
                + limits.maxConnections()
                + " connections are open, the most this server serves at once; try again shortly\n")
            .getBytes(StandardCharsets.UTF_8));
  }

  private static boolean keepAlive(Request request) {
    String connection = request.header("connection").orElse("").toLowerCase(Locale.ROOT);
    if (request.version().equals("HTTP/1.0")) {
      return connection.contains("keep-alive");
    }
    return !connection.contains("close");
  }

  /** The path of a request target (origin or absolute form), without its query. */
  static String path(String target) {
    String path = target;
    int scheme = path.indexOf("://");
    if (scheme > 0 && !path.startsWith("/")) {
      int slash = path.indexOf('/', scheme + 3);
      path = slash < 0 ? "/" : path.substring(slash);
    }
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    int fragment = path.indexOf('#');
    return fragment >= 0 ? path.substring(0, fragment) : path;
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 411 -> "Length Required";
      case 413 -> "Content Too Large";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      case 505 -> "HTTP Version Not Supported";
      default -> "Status " + status;
    };
  }

  static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing left to do
    }
  }
}

package io.dnsfailover.engine.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server for a handful of GET endpoints, built to keep answering when clients do
 * not play along. It exists because the JDK's {@code com.sun.net.httpserver} takes its limits from
 * JVM-wide system properties read once (request time, connection cap) and drops connections past
 * its cap without an answer; a library server (Jetty, Undertow) would add megabytes to the jar and
 * class loading to every start for what is here a few hundred lines. It speaks only what the status
 * endpoints need: GET and HEAD, request bodies read and discarded, responses of known length,
 * keep-alive.
 *
 * <ul>
 *   <li><b>No pool to exhaust.</b> Every connection gets its own virtual thread; a socket that
 *       sends nothing parks a virtual thread, not a worker someone else needs. One platform thread
 *       accepts, one enforces deadlines.
 *   <li><b>Deadlines.</b> A request head (request line and headers) must arrive in full within
 *       {@link Limits#headTimeout} of the connection being ready for it (an idle keep-alive
 *       connection is closed then too); a body within {@link Limits#bodyTimeout}; a response must
 *       be taken by the client within {@link Limits#responseTimeout}, else the connection is
 *       closed. A head that started but did not finish in time gets 408.
 *   <li><b>Sizes.</b> Heads of at most {@link Limits#maxHeadBytes} (431 past it), bodies of at most
 *       {@link Limits#maxBodyBytes} (413), chunked request bodies refused (411).
 *   <li><b>A cap on connections.</b> At most {@link Limits#maxConnections} are served at once. Past
 *       the cap a connection gets {@code 503 Service Unavailable} with {@code Retry-After}, read
 *       within one second, unless its request is one {@code alwaysAnswered} accepts (the liveness
 *       and readiness probes, which cost nothing): those are answered anyway, so a flood cannot
 *       make a probe fail. As many connections again may wait for that answer; beyond even that,
 *       new connections are closed at once.
 * </ul>
 *
 * <p>Handlers run on the connection's virtual thread; one that must limit its own concurrency
 * (rendering a large document) does so itself.
 */
final class BoundedHttpServer implements AutoCloseable {

  /**
   * How much a client may take.
   *
   * @param maxConnections connections served at once
   * @param headTimeout time for a request head to arrive, from when the connection is ready for it
   * @param bodyTimeout time for a request body to arrive
   * @param responseTimeout time for the client to take a response
   * @param maxHeadBytes request line and headers together
   * @param maxBodyBytes a request body (read and discarded)
   */
  record Limits(
      int maxConnections,
      Duration headTimeout,
      Duration bodyTimeout,
      Duration responseTimeout,
      int maxHeadBytes,
      int maxBodyBytes) {

    static Limits defaults() {
      return new Limits(
          512,
          Duration.ofSeconds(10),
          Duration.ofSeconds(10),
          Duration.ofSeconds(60),
          16_384,
          65_536);
    }
  }

  /**
   * A request.
   *
   * @param path the path of the target, without query
   * @param headers by lower-case name; a repeated header's values joined with ", "
   */
  record Request(String method, String path, String version, Map<String, String> headers) {
    Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
  }

  /** A response: status, headers (without Content-Length, Date, Connection) and body. */
  record Response(int status, List<Map.Entry<String, String>> headers, byte[] body) {
    Response {
      headers = List.copyOf(headers);
      Objects.requireNonNull(body, "body");
    }
  }

  /** Answers one request; runs on the connection's virtual thread. */
  interface Handler {
    Response handle(Request request) throws IOException;
  }

  private static final Logger log = LoggerFactory.getLogger(BoundedHttpServer.class);

  private final ServerSocket listener;
  private final Limits limits;
  private final Handler handler;
  private final Predicate<Request> alwaysAnswered;
  private final Clock clock;
  private final Set<StatusConnection> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger served = new AtomicInteger();
  private final AtomicInteger waiting = new AtomicInteger();
  private final Thread acceptor;
  private final Thread reaper;
  private volatile boolean closed;

  private BoundedHttpServer(
      ServerSocket listener,
      Limits limits,
      Handler handler,
      Predicate<Request> alwaysAnswered,
      Clock clock) {
    this.listener = listener;
    this.limits = limits;
    this.handler = handler;
    this.alwaysAnswered = alwaysAnswered;
    this.clock = clock;
    this.acceptor = Thread.ofPlatform().daemon().name("status-http-accept").unstarted(this::accept);
    this.reaper = Thread.ofPlatform().daemon().name("status-http-deadlines").unstarted(this::reap);
  }

  /**
   * Binds {@code address} and starts serving.
   *
   * @param alwaysAnswered requests answered even past the connection cap
   */
  static BoundedHttpServer start(
      InetSocketAddress address,
      Limits limits,
      Handler handler,
      Predicate<Request> alwaysAnswered,
      Clock clock)
      throws IOException {
    ServerSocket listener = new ServerSocket();
    try {
      listener.setReuseAddress(true);
      listener.bind(address, limits.maxConnections());
    } catch (IOException e) {
      listener.close();
      throw e;
    }
    BoundedHttpServer server =
        new BoundedHttpServer(listener, limits, handler, alwaysAnswered, clock);
    server.acceptor.start();
    server.reaper.start();
    return server;
  }

  InetSocketAddress address() {
    return (InetSocketAddress) listener.getLocalSocketAddress();
  }

  /** Connections open now (served and waiting for their 503). */
  int openConnections() {
    return connections.size();
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      log.debug("closing the status listener: {}", e.toString());
    }
    acceptor.interrupt();
    reaper.interrupt();
    connections.forEach(StatusConnection::abort);
  }

  private void accept() {
    while (!closed) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        if (!closed) {
          log.warn("status server: accepting a connection failed: {}", e.toString());
          pause(); // out of file descriptors, say: do not spin
        }
        continue;
      }
      boolean admitted;
      if (served.incrementAndGet() <= limits.maxConnections()) {
        admitted = true;
      } else {
        served.decrementAndGet();
        if (waiting.incrementAndGet() > limits.maxConnections()) {
          waiting.decrementAndGet();
          StatusConnection.closeQuietly(socket); // far past the cap: not even a 503
          continue;
        }
        admitted = false;
      }
      AtomicInteger counter = admitted ? served : waiting;
      StatusConnection connection =
          new StatusConnection(
              socket,
              admitted,
              limits,
              handler,
              alwaysAnswered,
              clock,
              () -> closed,
              ended -> {
                connections.remove(ended);
                counter.decrementAndGet();
              });
      connections.add(connection);
      Thread.ofVirtual().name("status-http").start(connection::run);
    }
  }

  /** Closes connections whose client has not taken a response in time. */
  private void reap() {
    while (!closed) {
      try {
        TimeUnit.MILLISECONDS.sleep(250);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      for (StatusConnection connection : connections) {
        if (connection.pastWriteDeadline(now)) {
          log.debug("status server: a client did not take its response in time; closing");
          connection.abort();
        }
      }
    }
  }

  static Response text(int status, String body) {
    return new Response(
        status,
        List.of(
            Map.entry("Content-Type", "text/plain; charset=utf-8"),
            Map.entry("Cache-Control", "no-store")),
        body.getBytes(StandardCharsets.UTF_8));
  }

  private static void pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

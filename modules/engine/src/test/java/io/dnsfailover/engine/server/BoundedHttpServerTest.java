package io.dnsfailover.engine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dnsfailover.engine.server.BoundedHttpServer.Limits;
import io.dnsfailover.engine.server.BoundedHttpServer.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server's protocol and limits, byte for byte over raw sockets on loopback. */
class BoundedHttpServerTest {

  private static final Limits SHORT =
      new Limits(
          16, Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(5), 1024, 64);

  private final List<Socket> sockets = new ArrayList<>();
  private BoundedHttpServer server;

  @AfterEach
  void stop() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private void start(Limits limits) throws IOException {
    server =
        BoundedHttpServer.start(
            new InetSocketAddress("127.0.0.1", 0),
            limits,
            request ->
                new Response(
                    200,
                    List.of(Map.entry("Content-Type", "text/plain")),
                    (request.method() + " " + request.path() + "\n")
                        .getBytes(StandardCharsets.UTF_8)),
            request -> request.path().equals("/healthz"),
            Clock.systemUTC());
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", server.address().getPort());
    socket.setSoTimeout(10_000);
    sockets.add(socket);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
  }

  /** Everything the server sends until it closes the connection. */
  private static String readToEnd(Socket socket) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[4096];
    for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
      all.write(buffer, 0, read);
    }
    return all.toString(StandardCharsets.ISO_8859_1);
  }

  /** One response of known length, read off a connection that stays open. */
  private static String readResponse(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed after " + head);
      }
      head.append((char) b);
    }
    int length =
        head.toString()
            .lines()
            .filter(line -> line.startsWith("Content-Length: "))
            .mapToInt(line -> Integer.parseInt(line.substring("Content-Length: ".length())))
            .findFirst()
            .orElseThrow();
    return head + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
  }

  @Test
  void answersGetWithLengthDateAndKeepsTheConnectionForTheNextRequest() throws Exception {
    start(Limits.defaults());
    Socket socket = connect();

    send(socket, "GET /a?x=1 HTTP/1.1\r\nHost: t\r\n\r\n");
    String first = readResponse(socket);
    send(socket, "HEAD /b HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    String second = readToEnd(socket);

    assertThat(first)
        .startsWith("HTTP/1.1 200 OK\r\n")
        .containsPattern(
            "\r\nDate: [A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT\r\n")
        .contains("\r\nContent-Length: 7\r\n")
        .doesNotContain("Connection: close")
        .endsWith("\r\n\r\nGET /a\n");
    assertThat(second)
        .startsWith("HTTP/1.1 200 OK\r\n")
        .contains("\r\nContent-Length: 8\r\n", "\r\nConnection: close\r\n")
        .endsWith("\r\n\r\n");
  }

  @Test
  void aHeadThatStopsHalfWayIsAnswered408WhenItsTimeIsUp() throws Exception {
    start(SHORT);
    Socket socket = connect();

    send(socket, "GET /healthz HTTP/1.1\r\n");

    assertThat(readToEnd(socket))
        .startsWith("HTTP/1.1 408 Request Timeout\r\n")
        .contains("Connection: close");
  }

  @Test
  void aConnectionThatSendsNothingIsClosedWhenItsTimeIsUp() throws Exception {
    start(SHORT);
    Socket socket = connect();

    assertThat(readToEnd(socket)).isEmpty();
  }

  @Test
  void pastTheCapA503WithRetryAfterButTheProbeIsStillAnswered() throws Exception {
    start(
        new Limits(
            2, Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(5), 1024, 64));
    Socket first = connect();
    Socket second = connect();
    send(first, "GET /held HTTP/1.1\r\n"); // two half-open connections take the two places
    send(second, "GET /held HTTP/1.1\r\n");
    await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() == 2);

    Socket third = connect();
    send(third, "GET /status HTTP/1.1\r\nHost: t\r\n\r\n");
    Socket probe = connect();
    send(probe, "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n");

    assertThat(readToEnd(third))
        .startsWith("HTTP/1.1 503 Service Unavailable\r\n")
        .contains("\r\nRetry-After: 1\r\n", "\r\nConnection: close\r\n")
        .contains("busy: 2 connections are open");
    assertThat(readToEnd(probe)).startsWith("HTTP/1.1 200 OK\r\n").endsWith("GET /healthz\n");
  }

  @Test
  void aSilentConnectionPastTheCapIsClosedWithinSeconds() throws Exception {
    start(
        new Limits(
            1, Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(5), 1024, 64));
    send(connect(), "GET /held HTTP/1.1\r\n");
    await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() == 1);
    Socket silent = connect();

    assertThat(readToEnd(silent)).isEmpty();
  }

  @Test
  void oversizedHeadsBodiesAndChunkedBodiesAreRefusedWithTheirStatus() throws Exception {
    start(SHORT);

    Socket big = connect();
    send(big, "GET / HTTP/1.1\r\nX-Big: " + "x".repeat(2000) + "\r\n\r\n");
    Socket body = connect();
    send(body, "GET / HTTP/1.1\r\nContent-Length: 65\r\n\r\n" + "b".repeat(65));
    Socket chunked = connect();
    send(chunked, "GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    Socket version = connect();
    send(version, "GET / HTTP/2.0\r\n\r\n");
    Socket garbage = connect();
    send(garbage, "hello\r\n\r\n");

    assertThat(readToEnd(big)).startsWith("HTTP/1.1 431 ");
    assertThat(readToEnd(body)).startsWith("HTTP/1.1 413 ");
    assertThat(readToEnd(chunked)).startsWith("HTTP/1.1 411 ");
    assertThat(readToEnd(version)).startsWith("HTTP/1.1 505 ");
    assertThat(readToEnd(garbage)).startsWith("HTTP/1.1 400 ");
  }

  @Test
  void aSmallBodyIsReadAndDroppedAndABodyThatNeverComesTimesOut() throws Exception {
    start(SHORT);
    Socket socket = connect();
    Socket slow = connect();

    send(socket, "GET /with-body HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello");
    String answered = readResponse(socket);
    send(slow, "GET / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc");

    assertThat(answered).endsWith("GET /with-body\n");
    assertThat(readToEnd(slow)).startsWith("HTTP/1.1 408 ");
  }

  @Test
  void anHttp10RequestIsAnsweredAndClosedUnlessItAsksToKeepAlive() throws Exception {
    start(SHORT);
    Socket socket = connect();

    send(socket, "GET http://example.test/abs HTTP/1.0\r\n\r\n");

    assertThat(readToEnd(socket)).contains("Connection: close").endsWith("GET /abs\n");
  }

  @Test
  void closingTheServerEndsItsConnections() throws Exception {
    start(Limits.defaults());
    Socket socket = connect();
    send(socket, "GET /held HTTP/1.1\r\n");
    await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() == 1);

    server.close();

    socket.setSoTimeout(5_000);
    try {
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the connection stayed open after close()", e);
    } catch (IOException e) {
      // reset: closed too
    }
  }
}

package io.dnsfailover.benchmarks;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The probe-throughput benchmark's load server, run as its own process so that the prober's CPU
 * time is the prober's alone: one thread, one selector, one listening socket per loopback address
 * 127.1.x.y (never a wildcard address), answering every HTTP/1.1 request with {@code 200 ok}.
 * Connections are kept open for further requests (keep-alive) unless a request says {@code
 * Connection: close}, as the HTTP checker's do; the server counts connections and requests, so a
 * client that reused connections would show more requests than connections.
 *
 * <p>Protocol on stdin/stdout: it prints {@code READY <port>} once listening; each {@code stats}
 * line on stdin is answered with {@code STATS <connections> <requests> <cpu-nanos>}; end of stdin
 * stops it.
 */
public final class LoadServer {

  private static final byte[] RESPONSE =
      ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nok\n")
          .getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CLOSING_RESPONSE =
      ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n"
              + "Connection: close\r\n\r\nok\n")
          .getBytes(StandardCharsets.US_ASCII);
  static final int RESPONSE_LENGTH = RESPONSE.length;
  private static final long MAX_LIFETIME_NANOS = 30L * 60 * 1_000_000_000L;

  private final AtomicLong connections = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong acceptFailures = new AtomicLong();
  private volatile boolean stopped;

  private LoadServer() {}

  /** The address of endpoint {@code i}: 127.1.0.1 .. 127.1.39.250 for 10,000. */
  static String address(int i) {
    return "127.1." + (i / 250) + "." + (i % 250 + 1);
  }

  public static void main(String[] args) throws Exception {
    int addresses = Integer.parseInt(args[0]);
    new LoadServer().serve(addresses);
    System.exit(0);
  }

  private void serve(int addresses) throws IOException, InterruptedException {
    Selector selector = Selector.open();
    List<ServerSocketChannel> listeners = bindAll(selector, addresses);
    int port = ((InetSocketAddress) listeners.getFirst().getLocalAddress()).getPort();
    Thread.ofPlatform().daemon().name("load-server-control").start(this::control);
    System.out.println("READY " + port);
    System.out.flush();
    long deadline = System.nanoTime() + MAX_LIFETIME_NANOS;
    ByteBuffer response = ByteBuffer.wrap(RESPONSE);
    ByteBuffer closingResponse = ByteBuffer.wrap(CLOSING_RESPONSE);
    while (!stopped && System.nanoTime() < deadline) {
      selector.select(200);
      Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
      while (keys.hasNext()) {
        SelectionKey key = keys.next();
        keys.remove();
        if (!key.isValid()) {
          continue;
        }
        if (key.isAcceptable()) {
          accept((ServerSocketChannel) key.channel(), selector);
        } else if (key.isReadable()) {
          read(key, response, closingResponse);
        }
      }
    }
    for (ServerSocketChannel listener : listeners) {
      listener.close();
    }
    selector.close();
    if (acceptFailures.get() > 0) {
      System.err.println("load server: " + acceptFailures.get() + " accepts failed (out of files)");
    }
  }

  private static List<ServerSocketChannel> bindAll(Selector selector, int addresses)
      throws IOException, InterruptedException {
    IOException last = null;
    for (int attempt = 0; attempt < 10; attempt++) {
      List<ServerSocketChannel> listeners = new ArrayList<>();
      try {
        int port = 0;
        for (int i = 0; i < addresses; i++) {
          ServerSocketChannel channel = ServerSocketChannel.open();
          listeners.add(channel);
          channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
          channel.bind(new InetSocketAddress(InetAddress.getByName(address(i)), port), 1024);
          port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
          channel.configureBlocking(false);
          channel.register(selector, SelectionKey.OP_ACCEPT);
        }
        return listeners;
      } catch (IOException e) {
        last = e; // the port chosen for the first address was taken on another one: again
        for (ServerSocketChannel channel : listeners) {
          channel.close();
        }
        Thread.sleep(50);
      }
    }
    throw last;
  }

  private void accept(ServerSocketChannel listener, Selector selector) throws IOException {
    for (int i = 0; i < 64; i++) {
      SocketChannel channel;
      try {
        channel = listener.accept();
      } catch (IOException e) {
        // Out of file descriptors (10,000 go to the listeners): the connection waits in the
        // backlog until closed connections free some; the prober sees a slow connect, not a crash.
        acceptFailures.incrementAndGet();
        return;
      }
      if (channel == null) {
        return;
      }
      connections.incrementAndGet();
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      channel.register(selector, SelectionKey.OP_READ, new Request());
    }
  }

  private void read(SelectionKey key, ByteBuffer response, ByteBuffer closingResponse) {
    SocketChannel channel = (SocketChannel) key.channel();
    Request request = (Request) key.attachment();
    try {
      int n = channel.read(request.buffer);
      if (n < 0 || !request.buffer.hasRemaining()) {
        close(key);
        return;
      }
      int complete = request.completeRequests();
      for (int i = 0; i < complete; i++) {
        requests.incrementAndGet();
        ByteBuffer answer = request.closeAfterResponse ? closingResponse : response;
        answer.clear();
        int spins = 0;
        while (answer.hasRemaining() && spins++ < 1000) {
          channel.write(answer);
        }
        if (request.closeAfterResponse) {
          // What a web server does with "Connection: close": the connection ends here rather
          // than when the client's FIN arrives, so it holds a file descriptor for less time.
          close(key);
          return;
        }
      }
    } catch (IOException e) {
      close(key);
    }
  }

  private static void close(SelectionKey key) {
    key.cancel();
    try {
      key.channel().close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  /** Reads "stats" lines on stdin; end of stdin stops the server. */
  private void control() {
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.equals("stats")) {
          System.out.println(
              "STATS " + connections.get() + " " + requests.get() + " " + os.getProcessCpuTime());
          System.out.flush();
        }
      }
    } catch (IOException e) {
      // parent gone
    }
    stopped = true;
  }

  /** Bytes of one connection not yet parsed; a request ends with an empty line. */
  private static final class Request {
    final ByteBuffer buffer = ByteBuffer.allocate(4096);

    /** A complete request asked for "Connection: close". */
    boolean closeAfterResponse;

    /** Counts and drops the complete requests at the start of the buffer. */
    int completeRequests() {
      int count = 0;
      int consumed = 0;
      int end = buffer.position();
      for (int i = 3; i < end; i++) {
        if (buffer.get(i) == '\n'
            && buffer.get(i - 1) == '\r'
            && buffer.get(i - 2) == '\n'
            && buffer.get(i - 3) == '\r'
            && i - 3 >= consumed) {
          count++;
          String head = new String(buffer.array(), consumed, i + 1 - consumed, US_ASCII);
          closeAfterResponse |= head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close");
          consumed = i + 1;
        }
      }
      if (consumed > 0) {
        buffer.flip();
        buffer.position(consumed);
        buffer.compact();
      }
      return count;
    }
  }
}

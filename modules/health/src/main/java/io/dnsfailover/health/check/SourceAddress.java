package io.dnsfailover.health.check;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import javax.net.SocketFactory;

/**
 * Binds probe sockets to one local address ({@code sourceAddress}: probe through one WAN link). A
 * bind failure becomes a {@link BindException} whose message names the address, so the probe detail
 * tells the operator which setting is wrong.
 */
final class SourceAddress {

  private SourceAddress() {}

  static InetAddress parse(String address) throws UnknownHostException {
    return InetAddress.getByName(address);
  }

  static void bind(Socket socket, InetAddress local) throws IOException {
    try {
      socket.bind(new InetSocketAddress(local, 0));
    } catch (IOException e) {
      throw cannotBind(local.getHostAddress(), e);
    }
  }

  static BindException cannotBind(String address, Exception cause) {
    BindException error =
        new BindException("cannot bind to source address " + address + ": " + cause.getMessage());
    error.initCause(cause);
    return error;
  }

  /** A socket factory for OkHttp whose sockets are bound before OkHttp connects them. */
  static SocketFactory socketFactory(String address) {
    return new SocketFactory() {
      @Override
      public Socket createSocket() throws IOException {
        InetAddress local;
        try {
          local = parse(address);
        } catch (UnknownHostException e) {
          throw cannotBind(address, e);
        }
        Socket socket = new Socket();
        try {
          bind(socket, local);
        } catch (IOException e) {
          socket.close();
          throw e;
        }
        return socket;
      }

      @Override
      public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
      }

      @Override
      public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
          throws IOException {
        return connected(new InetSocketAddress(host, port));
      }

      @Override
      public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
      }

      @Override
      public Socket createSocket(
          InetAddress address, int port, InetAddress localAddress, int localPort)
          throws IOException {
        return connected(new InetSocketAddress(address, port));
      }

      private Socket connected(InetSocketAddress remote) throws IOException {
        Socket socket = createSocket();
        socket.connect(remote);
        return socket;
      }
    };
  }
}

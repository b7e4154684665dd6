package io.dnsfailover.health.check;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;

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
}

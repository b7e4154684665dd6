package io.dnsfailover.engine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ListenAddressTest {

  @Test
  void parsesHostAndPort() {
    InetSocketAddress address = ListenAddress.parse("127.0.0.1:9090");
    assertThat(address.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(address.getPort()).isEqualTo(9090);
  }

  @Test
  void parsesBracketedIpv6AndPortZero() {
    InetSocketAddress address = ListenAddress.parse("[::1]:0");
    assertThat(address.getAddress().isLoopbackAddress()).isTrue();
    assertThat(address.getPort()).isZero();
  }

  @Test
  void anEmptyHostMeansEveryInterface() {
    InetSocketAddress address = ListenAddress.parse(":9090");
    assertThat(address.getAddress().isAnyLocalAddress()).isTrue();
  }

  @Test
  void explainsWhatIsWrong() {
    assertThatThrownBy(() -> ListenAddress.parse("9090"))
        .hasMessage(
            "--listen was '9090' but it has no port (expected HOST:PORT, e.g. 127.0.0.1:9090)");
    assertThatThrownBy(() -> ListenAddress.parse("::1:9090")).hasMessageContaining("brackets");
    assertThatThrownBy(() -> ListenAddress.parse("127.0.0.1:http"))
        .hasMessageContaining("not a number");
    assertThatThrownBy(() -> ListenAddress.parse("127.0.0.1:70000"))
        .hasMessageContaining("0..65535");
  }
}

package io.dnsfailover.provider.zonefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.DnsProviderFactory;
import io.dnsfailover.spi.ProviderConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ZoneFileProviderFactoryTest {

  @Test
  void isFoundByServiceLoaderAndNeedsAPath() {
    DnsProviderFactory factory =
        ServiceLoader.load(DnsProviderFactory.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(candidate -> candidate.type().equals("zonefile"))
            .findFirst()
            .orElseThrow();

    assertThat(factory.keys()).containsExactly("path");
    assertThat(factory.requiredKeys()).containsExactly("path");
    DnsProvider provider =
        factory.create(new ProviderConfig("local", "zonefile", Map.of("path", "zones/x.zone")));
    assertThat(provider).isInstanceOf(ZoneFileProvider.class);
    assertThat(((ZoneFileProvider) provider).path()).isEqualTo(Path.of("zones/x.zone"));
    assertThat(provider.capabilities().nativeWeights()).isFalse();
  }

  @Test
  void aMissingPathNamesTheKey() {
    assertThatThrownBy(
            () ->
                new ZoneFileProviderFactory()
                    .create(new ProviderConfig("local", "zonefile", Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("path");
  }
}

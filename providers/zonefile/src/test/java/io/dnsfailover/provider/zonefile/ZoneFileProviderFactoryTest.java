package io.dnsfailover.provider.zonefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.DnsProviderFactory;
import io.dnsfailover.spi.InvalidSettingsException;
import io.dnsfailover.spi.ProviderConfig;
import io.dnsfailover.spi.SettingProblem;
import java.nio.file.Path;
import java.util.List;
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

    assertThat(factory.keys()).containsExactlyInAnyOrder("path", "reloadCommand", "reloadTimeout");
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

  @Test
  void everyReloadSettingProblemIsNamedAtItsKey() {
    ZoneFileProviderFactory factory = new ZoneFileProviderFactory();

    assertThat(
            factory.validate(
                new ProviderConfig(
                    "local",
                    "zonefile",
                    Map.of(
                        "path", "zones/x.zone",
                        "reloadCommand", List.of("rndc", "reload", "{zone_name}"),
                        "reloadTimeout", "0s"))))
        .containsExactly(
            new SettingProblem(
                "reloadTimeout", "was '0s' but it must be more than 0 and at most 10m"),
            new SettingProblem(
                "reloadCommand[2]",
                "'{zone_name}' holds {zone_name}, which is not a placeholder: use {zone} or"
                    + " {path}"));
    assertThat(
            factory.validate(
                new ProviderConfig(
                    "local",
                    "zonefile",
                    Map.of("path", "zones/x.zone", "reloadCommand", "rndc reload {zone}"))))
        .containsExactly(
            new SettingProblem(
                "reloadCommand",
                "must be a list of words run without a shell, like [rndc, reload, \"{zone}\"]; a"
                    + " single string is not split into words"));
    assertThatThrownBy(
            () ->
                factory.create(
                    new ProviderConfig(
                        "local",
                        "zonefile",
                        Map.of("path", "zones/x.zone", "reloadCommand", List.of()))))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage(
            "zonefile provider: reloadCommand: is empty: give the program to run and its"
                + " arguments");
  }

  @Test
  void aValidReloadCommandIsAccepted() {
    assertThat(
            new ZoneFileProviderFactory()
                .validate(
                    new ProviderConfig(
                        "local",
                        "zonefile",
                        Map.of(
                            "path",
                            "zones/x.zone",
                            "reloadCommand",
                            List.of("rndc", "reload", "{zone}"),
                            "reloadTimeout",
                            "5s"))))
        .isEmpty();
  }
}

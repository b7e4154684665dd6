package io.dnsfailover.provider.rfc2136;

import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.DnsProviderFactory;
import io.dnsfailover.spi.ProviderConfig;
import io.dnsfailover.spi.SettingProblem;
import io.dnsfailover.spi.SettingsCheck;
import java.util.List;
import java.util.Set;

/**
 * Creates {@link Rfc2136Provider}s for {@code type: rfc2136}: RFC 2136 dynamic updates signed with
 * TSIG, to BIND 9, Knot DNS, PowerDNS or any server that takes them. See the package documentation
 * for every key. Neither {@link #validate} nor {@link #create} talks to the server.
 */
public final class Rfc2136ProviderFactory implements DnsProviderFactory {

  public static final String TYPE = "rfc2136";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Set<String> keys() {
    return Set.of(Rfc2136Settings.SERVER, Rfc2136Settings.TSIG, Rfc2136Settings.TIMEOUT);
  }

  @Override
  public Set<String> requiredKeys() {
    return Set.of(Rfc2136Settings.SERVER);
  }

  @Override
  public Set<String> secretKeys() {
    return Set.of(Rfc2136Settings.TSIG + "." + Rfc2136Settings.TSIG_SECRET);
  }

  @Override
  public List<SettingProblem> validate(ProviderConfig config) {
    return SettingsCheck.problems(config, Rfc2136Settings::read);
  }

  @Override
  public DnsProvider create(ProviderConfig config) {
    return Rfc2136Provider.create(SettingsCheck.settings(config, TYPE, Rfc2136Settings::read));
  }
}

package io.dnsfailover.provider.coredns;

import io.dnsfailover.etcd.EtcdConnection;
import io.dnsfailover.etcd.EtcdConnectionReader;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.DnsProviderFactory;
import io.dnsfailover.spi.InvalidSettingsException;
import io.dnsfailover.spi.ProviderConfig;
import io.dnsfailover.spi.SettingProblem;
import io.dnsfailover.spi.SettingsCheck;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Creates {@link CoreDnsProvider}s for {@code type: coredns}: records in etcd in the SkyDNS layout
 * that CoreDNS's {@code etcd} plugin serves. See the package documentation for every key.
 *
 * <p>{@link #validate} checks every value without connecting to etcd (the TLS files are only
 * checked to be readable); {@link #create} refuses the same problems and connects on first use.
 * {@code password} is a secret: no message repeats it. The connection keys are read by {@link
 * EtcdConnectionReader}, as {@code cluster.etcd} is.
 */
public final class CoreDnsProviderFactory implements DnsProviderFactory {

  public static final String TYPE = "coredns";

  static final String PREFIX = "prefix";
  static final String OWNER_PREFIX = "ownerPrefix";
  static final String MAX_TXN_OPS = "maxTxnOps";

  @Override
  public String type() {
    return TYPE;
  }

  /** The etcd connection keys ({@link EtcdConnectionReader#KEYS}) and this provider's own. */
  @Override
  public Set<String> keys() {
    Set<String> keys = new HashSet<>(EtcdConnectionReader.KEYS);
    keys.addAll(List.of(PREFIX, OWNER_PREFIX, MAX_TXN_OPS));
    return Set.copyOf(keys);
  }

  @Override
  public Set<String> requiredKeys() {
    return Set.of(EtcdConnectionReader.ENDPOINTS);
  }

  /** {@code password}: etcd's password for {@code username}. */
  @Override
  public Set<String> secretKeys() {
    return Set.of(EtcdConnectionReader.PASSWORD);
  }

  @Override
  public List<SettingProblem> validate(ProviderConfig config) {
    return SettingsCheck.problems(config, CoreDnsProviderFactory::read);
  }

  @Override
  public DnsProvider create(ProviderConfig config) {
    return new CoreDnsProvider(settings(config));
  }

  /**
   * The checked settings; throws {@link InvalidSettingsException} with every problem {@link
   * #validate} reports.
   */
  static CoreDnsSettings settings(ProviderConfig config) {
    return SettingsCheck.settings(config, TYPE, CoreDnsProviderFactory::read);
  }

  /**
   * Reads every key, reporting each problem to {@code check}: the one routine behind {@link
   * #validate} and {@link #create}. Empty when there was a problem. Reads no etcd; looks at the TLS
   * files only to see that they can be read.
   */
  private static Optional<CoreDnsSettings> read(ProviderConfig config, SettingsCheck check) {
    Optional<EtcdConnection> etcd = EtcdConnectionReader.read(config.settings(), check);
    Optional<String> prefix =
        path(PREFIX, check.text(config, PREFIX).orElse(CoreDnsSettings.DEFAULT_PREFIX), check);
    Optional<String> ownerPrefix =
        path(
            OWNER_PREFIX,
            check.text(config, OWNER_PREFIX).orElse(CoreDnsSettings.DEFAULT_OWNER_PREFIX),
            check);
    if (prefix.isPresent() && ownerPrefix.isPresent()) {
      check.require(
          !nested(prefix.get(), ownerPrefix.get()),
          OWNER_PREFIX,
          quote(ownerPrefix.get())
              + " is not outside "
              + PREFIX
              + " "
              + quote(prefix.get())
              + ": CoreDNS would serve the ownership data; give it a path of its own, like"
              + " /dnsfailover");
    }
    int maxTxnOps =
        check
            .text(config, MAX_TXN_OPS)
            .flatMap(text -> maxTxnOps(text, check))
            .orElse(CoreDnsSettings.DEFAULT_MAX_TXN_OPS);
    if (!check.ok()) {
      return Optional.empty();
    }
    return Optional.of(
        new CoreDnsSettings(
            etcd.orElseThrow(), prefix.orElseThrow(), ownerPrefix.orElseThrow(), maxTxnOps));
  }

  /** {@code skydns/}, {@code /skydns} and {@code /skydns/} all become {@code /skydns}. */
  private static Optional<String> path(String key, String value, SettingsCheck check) {
    String trimmed = value.trim();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    if (!trimmed.startsWith("/")) {
      trimmed = "/" + trimmed;
    }
    if (trimmed.equals("/") || trimmed.contains("//") || trimmed.contains(" ")) {
      check.report(key, quote(value) + " is not an etcd path: write one like /skydns");
      return Optional.empty();
    }
    return Optional.of(trimmed);
  }

  private static boolean nested(String left, String right) {
    return (left + "/").startsWith(right + "/") || (right + "/").startsWith(left + "/");
  }

  private static Optional<Integer> maxTxnOps(String text, SettingsCheck check) {
    try {
      int parsed = Integer.parseInt(text);
      if (parsed >= 8) {
        return Optional.of(parsed);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    check.report(
        MAX_TXN_OPS,
        quote(text)
            + " is not a whole number of at least 8: write etcd's --max-txn-ops (default 128)");
    return Optional.empty();
  }

  private static String quote(String value) {
    return "'" + value + "'";
  }
}

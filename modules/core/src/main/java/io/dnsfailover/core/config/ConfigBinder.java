package io.dnsfailover.core.config;

import io.dnsfailover.spi.DnsProviderFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Binds the top level of the file: version, ownerId, defaults, providers, zones, and the daemon's
 * journal and notifications.
 */
final class ConfigBinder {

  static final List<String> KEYS =
      List.of(
          "version",
          "ownerId",
          "defaults",
          "providers",
          "zones",
          "journal",
          "notifications",
          "cluster");
  static final List<String> DEFAULTS_KEYS = List.of("ttl", "check");
  static final int VERSION = 1;

  // ownerId is written into TXT markers (owner=<ownerId>), so it must not hold ',' '=' or spaces.
  private static final Pattern OWNER_ID = Pattern.compile("[A-Za-z0-9_.-]+");

  private final Map<String, DnsProviderFactory> factories;
  private final ValueReader values;

  ConfigBinder(Map<String, DnsProviderFactory> factories, ValueReader values) {
    this.factories = factories;
    this.values = values;
  }

  /** The config, or empty when something is wrong or unknown (every problem reported). */
  Optional<Config> bind(Node root, Path source) {
    Optional<Fields> maybeTop =
        Fields.of(root, "", values, "a mapping with version, ownerId, providers and zones");
    if (maybeTop.isEmpty()) {
      return Optional.empty();
    }
    Fields top = maybeTop.get();
    top.allowOnly(KEYS, "the top level");
    Optional<Integer> version = version(top);
    Optional<String> ownerId = ownerId(top);
    RecordBinder.Defaults defaults = defaults(top);
    ProvidersBinder.Providers providers = new ProvidersBinder(factories, values).bind(top);
    Optional<List<ZoneConfig>> zones =
        new ZonesBinder(values, new GeoRules(values.problems(), factories, providers.types()))
            .bind(top, providers.declared(), defaults);
    Optional<JournalConfig> journal = new JournalBinder(values).bind(top);
    Optional<NotificationsConfig> notifications = new NotificationsBinder(values).bind(top);
    Optional<Optional<ClusterConfig>> cluster = new ClusterBinder(values).bind(top);
    if (version.isEmpty()
        || ownerId.isEmpty()
        || zones.isEmpty()
        || journal.isEmpty()
        || notifications.isEmpty()
        || providers.valid().size() != providers.declared().size()
        || cluster.isPresent() && cluster.get().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Config(
            source,
            version.get(),
            ownerId.get(),
            providers.valid(),
            zones.get(),
            journal.get(),
            notifications.get(),
            cluster.orElse(Optional.empty())));
  }

  private Optional<Integer> version(Fields top) {
    Optional<Node> node = top.required("version", "write version: " + VERSION);
    return node.flatMap(at -> values.integer(at, "version", 0, Integer.MAX_VALUE))
        .filter(
            version -> {
              if (version == VERSION) {
                return true;
              }
              values
                  .problems()
                  .error(
                      node.get(),
                      "version",
                      node.get().describe()
                          + " is not a version this dnsfailover reads: write version: "
                          + VERSION);
              return false;
            });
  }

  private Optional<String> ownerId(Fields top) {
    String expected = "an owner id of letters, digits, '-', '_' and '.', like prod-eu";
    return top.requiredText("ownerId", expected)
        .filter(
            text -> {
              if (OWNER_ID.matcher(text).matches()) {
                return true;
              }
              Node at = top.get("ownerId").orElseThrow();
              values.problems().error(at, "ownerId", at.describe() + " is not " + expected);
              return false;
            });
  }

  private RecordBinder.Defaults defaults(Fields top) {
    Optional<Fields> defaults =
        top.get("defaults")
            .flatMap(node -> Fields.of(node, "defaults", values, "a mapping with ttl and check"));
    if (defaults.isEmpty()) {
      return new RecordBinder.Defaults(Ttl.DEFAULT, Optional.empty());
    }
    defaults.get().allowOnly(DEFAULTS_KEYS, "defaults");
    // A wrong defaults.ttl is reported here; records then fall back to the built-in default.
    int ttl = Ttl.read(defaults.get(), "ttl").orElse(Ttl.DEFAULT);
    Optional<CheckLayer> check =
        defaults
            .get()
            .get("check")
            .flatMap(node -> CheckLayer.read(node, "defaults.check", values));
    return new RecordBinder.Defaults(ttl, check);
  }
}

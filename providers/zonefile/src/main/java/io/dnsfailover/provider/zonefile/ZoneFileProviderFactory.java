package io.dnsfailover.provider.zonefile;

import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.DnsProviderFactory;
import io.dnsfailover.spi.ProviderConfig;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;

/**
 * Creates {@link ZoneFileProvider}s for {@code type: zonefile}. The one key, {@code path}, names
 * the zone file; a relative path is resolved against the working directory.
 */
public final class ZoneFileProviderFactory implements DnsProviderFactory {

  public static final String TYPE = "zonefile";
  public static final String PATH_KEY = "path";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Set<String> keys() {
    return Set.of(PATH_KEY);
  }

  @Override
  public Set<String> requiredKeys() {
    return Set.of(PATH_KEY);
  }

  @Override
  public DnsProvider create(ProviderConfig config) {
    String path = config.requiredString(PATH_KEY);
    if (path.isBlank()) {
      throw new IllegalArgumentException(PATH_KEY + " must name a zone file, was empty");
    }
    try {
      return new ZoneFileProvider(Path.of(path), Clock.systemUTC());
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(PATH_KEY + " is not a valid path: " + e.getMessage(), e);
    }
  }
}

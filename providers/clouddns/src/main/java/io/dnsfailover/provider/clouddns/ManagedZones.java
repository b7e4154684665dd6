package io.dnsfailover.provider.clouddns;

import com.google.api.services.dns.model.ManagedZone;
import io.dnsfailover.provider.clouddns.CloudDnsApi.Page;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.ProviderException.Kind;
import io.dnsfailover.spi.Zone;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Which managed zone serves a config zone: the configured {@code managedZone}, checked against the
 * zone's DNS name, or else the one managed zone in the project with that DNS name. Looked up once
 * per zone and kept.
 */
final class ManagedZones {

  private final CloudDnsApi api;
  private final String project;
  private final Optional<String> managedZone;
  private final CloudDnsCalls calls;
  private final ConcurrentMap<DnsName, String> zoneNames = new ConcurrentHashMap<>();

  ManagedZones(CloudDnsApi api, String project, Optional<String> managedZone, CloudDnsCalls calls) {
    this.api = Objects.requireNonNull(api, "api");
    this.project = Objects.requireNonNull(project, "project");
    this.managedZone = Objects.requireNonNull(managedZone, "managedZone");
    this.calls = Objects.requireNonNull(calls, "calls");
  }

  /** The name of the managed zone that serves {@code zone}, looked up once. */
  String nameFor(Zone zone) throws ProviderException {
    String known = zoneNames.get(zone.name());
    if (known != null) {
      return known;
    }
    String found =
        managedZone.isPresent() ? checkConfigured(zone, managedZone.get()) : lookUp(zone);
    zoneNames.put(zone.name(), found);
    return found;
  }

  private String checkConfigured(Zone zone, String name) throws ProviderException {
    ManagedZone found = calls.call("reading managed zone " + name, () -> api.managedZone(name));
    if (found.getDnsName() == null || !DnsName.of(found.getDnsName()).equals(zone.name())) {
      throw new ProviderException(
          Kind.INVALID,
          "managedZone "
              + name
              + " in project "
              + project
              + " serves "
              + found.getDnsName()
              + ", not "
              + zone.name()
              + ": set managedZone to the zone that serves "
              + zone.name()
              + " or leave it out to find it by name");
    }
    return name;
  }

  private String lookUp(Zone zone) throws ProviderException {
    List<ManagedZone> matches = new ArrayList<>();
    Optional<String> pageToken = Optional.empty();
    do {
      Optional<String> token = pageToken;
      Page<ManagedZone> page =
          calls.call(
              "looking up the managed zone for " + zone.name(),
              () -> api.managedZones(zone.name().value(), token));
      for (ManagedZone candidate : page.items()) {
        if (candidate.getDnsName() != null
            && DnsName.of(candidate.getDnsName()).equals(zone.name())) {
          matches.add(candidate);
        }
      }
      pageToken = page.nextPageToken().filter(next -> !next.isEmpty());
    } while (pageToken.isPresent());
    if (matches.isEmpty()) {
      throw new ProviderException(
          Kind.NOT_FOUND,
          "no managed zone in project "
              + project
              + " serves "
              + zone.name()
              + ": create one, or set managedZone");
    }
    if (matches.size() > 1) {
      List<String> described =
          matches.stream()
              .map(
                  match ->
                      match.getName()
                          + " ("
                          + Objects.requireNonNullElse(match.getVisibility(), "public")
                          + ")")
              .toList();
      throw new ProviderException(
          Kind.INVALID,
          matches.size()
              + " managed zones in project "
              + project
              + " serve "
              + zone.name()
              + " ("
              + String.join(", ", described)
              + "): set managedZone to the one to write");
    }
    return matches.getFirst().getName();
  }
}

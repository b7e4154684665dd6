package io.dnsfailover.engine.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dnsfailover.health.HealthSnapshot;
import io.dnsfailover.health.HealthStatus;
import io.dnsfailover.health.ProbeResult;
import io.dnsfailover.spi.DnsName;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Keeps each endpoint's rise/fall counters between {@code once} runs, so one flaky probe in a cron
 * job never flips a record, and the zones whose servers still have to load what an earlier run
 * wrote (a failed {@code reloadCommand}), so the next run tells them again. A JSON file keyed by
 * endpoint key; written atomically (temp file, fsync, rename). A missing file means every endpoint
 * starts UNKNOWN; an unreadable one is an error, not silently reset, because resetting would let
 * one probe flip every record.
 */
public final class StateFile {

  private static final int VERSION = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final Path path;

  public StateFile(Path path) {
    this.path = path;
  }

  /**
   * The default location: {@code $XDG_STATE_HOME/dnsfailover/<ownerId>.state.json}, where
   * XDG_STATE_HOME defaults to {@code ~/.local/state}.
   */
  public static Path defaultPath(String ownerId, Map<String, String> environment) {
    return directory(environment).resolve(ownerId + ".state.json");
  }

  /**
   * Where dnsfailover keeps what it writes by default (this file, the event journal): {@code
   * $XDG_STATE_HOME/dnsfailover}, where XDG_STATE_HOME defaults to {@code ~/.local/state}.
   */
  public static Path directory(Map<String, String> environment) {
    String stateHome = environment.get("XDG_STATE_HOME");
    Path base =
        stateHome != null && !stateHome.isBlank()
            ? Path.of(stateHome)
            : Path.of(System.getProperty("user.home"), ".local", "state");
    return base.resolve("dnsfailover");
  }

  /**
   * What one {@code once} run leaves to the next.
   *
   * @param endpoints each endpoint's health by endpoint key
   * @param reloadsOwed zones whose reload failed: the next run reloads them even without a change
   * @param unverified zones whose {@code verify:} servers did not serve the last change: the next
   *     run asks them again even without a change
   */
  public record State(
      Map<String, HealthSnapshot> endpoints, Set<DnsName> reloadsOwed, Set<DnsName> unverified) {
    public static final State EMPTY = new State(Map.of(), Set.of(), Set.of());

    public State {
      endpoints = Map.copyOf(endpoints);
      reloadsOwed = Set.copyOf(reloadsOwed);
      unverified = Set.copyOf(unverified);
    }
  }

  public Path path() {
    return path;
  }

  /** What the last run saved; {@link State#EMPTY} when the file does not exist yet. */
  public State load() throws IOException {
    if (!Files.exists(path)) {
      return State.EMPTY;
    }
    Document document;
    try {
      document = JSON.readValue(path.toFile(), Document.class);
    } catch (JsonProcessingException e) {
      throw new IOException(
          path + ": not a dnsfailover state file (" + e.getOriginalMessage() + ")", e);
    }
    Map<String, HealthSnapshot> snapshots = new TreeMap<>();
    if (document.endpoints() != null) {
      document.endpoints().forEach((key, saved) -> snapshots.put(key, saved.toSnapshot()));
    }
    return new State(snapshots, zones(document.reloadsOwed()), zones(document.unverified()));
  }

  public void save(State state) throws IOException {
    Map<String, Saved> endpoints = new TreeMap<>();
    state.endpoints().forEach((key, snapshot) -> endpoints.put(key, Saved.of(snapshot)));
    byte[] bytes =
        JSON.writeValueAsBytes(
            new Document(
                VERSION, endpoints, names(state.reloadsOwed()), names(state.unverified())));
    Path directory = path.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    Path temp = Files.createTempFile(directory, "." + path.getFileName(), ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.write(java.nio.ByteBuffer.wrap(bytes));
        channel.force(true);
      }
      try {
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Zone names as saved; null (left out of the file) when there are none. */
  private static List<String> names(Set<DnsName> zones) {
    return zones.isEmpty() ? null : zones.stream().map(DnsName::value).sorted().toList();
  }

  private static Set<DnsName> zones(List<String> names) {
    Set<DnsName> zones = new TreeSet<>();
    if (names != null) {
      names.forEach(name -> zones.add(DnsName.of(name)));
    }
    return zones;
  }

  record Document(
      int version,
      Map<String, Saved> endpoints,
      List<String> reloadsOwed,
      List<String> unverified) {}

  record Saved(
      HealthStatus status,
      int successes,
      int failures,
      Instant since,
      Boolean lastSuccess,
      String lastDetail,
      Long lastLatencyMillis,
      Instant lastAt) {

    static Saved of(HealthSnapshot snapshot) {
      Optional<ProbeResult> last = snapshot.last();
      return new Saved(
          snapshot.status(),
          snapshot.successes(),
          snapshot.failures(),
          snapshot.since().orElse(null),
          last.map(ProbeResult::success).orElse(null),
          last.map(ProbeResult::detail).orElse(null),
          last.map(result -> result.latency().toMillis()).orElse(null),
          last.map(ProbeResult::at).orElse(null));
    }

    HealthSnapshot toSnapshot() {
      Optional<ProbeResult> last =
          lastAt == null || lastSuccess == null
              ? Optional.empty()
              : Optional.of(
                  new ProbeResult(
                      lastSuccess,
                      Duration.ofMillis(lastLatencyMillis == null ? 0 : lastLatencyMillis),
                      lastDetail == null ? "" : lastDetail,
                      lastAt));
      return new HealthSnapshot(
          status == null ? HealthStatus.UNKNOWN : status,
          successes,
          failures,
          Optional.ofNullable(since),
          last);
    }
  }
}

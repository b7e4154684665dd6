package io.dnsfailover.core.plan;

import io.dnsfailover.spi.ApplyResult;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Applies one zone's changes so that a change the provider rejects as invalid never blocks the
 * others: one bad record must not hold back another record's failover.
 *
 * <p>The changes go to the provider in one call first, as before. Only when the provider rejects
 * that call as {@link ProviderException.Kind#INVALID} (Route 53's {@code InvalidChangeBatch}, a 400
 * from Cloud DNS or Azure, a value a zone file cannot hold) are they split into {@link #groups
 * groups}, one per record, and applied by bisection: each half of the groups in its own call, and a
 * half that is rejected again split once more, down to single groups. Every group that can be
 * applied is applied; each group rejected on its own is {@link Rejected rejected} with the
 * provider's reason. When one group in {@code n} is bad this takes about {@code 2 log2 n} calls
 * more, not {@code n}, which matters on APIs that allow a few requests a second.
 *
 * <p>A group is a record's changes plus the change to its ownership marker ({@code
 * _dnsfailover.<name>} TXT), and every change at that name (a CNAME replaced by an A record is a
 * delete and a create): split apart, a record could be written without its marker, or a name left
 * with neither its old nor its new record.
 *
 * <p>Any other failure ends the work at once and is thrown, with every change applied until then in
 * {@link ProviderException#applied()}: {@link ProviderException.Kind#CONFLICT} means the zone
 * changed under us and the caller reads and plans again; transient, auth and not-found failures
 * would fail every further call too.
 *
 * <p>Why this lives in {@code core} and not in the engine: the shared provider contract suite
 * ({@code testkit}, which depends on core but not on the engine) drives every provider through this
 * very code, so each provider is shown to reject an invalid change without applying its batch, and
 * to apply the rest of that batch through the isolation.
 */
public final class IsolatedApply {

  /** A group of changes the provider rejected on its own, and its reason. */
  public record Rejected(List<Change> changes, ProviderException reason) {
    public Rejected {
      changes = List.copyOf(changes);
      Objects.requireNonNull(reason, "reason");
    }

    /** "app.example.test. A (primary down)" for each change, joined. */
    public String describe() {
      return changes.stream()
          .map(change -> change.key() + " (" + change.reason() + ")")
          .collect(Collectors.joining(", "));
    }
  }

  /**
   * What happened to a zone's changes when they were applied. (Not {@link RecordPlan.Outcome},
   * which is what the planner decided for one record before anything was applied.)
   *
   * @param applied the changes in effect, in the order applied
   * @param rejected the groups the provider rejected as invalid, each on its own; empty when the
   *     whole batch went through
   */
  public record Result(List<Change> applied, List<Rejected> rejected) {
    public Result {
      applied = List.copyOf(applied);
      rejected = List.copyOf(rejected);
    }

    /**
     * One INVALID failure naming every rejected record and the provider's reason for each, or empty
     * when nothing was rejected. It carries {@link #applied} in {@link
     * ProviderException#applied()}.
     */
    public Optional<ProviderException> failure(int total) {
      if (rejected.isEmpty()) {
        return Optional.empty();
      }
      StringBuilder message =
          new StringBuilder("the provider rejected ")
              .append(rejected.size() == 1 ? "one record" : rejected.size() + " records")
              .append(" as invalid; ")
              .append(applied.size())
              .append(" of ")
              .append(total)
              .append(total == 1 ? " change" : " changes")
              .append(applied.size() == 1 ? " was" : " were")
              .append(" applied without ")
              .append(rejected.size() == 1 ? "it" : "them");
      for (Rejected group : rejected) {
        message
            .append(". Rejected: ")
            .append(group.describe())
            .append(": ")
            .append(group.reason().getMessage());
      }
      return Optional.of(
          new ProviderException(
              ProviderException.Kind.INVALID,
              message.toString(),
              rejected.getFirst().reason(),
              applied));
    }
  }

  private IsolatedApply() {}

  /** Applies {@code changes} to {@code zone}, isolating what the provider rejects as invalid. */
  public static Result apply(DnsProvider provider, Zone zone, List<Change> changes)
      throws ProviderException {
    Objects.requireNonNull(provider, "provider");
    if (changes.isEmpty()) {
      return new Result(List.of(), List.of());
    }
    Run run = new Run(provider, zone);
    try {
      run.applyWhole(changes);
    } catch (ProviderException e) {
      throw run.carrying(e);
    }
    return new Result(run.applied, run.rejected);
  }

  /**
   * {@code changes} grouped by the name they concern, a marker's changes with its record's: in
   * order of first appearance, each group's changes in their given order.
   */
  public static List<List<Change>> groups(List<Change> changes) {
    Map<DnsName, List<Change>> byOwner = new LinkedHashMap<>();
    for (Change change : changes) {
      byOwner.computeIfAbsent(owner(change), unused -> new ArrayList<>()).add(change);
    }
    return byOwner.values().stream().map(List::copyOf).toList();
  }

  /** The name a change is about: a marker's change is about the name it marks. */
  static DnsName owner(Change change) {
    DnsName name = change.key().name();
    if (change.key().type() == RecordType.TXT && name.isMarker()) {
      return DnsName.of(name.value().substring(DnsName.MARKER_LABEL.length() + 1));
    }
    return name;
  }

  /** One isolated apply: what is applied and rejected so far. */
  private static final class Run {
    private final DnsProvider provider;
    private final Zone zone;
    private final List<Change> applied = new ArrayList<>();
    private final List<Rejected> rejected = new ArrayList<>();

    Run(DnsProvider provider, Zone zone) {
      this.provider = provider;
      this.zone = zone;
    }

    void applyWhole(List<Change> changes) throws ProviderException {
      tryAndIsolate(changes);
    }

    /** Applies {@code changes} in one call and, when that is rejected as invalid, isolates. */
    private void tryAndIsolate(List<Change> changes) throws ProviderException {
      ProviderException invalid = tryApply(changes);
      if (invalid == null) {
        return;
      }
      List<Change> left = notApplied(changes);
      if (left.isEmpty()) {
        throw invalid; // all applied, yet the provider failed: never swallow that
      }
      isolate(groups(left), invalid);
    }

    /**
     * Applies {@code groups}, known to be rejected together for {@code reason}: a single group is
     * rejected; more are split in two halves, each tried on its own.
     */
    private void isolate(List<List<Change>> groups, ProviderException reason)
        throws ProviderException {
      if (groups.isEmpty()) {
        return;
      }
      if (groups.size() == 1) {
        rejected.add(new Rejected(groups.getFirst(), reason));
        return;
      }
      int middle = groups.size() / 2;
      tryAndIsolate(groups.subList(0, middle).stream().flatMap(List::stream).toList());
      tryAndIsolate(groups.subList(middle, groups.size()).stream().flatMap(List::stream).toList());
    }

    /** Applies {@code changes} in one call; returns the failure when it is INVALID. */
    private ProviderException tryApply(List<Change> changes) throws ProviderException {
      try {
        ApplyResult result = provider.apply(zone, changes);
        applied.addAll(result.applied());
        return null;
      } catch (ProviderException e) {
        applied.addAll(e.applied());
        if (e.kind() != ProviderException.Kind.INVALID) {
          throw e;
        }
        return e;
      }
    }

    private List<Change> notApplied(List<Change> changes) {
      return changes.stream().filter(change -> !applied.contains(change)).toList();
    }

    /** {@code failure} with every change applied so far. */
    ProviderException carrying(ProviderException failure) {
      if (failure.applied().equals(applied)) {
        return failure;
      }
      return new ProviderException(failure.kind(), failure.getMessage(), failure, applied);
    }
  }
}

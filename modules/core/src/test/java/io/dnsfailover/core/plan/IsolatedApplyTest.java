package io.dnsfailover.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dnsfailover.spi.ApplyResult;
import io.dnsfailover.spi.Capabilities;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.ProviderException.Kind;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IsolatedApplyTest {

  private static final Zone ZONE = new Zone(DnsName.of("example.test."), "fake");

  private final Backend backend = new Backend();

  @Test
  void aBatchTheProviderTakesIsOneCallAndNothingIsRejected() throws Exception {
    List<Change> changes = List.of(create("app"), marker("app"), create("api"));

    IsolatedApply.Result outcome = IsolatedApply.apply(backend, ZONE, changes);

    assertThat(outcome.applied()).containsExactlyElementsOf(changes);
    assertThat(outcome.rejected()).isEmpty();
    assertThat(outcome.failure(changes.size())).isEmpty();
    assertThat(backend.calls).hasSize(1);
  }

  @Test
  void theValidRecordsOfARejectedBatchLandAndTheInvalidOneIsNamedWithTheProvidersReason()
      throws Exception {
    backend.invalid.put(key("bad"), "RRSet of type A with DNS name bad.example.test. is bad");
    List<Change> changes =
        List.of(create("app"), marker("app"), create("bad"), marker("bad"), create("api"));

    IsolatedApply.Result outcome = IsolatedApply.apply(backend, ZONE, changes);

    assertThat(outcome.applied())
        .containsExactlyInAnyOrder(create("app"), marker("app"), create("api"));
    assertThat(outcome.rejected())
        .singleElement()
        .satisfies(
            rejected -> {
              assertThat(rejected.changes()).containsExactly(create("bad"), marker("bad"));
              assertThat(rejected.reason().getMessage())
                  .isEqualTo("RRSet of type A with DNS name bad.example.test. is bad");
            });
    assertThat(backend.held).containsOnlyKeys(key("app"), markerKey("app"), key("api"));
    ProviderException failure = outcome.failure(changes.size()).orElseThrow();
    assertThat(failure.kind()).isEqualTo(Kind.INVALID);
    assertThat(failure.applied()).containsExactlyElementsOf(outcome.applied());
    assertThat(failure.getMessage())
        .isEqualTo(
            "the provider rejected one record as invalid; 3 of 5 changes were applied without it."
                + " Rejected: bad.example.test. A (new), _dnsfailover.bad.example.test. TXT"
                + " (marker): RRSet of type A with DNS name bad.example.test. is bad");
  }

  @Test
  void aRecordIsNeverSplitFromItsMarkerNorFromAnotherTypeAtItsName() {
    Change deleteCname =
        new Change.Delete(
            RecordSet.of(name("app"), RecordType.CNAME, 30, List.of("old.example.net.")), "now A");
    List<Change> changes =
        List.of(marker("api"), deleteCname, create("api"), create("app"), marker("app"));

    assertThat(IsolatedApply.groups(changes))
        .containsExactly(
            List.of(marker("api"), create("api")),
            List.of(deleteCname, create("app"), marker("app")));
  }

  @Test
  void oneBadRecordAmongManyTakesAboutTwiceLogNCallsNotN() throws Exception {
    List<Change> changes = IntStream.range(0, 64).mapToObj(i -> create("r" + i)).toList();
    backend.invalid.put(key("r37"), "no");

    IsolatedApply.Result outcome = IsolatedApply.apply(backend, ZONE, changes);

    assertThat(outcome.applied()).hasSize(63);
    assertThat(outcome.rejected())
        .singleElement()
        .satisfies(r -> assertThat(r.changes()).containsExactly(create("r37")));
    // the whole batch, then two halves at each of log2(64) = 6 levels
    assertThat(backend.calls).hasSize(1 + 2 * 6);
  }

  @Test
  void everyRejectedRecordIsNamed() throws Exception {
    backend.invalid.put(key("b1"), "first reason");
    backend.invalid.put(key("b2"), "second reason");
    List<Change> changes = List.of(create("b1"), create("ok"), create("b2"));

    IsolatedApply.Result outcome = IsolatedApply.apply(backend, ZONE, changes);

    assertThat(outcome.applied()).containsExactly(create("ok"));
    assertThat(outcome.rejected())
        .extracting(rejected -> rejected.reason().getMessage())
        .containsExactly("first reason", "second reason");
    assertThat(outcome.failure(3).orElseThrow().getMessage())
        .startsWith("the provider rejected 2 records as invalid; 1 of 3 changes was applied")
        .contains("b1.example.test. A (new): first reason")
        .contains("b2.example.test. A (new): second reason");
  }

  @Test
  void whatANonAtomicProviderAppliedBeforeRejectingIsKeptAndNeverSentAgain() throws Exception {
    backend.atomic = false;
    backend.invalid.put(key("bad"), "no");
    List<Change> changes = List.of(create("first"), create("bad"), create("last"));

    IsolatedApply.Result outcome = IsolatedApply.apply(backend, ZONE, changes);

    assertThat(outcome.applied()).containsExactly(create("first"), create("last"));
    assertThat(backend.calls.stream().flatMap(List::stream).filter(create("first")::equals))
        .hasSize(1);
    assertThat(outcome.rejected())
        .singleElement()
        .satisfies(r -> assertThat(r.changes()).containsExactly(create("bad")));
  }

  @Test
  void aConflictWhileIsolatingStopsAndCarriesEverythingAppliedSoFar() {
    backend.invalid.put(key("bad"), "no");
    backend.conflict.add(key("late"));
    List<Change> changes = List.of(create("early"), create("bad"), create("late"));

    ProviderException failure =
        catchThrowableOfType(
            ProviderException.class, () -> IsolatedApply.apply(backend, ZONE, changes));

    assertThat(failure.kind()).isEqualTo(Kind.CONFLICT);
    assertThat(failure.applied()).containsExactly(create("early"));
    assertThat(backend.held).containsOnlyKeys(key("early"));
  }

  @Test
  void aFailureThatIsNotInvalidIsThrownAsItIs() {
    backend.failure = new ProviderException(Kind.TRANSIENT, "throttled");

    ProviderException failure =
        catchThrowableOfType(
            ProviderException.class,
            () -> IsolatedApply.apply(backend, ZONE, List.of(create("app"))));

    assertThat(failure).isSameAs(backend.failure);
    assertThat(backend.calls).hasSize(1);
  }

  private static DnsName name(String label) {
    return DnsName.resolve(label, ZONE.name());
  }

  private static RecordKey key(String label) {
    return new RecordKey(name(label), RecordType.A);
  }

  private static RecordKey markerKey(String label) {
    return RecordKey.markerFor(name(label));
  }

  private static Change create(String label) {
    return new Change.Create(
        RecordSet.of(name(label), RecordType.A, 30, List.of("192.0.2.1")), "new");
  }

  private static Change marker(String label) {
    return new Change.Create(OwnershipMarker.recordFor(name(label), "test", 30), "marker");
  }

  /**
   * A provider that refuses, as a whole batch, any batch touching an invalid key (or, not atomic,
   * applies the changes before the first invalid one and reports them).
   */
  private static final class Backend implements DnsProvider {
    final Map<RecordKey, String> invalid = new HashMap<>();
    final List<RecordKey> conflict = new ArrayList<>();
    final Map<RecordKey, RecordSet> held = new HashMap<>();
    final List<List<Change>> calls = new ArrayList<>();
    boolean atomic = true;
    ProviderException failure;

    @Override
    public String type() {
      return "fake";
    }

    @Override
    public Capabilities capabilities() {
      return Capabilities.plain();
    }

    @Override
    public List<RecordSet> records(Zone zone, Set<RecordKey> keys) {
      return List.of();
    }

    @Override
    public ApplyResult apply(Zone zone, List<Change> changes) throws ProviderException {
      calls.add(List.copyOf(changes));
      if (failure != null) {
        throw failure;
      }
      List<Change> applied = new ArrayList<>();
      for (Change change : changes) {
        String reason = invalid.get(change.key());
        if (reason != null || conflict.contains(change.key())) {
          if (atomic) {
            applied.forEach(done -> held.remove(done.key()));
            applied.clear();
          }
          Kind kind = reason != null ? Kind.INVALID : Kind.CONFLICT;
          throw new ProviderException(
              kind, reason != null ? reason : "changed under us", null, applied);
        }
        if (change instanceof Change.Create create) {
          held.put(create.key(), create.after());
        }
        applied.add(change);
      }
      return new ApplyResult(applied, 1);
    }
  }
}

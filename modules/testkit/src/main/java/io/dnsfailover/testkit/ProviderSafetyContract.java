package io.dnsfailover.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dnsfailover.core.plan.IsolatedApply;
import io.dnsfailover.core.plan.OwnershipMarker;
import io.dnsfailover.spi.ApplyResult;
import io.dnsfailover.spi.Capabilities;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.Fence;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.Zone;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The contract's cases about writes that must not happen or must not happen whole: stale reads are
 * conflicts, an invalid change fails its batch as {@link ProviderException.Kind#INVALID} and is
 * isolated by {@link IsolatedApply}, fences are kept, and the provider's documented limits ({@link
 * Capabilities#minTtl()}, {@link Capabilities#maxChangesPerBatch()}) hold. See {@link
 * DnsProviderContractTest} for the whole contract; a provider module extends that class.
 */
public abstract class ProviderSafetyContract extends ProviderContractFixture {

  /** What a provider does with a TTL below {@link Capabilities#minTtl()}. */
  protected enum BelowMinimumTtl {
    /** Fails the apply as {@link ProviderException.Kind#INVALID}, writing nothing. */
    REFUSED,
    /** Writes the record set with {@link Capabilities#minTtl()} instead. */
    RAISED
  }

  /** What a provider does with more changes than {@link Capabilities#maxChangesPerBatch()}. */
  protected enum OversizedBatch {
    /** Applies them all, in several write calls. */
    SPLIT,
    /** Fails the apply as {@link ProviderException.Kind#INVALID}, writing nothing. */
    REFUSED
  }

  /**
   * A change the backend refuses as {@link ProviderException.Kind#INVALID}, alone or in any batch.
   * This default creates a CNAME with two targets at {@code two-targets}, which Route 53, Cloud
   * DNS, Azure DNS and zone files refuse (a CNAME holds exactly one target). A provider whose
   * backend would take it overrides this with a change it refuses; it must not touch the names
   * {@code app}, {@code good}, {@code other}, {@code legacy}.
   */
  protected Change invalidChange() {
    return new Change.Create(
        RecordSet.of(
            name("two-targets"),
            RecordType.CNAME,
            TTL,
            List.of("one.example.net.", "two.example.net.")),
        "invalid on purpose");
  }

  /**
   * How this provider treats a TTL below its {@link Capabilities#minTtl()}, as its docs say. This
   * default is {@link BelowMinimumTtl#REFUSED}.
   */
  protected BelowMinimumTtl belowMinimumTtl() {
    return BelowMinimumTtl.REFUSED;
  }

  /**
   * How this provider treats a batch above its {@link Capabilities#maxChangesPerBatch()}, as its
   * docs say. This default is {@link OversizedBatch#SPLIT}.
   */
  protected OversizedBatch oversizedBatch() {
    return OversizedBatch.SPLIT;
  }

  /**
   * A key guard this provider checks inside its write, for a provider that keeps a fence atomically
   * with the write (the {@code coredns} provider, on the etcd cluster the guard names): its key
   * exists now, so a fence carrying it holds whatever {@link Fence#verify()} says. Empty, the
   * default, for a provider that checks {@link Fence#verify()} before it writes, as {@link
   * DnsProvider#apply(Zone, List, Fence)} does unless overridden.
   */
  protected Optional<Fence.KeyGuard> keyGuardCheckedInTheWrite() throws Exception {
    return Optional.empty();
  }

  @Test
  void staleBeforeIsAConflictAndNothingIsApplied() throws Exception {
    RecordSet app = RecordSet.of(name("app"), RecordType.A, TTL, List.of("192.0.2.10"));
    apply(new Change.Create(app, "new record"));
    RecordSet stale = RecordSet.of(name("app"), RecordType.A, TTL, List.of("192.0.2.99"));
    RecordSet staleTtl = app.withTtl(TTL + 1);
    RecordSet unrelated = RecordSet.of(name("new"), RecordType.A, TTL, List.of("192.0.2.50"));
    RecordSet updated = RecordSet.of(name("app"), RecordType.A, TTL, List.of("192.0.2.20"));
    List<RecordKey> keys = List.of(app.key(), unrelated.key());

    assertConflictChangesNothing(keys, new Change.Update(stale, updated, "stale values"));
    assertConflictChangesNothing(keys, new Change.Update(staleTtl, updated, "stale ttl"));
    assertConflictChangesNothing(keys, new Change.Delete(stale, "stale delete"));
    assertConflictChangesNothing(
        keys,
        new Change.Create(unrelated, "valid on its own"),
        new Change.Update(stale, updated, "stale values"));
    assertConflictChangesNothing(keys, new Change.Create(updated, "already exists"));
    RecordSet absent = RecordSet.of(name("absent"), RecordType.A, TTL, List.of("192.0.2.1"));
    assertConflictChangesNothing(keys, new Change.Delete(absent, "never existed"));
  }

  @Test
  void aBatchWithAnInvalidChangeFailsAsInvalidAndAppliesNothingItDoesNotReport() throws Exception {
    RecordSet good = RecordSet.of(name("good"), RecordType.A, TTL, List.of("192.0.2.31"));
    RecordSet marker = OwnershipMarker.recordFor(name("good"), "contract", TTL);
    Change invalid = invalidChange();
    List<Change> batch =
        List.of(
            new Change.Create(good, "new record"),
            new Change.Create(marker, "marker"),
            invalid,
            new Change.Create(
                RecordSet.of(name("app"), RecordType.A, TTL, List.of("192.0.2.32")), "new record"));
    RecordKey[] keys = keysOf(batch);
    List<RecordSet> before = read(keys);

    ProviderException failure =
        catchThrowableOfType(ProviderException.class, () -> provider.apply(zone, batch));

    assertThat(failure).as("applying a batch with " + invalid.key()).isNotNull();
    assertThat(failure.kind()).isEqualTo(ProviderException.Kind.INVALID);
    assertThat(failure.applied()).doesNotContain(invalid);
    assertThat(read(keys)).isEqualTo(expectedAfter(before, failure.applied()));
    assertForeignRecordsUntouched();
  }

  @Test
  void isolationAppliesEveryValidChangeOfARejectedBatchAndNamesTheInvalidOne() throws Exception {
    RecordSet app = RecordSet.of(name("app"), RecordType.A, TTL, List.of("192.0.2.10"));
    apply(new Change.Create(app, "new record"));
    RecordSet failedOver = RecordSet.of(name("app"), RecordType.A, TTL, List.of("192.0.2.20"));
    RecordSet good = RecordSet.of(name("good"), RecordType.A, TTL, List.of("192.0.2.31"));
    RecordSet marker = OwnershipMarker.recordFor(name("good"), "contract", TTL);
    Change invalid = invalidChange();
    Change failover = new Change.Update(read(app.key()).getFirst(), failedOver, "primary down");
    Change create = new Change.Create(good, "new record");
    Change createMarker = new Change.Create(marker, "marker");
    List<RecordSet> invalidBefore = read(invalid.key());

    IsolatedApply.Result outcome =
        IsolatedApply.apply(provider, zone, List.of(create, invalid, failover, createMarker));

    assertForeignRecordsUntouched();
    assertThat(outcome.applied()).containsExactlyInAnyOrder(create, failover, createMarker);
    assertThat(outcome.rejected())
        .singleElement()
        .satisfies(
            rejected -> {
              assertThat(rejected.changes()).containsExactly(invalid);
              assertThat(rejected.reason().kind()).isEqualTo(ProviderException.Kind.INVALID);
            });
    assertThat(outcome.failure(4))
        .hasValueSatisfying(
            failure -> {
              assertThat(failure.kind()).isEqualTo(ProviderException.Kind.INVALID);
              assertThat(failure.getMessage())
                  .contains(invalid.key().toString())
                  .contains(outcome.rejected().getFirst().reason().getMessage());
            });
    assertThat(read(app.key())).containsExactly(failedOver);
    assertThat(read(good.key(), marker.key())).containsExactly(marker, good);
    assertThat(read(invalid.key())).isEqualTo(invalidBefore);
  }

  @Test
  void aFenceThatDoesNotHoldWritesNothing() throws Exception {
    RecordSet app = RecordSet.of(name("app"), RecordType.A, TTL, List.of("192.0.2.10"));
    RecordSet marker = OwnershipMarker.recordFor(name("app"), "contract", TTL);
    ProviderException lost =
        new ProviderException(ProviderException.Kind.TRANSIENT, "contract: no longer the leader");
    AtomicInteger verified = new AtomicInteger();

    assertThatThrownBy(
            () ->
                provider.apply(
                    zone,
                    List.of(new Change.Create(app, "new"), new Change.Create(marker, "marker")),
                    fence(verified, lost, Optional.empty())))
        .isSameAs(lost);

    assertThat(verified).hasValue(1);
    assertThat(read(app.key(), marker.key())).isEmpty();
    assertForeignRecordsUntouched();
  }

  @Test
  void aFenceThatHoldsIsVerifiedBeforeTheWrite() throws Exception {
    RecordSet app = RecordSet.of(name("app"), RecordType.A, TTL, List.of("192.0.2.10"));
    List<List<RecordSet>> heldWhenVerified = new ArrayList<>();
    Fence holding = () -> heldWhenVerified.add(read(app.key()));

    ApplyResult result = provider.apply(zone, List.of(new Change.Create(app, "new")), holding);

    assertThat(heldWhenVerified).containsExactly(List.of());
    assertThat(result.applied()).containsExactly(new Change.Create(app, "new"));
    assertThat(read(app.key())).containsExactly(app);
    assertForeignRecordsUntouched();
  }

  @Test
  void aKeyGuardIsProofOnlyToAProviderThatChecksItInTheWrite() throws Exception {
    RecordSet app = RecordSet.of(name("app"), RecordType.A, TTL, List.of("192.0.2.10"));
    ProviderException refusal =
        new ProviderException(ProviderException.Kind.TRANSIENT, "contract: verify refuses");
    AtomicInteger verified = new AtomicInteger();
    Optional<Fence.KeyGuard> checkedInTheWrite = keyGuardCheckedInTheWrite();
    Fence.KeyGuard guard =
        checkedInTheWrite.orElse(new Fence.KeyGuard("c0ffee", "/contract/leader", 1));
    Fence fence = fence(verified, refusal, Optional.of(guard));
    List<Change> changes = List.of(new Change.Create(app, "new"));

    if (checkedInTheWrite.isPresent()) {
      assertThat(provider.apply(zone, changes, fence).applied()).isEqualTo(changes);
      assertThat(verified).as("verify() calls").hasValue(0);
      assertThat(read(app.key())).containsExactly(app);
    } else {
      assertThatThrownBy(() -> provider.apply(zone, changes, fence)).isSameAs(refusal);
      assertThat(verified).as("verify() calls").hasValue(1);
      assertThat(read(app.key())).isEmpty();
    }
    assertForeignRecordsUntouched();
  }

  @Test
  void theMinimumTtlRoundTripsAndALowerOneIsRefusedOrRaisedAsDocumented() throws Exception {
    int minimum = provider.capabilities().minTtl();
    RecordSet atMinimum = RecordSet.of(name("floor"), RecordType.A, minimum, List.of("192.0.2.40"));

    apply(new Change.Create(atMinimum, "at the minimum ttl"));

    assertThat(read(atMinimum.key())).containsExactly(atMinimum);
    if (minimum == 0) {
      return; // no TTL is below 0
    }
    RecordSet below = RecordSet.of(name("below"), RecordType.A, minimum - 1, List.of("192.0.2.41"));
    Change create = new Change.Create(below, "below the minimum ttl");
    switch (belowMinimumTtl()) {
      case REFUSED -> {
        assertThatThrownBy(() -> provider.apply(zone, List.of(create)))
            .isInstanceOfSatisfying(
                ProviderException.class,
                e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID));
        assertThat(read(below.key())).isEmpty();
      }
      case RAISED -> {
        apply(create);
        assertThat(read(below.key())).containsExactly(below.withTtl(minimum));
      }
    }
    assertForeignRecordsUntouched();
  }

  @Test
  void aBatchAboveTheLimitLandsSplitOrIsRefusedAsDocumented() throws Exception {
    int limit = provider.capabilities().maxChangesPerBatch();
    int size = limit > 0 ? limit + 1 : 25; // without a limit, a batch of 25 lands in one apply
    List<RecordSet> recordSets =
        IntStream.range(0, size)
            .mapToObj(
                i ->
                    RecordSet.of(
                        name("batch-" + i),
                        RecordType.A,
                        TTL,
                        List.of("198.51.100." + (i % 250 + 1))))
            .toList();
    List<Change> batch =
        recordSets.stream()
            .<Change>map(recordSet -> new Change.Create(recordSet, "one of a large batch"))
            .toList();
    RecordKey[] keys = keysOf(batch);

    if (limit > 0 && oversizedBatch() == OversizedBatch.REFUSED) {
      assertThatThrownBy(() -> provider.apply(zone, batch))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID));
      assertThat(read(keys)).isEmpty();
      assertForeignRecordsUntouched();
      return;
    }
    ApplyResult result = apply(batch.toArray(Change[]::new));

    assertThat(result.applied()).containsExactlyInAnyOrderElementsOf(batch);
    if (limit > 0) {
      assertThat(result.writeCalls())
          .as("write calls")
          .isGreaterThanOrEqualTo((size + limit - 1) / limit);
    }
    assertThat(read(keys)).containsExactlyElementsOf(sorted(recordSets));
  }

  /**
   * A fence whose {@link Fence#verify()} counts its calls and throws {@code refusal}, carrying
   * {@code guard}.
   */
  private static Fence fence(
      AtomicInteger verified, ProviderException refusal, Optional<Fence.KeyGuard> guard) {
    return new Fence() {
      @Override
      public void verify() throws ProviderException {
        verified.incrementAndGet();
        throw refusal;
      }

      @Override
      public Optional<KeyGuard> keyGuard() {
        return guard;
      }
    };
  }

  private void assertConflictChangesNothing(List<RecordKey> keys, Change... changes)
      throws ProviderException {
    List<RecordSet> before = read(keys.toArray(RecordKey[]::new));

    assertThatThrownBy(() -> provider.apply(zone, List.of(changes)))
        .isInstanceOfSatisfying(
            ProviderException.class,
            failure -> assertThat(failure.kind()).isEqualTo(ProviderException.Kind.CONFLICT));

    assertThat(read(keys.toArray(RecordKey[]::new))).isEqualTo(before);
    assertForeignRecordsUntouched();
  }

  /** {@code before} with {@code applied} made (plain record sets only), sorted by key. */
  private static List<RecordSet> expectedAfter(List<RecordSet> before, List<Change> applied) {
    Map<RecordKey, RecordSet> held = new LinkedHashMap<>();
    before.forEach(recordSet -> held.put(recordSet.key(), recordSet));
    for (Change change : applied) {
      switch (change) {
        case Change.Create create -> held.put(create.key(), create.after());
        case Change.Update update -> held.put(update.key(), update.after());
        case Change.Delete delete -> held.remove(delete.key());
      }
    }
    return sorted(new ArrayList<>(held.values()));
  }
}

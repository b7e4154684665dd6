package io.dnsfailover.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsfailover.spi.ApplyResult;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.WeightedValue;
import io.dnsfailover.spi.Zone;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Azure-specific behaviour on the in-memory twin: ETags, 412 handling, partial failures. */
class AzureDnsProviderTest {

  private static final DnsName ZONE_NAME = DnsName.of("example.test.");
  private static final Zone ZONE = new Zone(ZONE_NAME, "azure");
  private static final String AZURE_ZONE = "example.test";

  private final RecordSet app = a("app", "192.0.2.10");
  private final RecordSet appFailedOver = a("app", "192.0.2.20");

  private InMemoryAzureRecordSets azure;
  private AzureDnsProvider provider;

  @BeforeEach
  void setUp() {
    azure = new InMemoryAzureRecordSets().zone(AZURE_ZONE);
    provider = new AzureDnsProvider(azure);
  }

  @Test
  void capabilitiesSayNoNativeWeightsAndOneRecordSetPerWrite() {
    assertThat(provider.type()).isEqualTo("azure");
    assertThat(provider.capabilities().nativeWeights()).isFalse();
    assertThat(provider.capabilities().maxChangesPerBatch()).isEqualTo(1);
  }

  @Test
  void aReconcileListsOnceAndWritesOnceWithTheListedEtag() throws Exception {
    seed(app);

    List<RecordSet> listed = provider.records(ZONE, Set.of(app.key(), marker("app").key()));
    ApplyResult result =
        provider.apply(ZONE, List.of(new Change.Update(listed.getFirst(), appFailedOver, "down")));

    assertThat(result.writeCalls()).isEqualTo(1);
    assertThat(azure.calls())
        .containsExactly("LIST example.test", "PUT example.test app A If-Match etag-1");
    assertThat(read(app.key())).containsExactly(appFailedOver);
  }

  @Test
  void createsSendIfNoneMatchAndDeletesSendIfMatch() throws Exception {
    provider.records(ZONE, Set.of(app.key()));
    provider.apply(ZONE, List.of(new Change.Create(app, "new")));
    provider.apply(ZONE, List.of(new Change.Delete(app, "gone")));

    assertThat(azure.calls())
        .containsExactly(
            "LIST example.test",
            "PUT example.test app A If-None-Match *",
            "DELETE example.test app A If-Match etag-1");
  }

  @Test
  void aKeyNeverListedIsReadWithOneGetBeforeWriting() throws Exception {
    seed(app);

    provider.apply(ZONE, List.of(new Change.Update(app, appFailedOver, "down")));

    assertThat(azure.calls())
        .containsExactly("GET example.test app A", "PUT example.test app A If-Match etag-1");
  }

  @Test
  void apexIsWrittenAsAt() throws Exception {
    RecordSet apex = RecordSet.of(ZONE_NAME, RecordType.A, 30, List.of("192.0.2.1"));
    provider.records(ZONE, Set.of(apex.key()));

    provider.apply(ZONE, List.of(new Change.Create(apex, "apex")));

    assertThat(azure.stored(AZURE_ZONE, "@", RecordType.A)).isPresent();
    assertThat(read(apex.key())).containsExactly(apex);
  }

  @Test
  void anotherWriterAlreadyMadeOurChangeSo412MeansDone() throws Exception {
    seed(app);
    List<RecordSet> listed = provider.records(ZONE, Set.of(app.key()));
    azure.beforeNextWrite(() -> seed(appFailedOver));

    ApplyResult result =
        provider.apply(ZONE, List.of(new Change.Update(listed.getFirst(), appFailedOver, "down")));

    assertThat(result.applied()).hasSize(1);
    assertThat(azure.calls()).endsWith("GET example.test app A");
    assertThat(read(app.key())).containsExactly(appFailedOver);
  }

  @Test
  void aCreateThatFindsTheSameRecordAlreadyThereIsDone() throws Exception {
    provider.records(ZONE, Set.of(app.key()));
    azure.beforeNextWrite(() -> seed(app));

    ApplyResult result = provider.apply(ZONE, List.of(new Change.Create(app, "new")));

    assertThat(result.applied()).hasSize(1);
    assertThat(read(app.key())).containsExactly(app);
  }

  @Test
  void onlyTheEtagMovedSoTheWriteIsRetriedWithTheNewOne() throws Exception {
    seed(app);
    List<RecordSet> listed = provider.records(ZONE, Set.of(app.key()));
    azure.beforeNextWrite(() -> seed(app)); // same content, new ETag (etag-2)

    ApplyResult result =
        provider.apply(ZONE, List.of(new Change.Update(listed.getFirst(), appFailedOver, "down")));

    assertThat(result.writeCalls()).isEqualTo(2);
    assertThat(azure.calls())
        .containsExactly(
            "LIST example.test",
            "PUT example.test app A If-Match etag-1",
            "GET example.test app A",
            "PUT example.test app A If-Match etag-2");
    assertThat(read(app.key())).containsExactly(appFailedOver);
  }

  @Test
  void retriesOnMovedEtagsAreBounded() throws Exception {
    seed(app);
    List<RecordSet> listed = provider.records(ZONE, Set.of(app.key()));
    for (int i = 0; i < AzureDnsProvider.MAX_ATTEMPTS; i++) {
      azure.beforeNextWrite(() -> seed(app));
    }

    assertThatThrownBy(
            () ->
                provider.apply(
                    ZONE, List.of(new Change.Update(listed.getFirst(), appFailedOver, "down"))))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ProviderException.Kind.CONFLICT);
              assertThat(e.getMessage()).contains("412", "3 times");
            });
    assertThat(azure.calls().stream().filter(call -> call.startsWith("PUT")))
        .hasSize(AzureDnsProvider.MAX_ATTEMPTS);
  }

  @Test
  void aRecordChangedByAnotherWriterIsAConflictThatSaysWhatItHolds() throws Exception {
    seed(app);
    List<RecordSet> listed = provider.records(ZONE, Set.of(app.key()));
    azure.beforeNextWrite(() -> seed(a("app", "198.51.100.1")));

    assertThatThrownBy(
            () ->
                provider.apply(
                    ZONE, List.of(new Change.Update(listed.getFirst(), appFailedOver, "down"))))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ProviderException.Kind.CONFLICT);
              assertThat(e.getMessage())
                  .contains("412 Precondition Failed")
                  .contains("now holds app.example.test. 30 A 198.51.100.1")
                  .contains("Applied 0 of 1 changes");
            });
    assertThat(read(app.key())).containsExactly(a("app", "198.51.100.1"));
  }

  @Test
  void aDeleteWhoseRecordSetIsAlreadyGoneIsDone() throws Exception {
    seed(app);
    List<RecordSet> listed = provider.records(ZONE, Set.of(app.key()));
    azure.beforeNextWrite(() -> azure.remove(AZURE_ZONE, "app", RecordType.A));

    ApplyResult result =
        provider.apply(ZONE, List.of(new Change.Delete(listed.getFirst(), "gone")));

    assertThat(result.applied()).hasSize(1);
    assertThat(read(app.key())).isEmpty();
  }

  @Test
  void aFailurePartWayListsWhatWasAppliedAndWhatWasNot() throws Exception {
    RecordSet api = a("api", "192.0.2.30");
    provider.records(ZONE, Set.of(marker("app").key(), app.key(), api.key()));
    azure.failWrite(
        3, new ProviderException(ProviderException.Kind.TRANSIENT, "HTTP 503 ServiceUnavailable"));
    List<Change> changes =
        List.of(
            new Change.Create(marker("app"), "marker"),
            new Change.Create(app, "new"),
            new Change.Create(api, "new"));

    assertThatThrownBy(() -> provider.apply(ZONE, changes))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ProviderException.Kind.TRANSIENT);
              assertThat(e.getMessage())
                  .contains("HTTP 503 ServiceUnavailable")
                  .contains(
                      "Applied 2 of 3 changes (create _dnsfailover.app.example.test. 30 TXT"
                          + " heritage=dnsfailover,owner=test, create app.example.test. 30 A"
                          + " 192.0.2.10)")
                  .contains("not applied: create api.example.test. 30 A 192.0.2.30");
              assertThat(e.applied()).containsExactlyElementsOf(changes.subList(0, 2));
            });
    assertThat(read(app.key(), marker("app").key(), api.key())).containsExactly(marker("app"), app);
  }

  @Test
  void staleChangesAreRefusedBeforeAnyWrite() throws Exception {
    seed(app);
    RecordSet api = a("api", "192.0.2.30");
    provider.records(ZONE, Set.of(app.key(), api.key()));
    List<Change> changes =
        List.of(
            new Change.Create(api, "valid"),
            new Change.Update(a("app", "192.0.2.99"), appFailedOver, "stale"));

    assertThatThrownBy(() -> provider.apply(ZONE, changes))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ProviderException.Kind.CONFLICT);
              assertThat(e.getMessage()).contains("nothing applied");
            });
    assertThat(azure.calls()).noneMatch(call -> call.startsWith("PUT"));
  }

  @Test
  void weightedRecordSetsArePublishedAsOneMultiValueRecordSet() throws Exception {
    RecordSet weighted =
        RecordSet.weighted(
            name("w"),
            RecordType.A,
            30,
            List.of(
                new WeightedValue("one", "192.0.2.1", 10),
                new WeightedValue("two", "192.0.2.2", 0)));
    provider.records(ZONE, Set.of(weighted.key()));

    provider.apply(ZONE, List.of(new Change.Create(weighted, "weighted")));

    AzureRecordSet stored = azure.stored(AZURE_ZONE, "w", RecordType.A).orElseThrow();
    assertThat(stored.records()).containsExactly(List.of("192.0.2.1"), List.of("192.0.2.2"));
  }

  @Test
  void longTxtIsSplitIntoStringsOf255BytesAndJoinedOnRead() throws Exception {
    String text = "a".repeat(254) + "é" + "b".repeat(300);
    RecordSet txt = RecordSet.of(name("long"), RecordType.TXT, 30, List.of(text));
    provider.records(ZONE, Set.of(txt.key()));

    provider.apply(ZONE, List.of(new Change.Create(txt, "long")));

    AzureRecordSet stored = azure.stored(AZURE_ZONE, "long", RecordType.TXT).orElseThrow();
    assertThat(stored.records().getFirst())
        .containsExactly("a".repeat(254), "é" + "b".repeat(253), "b".repeat(47));
    assertThat(read(txt.key())).containsExactly(txt);
  }

  @Test
  void cnameTargetsAreWrittenWithoutTheTrailingDotAndReadBackAbsolute() throws Exception {
    RecordSet alias = RecordSet.of(name("www"), RecordType.CNAME, 30, List.of("App.Example.NET."));
    provider.records(ZONE, Set.of(alias.key()));

    provider.apply(ZONE, List.of(new Change.Create(alias, "alias")));

    assertThat(azure.stored(AZURE_ZONE, "www", RecordType.CNAME).orElseThrow().records())
        .containsExactly(List.of("app.example.net"));
    assertThat(read(alias.key())).containsExactly(alias);
  }

  @Test
  void metadataOthersWroteSurvivesAnUpdate() throws Exception {
    azure.seed(
        AZURE_ZONE,
        new AzureRecordSet(
            "app",
            RecordType.A,
            30,
            List.of(List.of("192.0.2.10")),
            Map.of("team", "web"),
            Optional.empty(),
            Optional.empty()));
    List<RecordSet> listed = provider.records(ZONE, Set.of(app.key()));

    provider.apply(ZONE, List.of(new Change.Update(listed.getFirst(), appFailedOver, "down")));

    assertThat(azure.stored(AZURE_ZONE, "app", RecordType.A).orElseThrow().metadata())
        .containsEntry("team", "web");
  }

  @Test
  void anAliasRecordSetAtAManagedNameIsRefusedAndForeignOnesAreIgnored() throws Exception {
    for (String name : List.of("app", "elsewhere")) {
      azure.seed(
          AZURE_ZONE,
          new AzureRecordSet(
              name,
              RecordType.A,
              30,
              List.of(),
              Map.of(),
              Optional.of("/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/x"),
              Optional.empty()));
    }

    assertThat(provider.records(ZONE, Set.of(a("other", "192.0.2.1").key()))).isEmpty();
    assertThatThrownBy(() -> provider.records(ZONE, Set.of(app.key())))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID);
              assertThat(e.getMessage()).contains("alias record set");
            });
  }

  @Test
  void emptyKeysMakeNoCall() throws Exception {
    assertThat(provider.records(ZONE, Set.of())).isEmpty();
    assertThat(azure.calls()).isEmpty();
  }

  private List<RecordSet> read(RecordKey... keys) throws ProviderException {
    return provider.records(ZONE, Set.of(keys));
  }

  private void seed(RecordSet recordSet) {
    azure.seed(AZURE_ZONE, RecordSetMapping.toAzure(ZONE_NAME, recordSet, Map.of()));
  }

  private static DnsName name(String label) {
    return DnsName.resolve(label, ZONE_NAME);
  }

  private static RecordSet a(String label, String... values) {
    return RecordSet.of(name(label), RecordType.A, 30, List.of(values));
  }

  private static RecordSet marker(String label) {
    return RecordSet.of(
        name(label).markerName(), RecordType.TXT, 30, List.of("heritage=dnsfailover,owner=test"));
  }
}

package io.dnsfailover.provider.clouddns;

import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.RecordType;
import io.dnsfailover.spi.WeightedValue;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Whether two record sets are the same in Cloud DNS: name, type, TTL, values, weights and what each
 * location answers. Member ids of our own WRR members are not stored in the rrset, and the member
 * ids a marker carries are the provider's own bookkeeping, so neither counts.
 */
final class WireForm {

  private WireForm() {}

  static boolean same(Optional<RecordSet> left, Optional<RecordSet> right) {
    if (left.isEmpty() || right.isEmpty()) {
      return left.isEmpty() && right.isEmpty();
    }
    return same(left.get(), right.get());
  }

  static boolean same(RecordSet left, RecordSet right) {
    return left.key().equals(right.key())
        && left.ttl() == right.ttl()
        && values(left).equals(values(right))
        && left.isWeighted() == right.isWeighted()
        && members(left).equals(members(right))
        && left.locations().equals(right.locations());
  }

  private static List<String> values(RecordSet recordSet) {
    if (recordSet.type() != RecordType.TXT || !recordSet.name().isMarker()) {
      return recordSet.values();
    }
    return recordSet.values().stream().map(MemberIds::without).sorted().toList();
  }

  /** Members by value and weight; ids only where they name a foreign policy part. */
  private static List<String> members(RecordSet recordSet) {
    return recordSet.weights().stream()
        .map(
            member ->
                (member.id().contains(":") ? member.id() : "")
                    + " "
                    + member.value()
                    + " "
                    + member.weight())
        .sorted(Comparator.naturalOrder())
        .toList();
  }

  /** The ids of a weighted record set's members by value. */
  static java.util.Map<String, String> idsByValue(RecordSet recordSet) {
    java.util.Map<String, String> ids = new java.util.TreeMap<>();
    for (WeightedValue member : recordSet.weights()) {
      ids.put(member.value(), member.id());
    }
    return ids;
  }
}

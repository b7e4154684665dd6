package io.dnsfailover.provider.clouddns;

import io.dnsfailover.spi.RecordSet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Whether two record sets are the same in Cloud DNS: name, type, TTL, values, weights and what each
 * location answers. Member ids of our own WRR members are not stored in the rrset, so they do not
 * count.
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
        && left.values().equals(right.values())
        && left.isWeighted() == right.isWeighted()
        && members(left).equals(members(right))
        && left.locations().equals(right.locations());
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
}

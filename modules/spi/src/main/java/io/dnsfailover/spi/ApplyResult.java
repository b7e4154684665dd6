package io.dnsfailover.spi;

import java.util.List;

/**
 * What a provider did with a list of changes.
 *
 * @param applied the changes now in effect
 * @param writeCalls how many write requests it took (for metrics and the reconcile-cost benchmark)
 */
public record ApplyResult(List<Change> applied, int writeCalls) {
  public ApplyResult {
    applied = List.copyOf(applied);
  }
}

package io.dnsfailover.provider.route53;

import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsName;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.ProviderException.Kind;
import io.dnsfailover.spi.RecordSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * How a refused or partly applied change batch is reported: Route 53's {@code InvalidChangeBatch}
 * messages verbatim, each with the change it concerns, and the changes earlier requests applied
 * when a batch had to be split. Messages name records the way the user configured them.
 */
final class BatchFailures {

  private static final Pattern MENTIONED_RECORD =
      Pattern.compile("name='([^']*)',\\s*type='([^']*)'");

  private BatchFailures() {}

  static boolean isInvalidChangeBatch(ProviderException failure) {
    return failure.kind() == Kind.INVALID
        && failure.getCause() instanceof SdkException sdk
        && Route53Errors.invalidChangeBatchMessages(sdk).isPresent();
  }

  /** InvalidChangeBatch: Route 53's messages verbatim, each with the record it concerns. */
  static ProviderException batchFailure(
      String what, SdkException failure, int attempts, List<Change> batch) {
    Optional<List<String>> invalid = Route53Errors.invalidChangeBatchMessages(failure);
    if (invalid.isEmpty()) {
      return Route53Errors.toProviderException(what, failure, attempts);
    }
    List<String> lines = new ArrayList<>();
    for (String message : invalid.get()) {
      lines.add(concerning(message, batch) + message);
    }
    String text =
        what
            + ": Route 53 rejected the change batch (InvalidChangeBatch), nothing was applied: "
            + String.join("; ", lines);
    return new ProviderException(Kind.INVALID, Route53Errors.redact(text), failure);
  }

  /** "app.example.com. A (primary down): " for the change a message names, or the whole batch. */
  private static String concerning(String message, List<Change> batch) {
    Matcher mentioned = MENTIONED_RECORD.matcher(message);
    if (mentioned.find()) {
      DnsName name = RecordSetCodec.name(mentioned.group(1));
      String type = mentioned.group(2);
      for (Change change : batch) {
        if (change.key().name().equals(name) && change.key().type().name().equals(type)) {
          return describe(change) + ": ";
        }
      }
    }
    for (Change change : batch) {
      if (message.contains(change.key().name().value())) {
        return describe(change) + ": ";
      }
    }
    if (batch.size() == 1) {
      return describe(batch.getFirst()) + ": ";
    }
    return "batch of "
        + batch.stream().map(change -> change.key().toString()).collect(Collectors.joining(", "))
        + ": ";
  }

  private static String describe(Change change) {
    String verb =
        switch (change) {
          case Change.Create unused -> "create";
          case Change.Update unused -> "update";
          case Change.Delete unused -> "delete";
        };
    return verb + " " + change.key() + " (" + change.reason() + ")";
  }

  static ProviderException partial(ProviderException failure, List<Change> applied, int total) {
    String done = applied.stream().map(BatchFailures::describe).collect(Collectors.joining(", "));
    return new ProviderException(
        failure.kind(),
        failure.getMessage()
            + " [the changes did not fit one Route 53 request; "
            + applied.size()
            + " of "
            + total
            + " were applied in earlier requests: "
            + done
            + "]",
        failure,
        applied);
  }

  /**
   * "192.0.2.10,192.0.2.20 ttl 20", weights in parentheses, each location's values, or "nothing".
   */
  static String answer(Optional<RecordSet> recordSet) {
    return recordSet.map(set -> set.describe(true)).orElse("nothing");
  }
}

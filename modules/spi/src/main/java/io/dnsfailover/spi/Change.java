package io.dnsfailover.spi;

import java.util.Objects;

/**
 * One change to one record set, with the reason a person reads in {@code plan} output and logs.
 * Updates and deletes carry the record set exactly as the provider listed it ({@code before}): APIs
 * such as Route 53 and Cloud DNS reject a deletion that does not match byte for byte.
 */
public sealed interface Change {

  String reason();

  RecordKey key();

  record Create(RecordSet after, String reason) implements Change {
    public Create {
      Objects.requireNonNull(after, "after");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public RecordKey key() {
      return after.key();
    }
  }

  record Update(RecordSet before, RecordSet after, String reason) implements Change {
    public Update {
      Objects.requireNonNull(before, "before");
      Objects.requireNonNull(after, "after");
      Objects.requireNonNull(reason, "reason");
      if (!before.key().equals(after.key())) {
        throw new IllegalArgumentException("an update keeps its name and type: " + before.key());
      }
    }

    @Override
    public RecordKey key() {
      return after.key();
    }
  }

  record Delete(RecordSet before, String reason) implements Change {
    public Delete {
      Objects.requireNonNull(before, "before");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public RecordKey key() {
      return before.key();
    }
  }
}

package io.dnsfailover.core.config;

/** What a record answers when none of its endpoints is healthy. */
public enum WhenAllDown {
  /** Leave the record as it is: "everything failed at once" is more often our own network. */
  KEEP,
  /** Publish every endpoint. */
  ALL,
  /** Remove the answer. The only way the tool ever publishes nothing. */
  NONE
}

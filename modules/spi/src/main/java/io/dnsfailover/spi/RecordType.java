package io.dnsfailover.spi;

/** The record types the tool publishes: addresses, aliases, and TXT for its ownership markers. */
public enum RecordType {
  A,
  AAAA,
  CNAME,
  TXT
}

package io.dnsfailover.provider.zonefile;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * The SOA serial rule. A serial that reads as a date, {@code YYYYMMDDnn}, moves to today's first
 * serial ({@code YYYYMMDD00}) or, when that is not greater, to the old serial plus one. Any other
 * serial is incremented. Secondaries compare serials with RFC 1982 arithmetic, so the one wrap
 * (4294967295 to 0) still counts as greater.
 */
final class SerialNumbers {

  private static final long MAX = 0xFFFFFFFFL;

  private SerialNumbers() {}

  static long next(long current, LocalDate today) {
    if (looksLikeDate(current)) {
      long todaysFirst =
          (today.getYear() * 10_000L + today.getMonthValue() * 100L + today.getDayOfMonth()) * 100;
      return Math.max(todaysFirst, current + 1);
    }
    return (current + 1) & MAX;
  }

  static boolean looksLikeDate(long serial) {
    if (serial < 1_970_010_100L || serial > 2_999_123_199L) {
      return false;
    }
    long date = serial / 100;
    try {
      LocalDate.of((int) (date / 10_000), (int) (date / 100 % 100), (int) (date % 100));
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }
}

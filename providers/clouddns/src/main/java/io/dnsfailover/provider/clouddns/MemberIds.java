package io.dnsfailover.provider.clouddns;

import io.dnsfailover.spi.RecordType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where weighted members keep their ids. A Cloud DNS WRR item has a weight and rrdatas but no name,
 * so the provider records which endpoint id each value stands for in the name's ownership marker,
 * as one more {@code ,key=value} pair per record type: {@code
 * heritage=dnsfailover,owner=prod-eu,wrr.a=primary@192.0.2.10;backup@192.0.2.20}. Endpoint ids are
 * {@code [A-Za-z0-9_.-]+} and values are addresses or host names, so {@code @} and {@code ;} never
 * occur in either.
 */
final class MemberIds {

  static final String HERITAGE = "heritage=dnsfailover";
  private static final String PAIR_PREFIX = "wrr.";

  private MemberIds() {}

  /** True for the value of one of our ownership markers. */
  static boolean isMarkerText(String text) {
    return text.equals(HERITAGE) || text.startsWith(HERITAGE + ",");
  }

  /** The ids recorded in a marker text, by record type, then by member value. */
  static Map<RecordType, Map<String, String>> parse(String markerText) {
    Map<RecordType, Map<String, String>> byType = new EnumMap<>(RecordType.class);
    if (!isMarkerText(markerText)) {
      return byType;
    }
    for (String pair : markerText.split(",", -1)) {
      String trimmed = pair.trim();
      int equals = trimmed.indexOf('=');
      if (!trimmed.startsWith(PAIR_PREFIX) || equals < 0) {
        continue;
      }
      RecordType type;
      try {
        type =
            RecordType.valueOf(
                trimmed.substring(PAIR_PREFIX.length(), equals).toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException notOurType) {
        continue;
      }
      Map<String, String> ids = new TreeMap<>();
      for (String member : trimmed.substring(equals + 1).split(";", -1)) {
        int at = member.indexOf('@');
        if (at > 0 && at < member.length() - 1) {
          ids.put(member.substring(at + 1), member.substring(0, at));
        }
      }
      byType.put(type, ids);
    }
    return byType;
  }

  /** {@code markerText} with the ids of {@code type} replaced by {@code idsByValue}. */
  static String with(String markerText, RecordType type, Map<String, String> idsByValue) {
    Map<RecordType, Map<String, String>> byType = parse(markerText);
    byType.put(type, new TreeMap<>(idsByValue));
    StringBuilder text = new StringBuilder(without(markerText));
    byType.forEach(
        (recordType, ids) -> {
          if (ids.isEmpty()) {
            return;
          }
          List<String> members = new ArrayList<>();
          ids.forEach((value, id) -> members.add(id + "@" + value));
          text.append(',')
              .append(PAIR_PREFIX)
              .append(recordType.name().toLowerCase(Locale.ROOT))
              .append('=')
              .append(String.join(";", members));
        });
    return text.toString();
  }

  /** {@code markerText} without the pairs this class adds: the text the engine wrote. */
  static String without(String markerText) {
    if (!isMarkerText(markerText)) {
      return markerText;
    }
    List<String> kept = new ArrayList<>();
    for (String pair : markerText.split(",", -1)) {
      if (!pair.trim().startsWith(PAIR_PREFIX)) {
        kept.add(pair);
      }
    }
    return String.join(",", kept);
  }
}

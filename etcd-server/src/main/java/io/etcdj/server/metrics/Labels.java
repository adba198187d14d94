package io.etcdj.server.metrics;

/**
 * A sample's label pairs, kept sorted by name as Go's client prints them; {@code le} of a histogram
 * bucket always comes last, as there.
 *
 * <p>Thread-safety: immutable.
 */
public final class Labels {
  public static final Labels NONE = new Labels(new String[0]);

  /** name, value, name, value, ... with the names in ascending order. */
  private final String[] pairs;

  private Labels(String[] pairs) {
    this.pairs = pairs;
  }

  /** One label. */
  public static Labels of(String name, String value) {
    return new Labels(new String[] {name, value});
  }

  /** Two labels, given in ascending name order. */
  public static Labels of(String name1, String value1, String name2, String value2) {
    return of(new String[] {name1, name2}, new String[] {value1, value2});
  }

  /** Labels named {@code names} (in ascending order) with {@code values}, one each. */
  static Labels of(String[] names, String[] values) {
    checkSorted(names);
    if (names.length != values.length) {
      throw new IllegalArgumentException(names.length + " label names, " + values.length + " values");
    }
    String[] pairs = new String[names.length * 2];
    for (int i = 0; i < names.length; i++) {
      pairs[2 * i] = names[i];
      pairs[2 * i + 1] = values[i];
    }
    return new Labels(pairs);
  }

  static String[] checkSorted(String[] names) {
    for (int i = 1; i < names.length; i++) {
      if (names[i - 1].compareTo(names[i]) >= 0) {
        throw new IllegalArgumentException(
            "label names out of order: " + names[i - 1] + ", " + names[i]);
      }
    }
    return names;
  }

  /** Appends {@code {a="x",b="y"}}, with one more pair at the end if {@code extraName} is set. */
  void appendTo(StringBuilder out, String extraName, String extraValue) {
    if (pairs.length == 0 && extraName == null) {
      return;
    }
    out.append('{');
    for (int i = 0; i < pairs.length; i += 2) {
      if (i > 0) {
        out.append(',');
      }
      pair(out, pairs[i], pairs[i + 1]);
    }
    if (extraName != null) {
      if (pairs.length > 0) {
        out.append(',');
      }
      pair(out, extraName, extraValue);
    }
    out.append('}');
  }

  private static void pair(StringBuilder out, String name, String value) {
    out.append(name).append("=\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
    out.append('"');
  }
}

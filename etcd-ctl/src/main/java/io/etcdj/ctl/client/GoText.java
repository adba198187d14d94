package io.etcdj.ctl.client;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Text encodings that must match what etcd's Go client produces byte for byte: URL path escaping,
 * form/query encoding with sorted keys (as Go's {@code url.Values.Encode}), {@code %q} quoting for
 * the {@code --debug} curl lines (CTL-008) and JSON string escaping for {@code -o json} (CTL-032).
 *
 * <p>Stateless; thread-safe.
 */
public final class GoText {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  private static final char[] LOWER_HEX = "0123456789abcdef".toCharArray();

  private GoText() {}

  /** Escapes a URL path the way Go's {@code url.URL.EscapedPath} does for an unescaped path. */
  public static String escapePath(String path) {
    StringBuilder s = new StringBuilder();
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (isUnreserved(c) || "$&+,/:;=@".indexOf(c) >= 0) {
        s.append((char) c);
      } else {
        s.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
      }
    }
    return s.toString();
  }

  /** Escapes a query component as Go's {@code url.QueryEscape}: space becomes {@code +}. */
  public static String queryEscape(String value) {
    StringBuilder s = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (isUnreserved(c)) {
        s.append((char) c);
      } else if (c == ' ') {
        s.append('+');
      } else {
        s.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
      }
    }
    return s.toString();
  }

  /** Encodes parameters sorted by key, as {@code url.Values.Encode} does. */
  public static String encodeForm(Map<String, String> params) {
    StringJoiner j = new StringJoiner("&");
    new TreeMap<>(params).forEach((k, v) -> j.add(queryEscape(k) + "=" + queryEscape(v)));
    return j.toString();
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || c == '.'
        || c == '~';
  }

  /** Quotes like Go's {@code %q} verb (printable characters kept, others escaped). */
  public static String quote(String value) {
    StringBuilder s = new StringBuilder("\"");
    value
        .codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                case 7 -> s.append("\\a");
                case 8 -> s.append("\\b");
                case 12 -> s.append("\\f");
                case 11 -> s.append("\\v");
                default -> {
                  if (cp < 0x20 || cp == 0x7f) {
                    s.append("\\x").append(LOWER_HEX[cp >> 4]).append(LOWER_HEX[cp & 15]);
                  } else {
                    s.appendCodePoint(cp);
                  }
                }
              }
            });
    return s.append('"').toString();
  }

  /** A JSON string literal escaped as Go's {@code encoding/json} does (HTML-safe). */
  public static String jsonString(String value) {
    StringBuilder s = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\r' -> s.append("\\r");
        case '\t' -> s.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            s.append("\\u00");
            if (c >= 0x100) {
              s.setLength(s.length() - 2);
              s.append(Integer.toHexString(c));
            } else {
              s.append(LOWER_HEX[c >> 4]).append(LOWER_HEX[c & 15]);
            }
          } else {
            s.append(c);
          }
        }
      }
    }
    return s.append('"').toString();
  }

  /**
   * Re-renders a timestamp the way Go's {@code time.Time} marshals after parsing it: RFC 3339 with
   * the fraction's trailing zeros trimmed, {@code Z} for UTC (CTL-032, KEY-120). Text that does not
   * parse is returned unchanged.
   */
  public static String rfc3339Nano(String text) {
    java.time.OffsetDateTime t;
    try {
      t = java.time.OffsetDateTime.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      return text;
    }
    StringBuilder s =
        new StringBuilder(
            t.toLocalDateTime()
                .withNano(0)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")));
    if (t.getNano() != 0) {
      String frac = String.format("%09d", t.getNano()).replaceFirst("0+$", "");
      s.append('.').append(frac);
    }
    String offset = t.getOffset().getId();
    return s.append(offset.equals("Z") ? "Z" : offset).toString();
  }

  /**
   * Cleans a URL path like etcd's {@code pathutil.CanonicalURLPath}: leading slash added, dots and
   * repeated slashes removed, a trailing slash kept.
   */
  public static String canonicalUrlPath(String p) {
    if (p.isEmpty()) {
      return "/";
    }
    if (p.charAt(0) != '/') {
      p = "/" + p;
    }
    String np = cleanPath(p);
    if (p.endsWith("/") && !np.equals("/")) {
      np += "/";
    }
    return np;
  }

  /** Go's {@code path.Clean} for a rooted path. */
  static String cleanPath(String p) {
    java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
    for (String part : p.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(part);
      }
    }
    return "/" + String.join("/", parts);
  }

  /**
   * Go's {@code strings.TrimSpace}: leading and trailing white space removed, white space being
   * what Go's {@code unicode.IsSpace} names (which differs from Java's: no U+001C..U+001F, but
   * U+0085 and the no-break spaces).
   */
  public static String trimSpace(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isGoSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isGoSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  /** Go's {@code unicode.IsSpace} (every such rune is a single UTF-16 char). */
  static boolean isGoSpace(char c) {
    return switch (c) {
      case '\t', '\n', '\u000B', '\f', '\r', ' ', '\u0085', '\u00A0' -> true;
      default ->
          c == '\u1680'
              || (c >= '\u2000' && c <= '\u200A')
              || c == '\u2028'
              || c == '\u2029'
              || c == '\u202F'
              || c == '\u205F'
              || c == '\u3000';
    };
  }
}

package io.etcdj.server.http.client;

/**
 * JSON string quoting as Go's {@code encoding/json} writes it (HTML-safe: {@code <>&} escaped as
 * {@code \u003c} etc.), for the small non-keys documents this package builds by hand.
 *
 * <p>Thread-safety: stateless.
 */
final class JsonText {
  private JsonText() {}

  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> b.append(String.format("\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** {@code ["a","b"]}. */
  static String array(Iterable<String> values) {
    StringBuilder b = new StringBuilder("[");
    for (String v : values) {
      if (b.length() > 1) {
        b.append(',');
      }
      b.append(quote(v));
    }
    return b.append(']').toString();
  }
}

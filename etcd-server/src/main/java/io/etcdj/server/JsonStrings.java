package io.etcdj.server;

import java.util.ArrayList;
import java.util.List;

/**
 * The little JSON the server writes into the store itself (member attributes, CLU-015..020), with
 * Go's encoding of strings for the characters URLs and names can hold.
 *
 * <p>Thread-safety: stateless.
 */
final class JsonStrings {
  private JsonStrings() {}

  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '<' -> b.append("\\u003c");
        case '>' -> b.append("\\u003e");
        case '&' -> b.append("\\u0026");
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

  static String array(List<String> values) {
    List<String> quoted = new ArrayList<>();
    values.forEach(v -> quoted.add(quote(v)));
    return "[" + String.join(",", quoted) + "]";
  }
}

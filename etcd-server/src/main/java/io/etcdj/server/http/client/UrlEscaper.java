package io.etcdj.server.http.client;

import java.nio.charset.StandardCharsets;

/**
 * Go's {@code url.URL.EscapedPath} for a path without a raw form: what a redirect's Location
 * header carries (SPEC KEY-020).
 *
 * <p>Thread-safety: stateless.
 */
final class UrlEscaper {
  private UrlEscaper() {}

  static String escapePath(String path) {
    StringBuilder b = new StringBuilder(path.length());
    for (byte x : path.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if (isUnreserved(c) || "$&+,/:;=@".indexOf(c) >= 0) {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        b.append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return b.toString();
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
}

package io.etcdj.server.http.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * URL decoding as Go's {@code net/url} does it: the request path ({@code %2F} becomes a separator,
 * {@code +} stays a plus; SPEC KEY-022) and url-encoded forms ({@code url.ParseQuery}: {@code &}
 * separators, {@code +} is a space, a {@code ;} is an error; KEY-030..033). Bytes that are not
 * UTF-8 are decoded with replacement characters.
 *
 * <p>Thread-safety: stateless.
 */
final class GoUrl {
  private GoUrl() {}

  /** A decoding failure; the message is Go's error text, used as the cause of error 210. */
  static final class DecodeException extends Exception {
    DecodeException(String message) {
      super(message, null, false, false);
    }
  }

  /** Decodes a request path ({@code url.PathUnescape}). */
  static String unescapePath(String raw) throws DecodeException {
    return unescape(raw, false);
  }

  /**
   * Parses an url-encoded query or form body into name -> values, in first-seen order. Like Go,
   * it keeps parsing after an error and reports the first error at the end, so callers that
   * ignore errors still see every good pair.
   */
  static Map<String, List<String>> parseQuery(String query, Map<String, List<String>> into)
      throws DecodeException {
    DecodeException first = null;
    int start = 0;
    while (start <= query.length()) {
      int amp = query.indexOf('&', start);
      int end = amp < 0 ? query.length() : amp;
      String pair = query.substring(start, end);
      start = end + 1;
      if (pair.isEmpty()) {
        if (amp < 0) {
          break;
        }
        continue;
      }
      if (pair.indexOf(';') >= 0) {
        first = first != null ? first : new DecodeException("invalid semicolon separator in query");
      } else {
        int eq = pair.indexOf('=');
        String rawKey = eq < 0 ? pair : pair.substring(0, eq);
        String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
        try {
          String key = unescape(rawKey, true);
          String value = unescape(rawValue, true);
          into.computeIfAbsent(key, k -> new ArrayList<>(1)).add(value);
        } catch (DecodeException e) {
          first = first != null ? first : e;
        }
      }
      if (amp < 0) {
        break;
      }
    }
    if (first != null) {
      throw first;
    }
    return into;
  }

  /** A fresh map for {@link #parseQuery}. */
  static Map<String, List<String>> newForm() {
    return new LinkedHashMap<>();
  }

  private static String unescape(String s, boolean plusIsSpace) throws DecodeException {
    if (s.indexOf('%') < 0 && !(plusIsSpace && s.indexOf('+') >= 0) && isAscii(s)) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); ) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length() || hex(s.charAt(i + 1)) < 0 || hex(s.charAt(i + 2)) < 0) {
          String bad = s.substring(i, Math.min(s.length(), i + 3));
          throw new DecodeException("invalid URL escape " + GoQuote.quote(bad));
        }
        out.write(hex(s.charAt(i + 1)) << 4 | hex(s.charAt(i + 2)));
        i += 3;
      } else if (c == '+' && plusIsSpace) {
        out.write(' ');
        i++;
      } else {
        // Netty reads the request line as one char per byte, so a raw (unescaped) non-ASCII
        // byte arrives as a char up to 0xff: write the byte back as it was sent.
        out.write(c & 0xff);
        i++;
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}

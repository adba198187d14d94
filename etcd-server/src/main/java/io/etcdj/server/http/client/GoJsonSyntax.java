package io.etcdj.server.http.client;

/**
 * The syntax check Go's {@code encoding/json} runs before it decodes anything, with its error
 * texts, which etcd returns as they are from {@code /v2/members} (for example {@code invalid
 * character 'x' looking for beginning of value}, {@code unexpected end of JSON input}). The
 * grammar is JSON's (RFC 8259) with Go's whitespace (space, tab, CR, LF); strings are not checked
 * for valid UTF-8, as Go's scanner does not.
 *
 * <p>Thread-safety: one instance per check; not shared.
 */
final class GoJsonSyntax {
  private static final String END = "unexpected end of JSON input";

  private final byte[] in;
  private int pos;

  private GoJsonSyntax(byte[] in) {
    this.in = in;
  }

  /** Go's error text for {@code json}, or null when it is one well-formed JSON value. */
  static String check(byte[] json) {
    GoJsonSyntax s = new GoJsonSyntax(json);
    try {
      s.value("looking for beginning of value");
      s.skipSpace();
      if (s.pos < json.length) {
        throw s.invalid("after top-level value");
      }
      return null;
    } catch (SyntaxError e) {
      return e.getMessage();
    }
  }

  /**
   * Where the first JSON value of {@code json} ends, as Go's {@code json.Decoder} reads it: the
   * whitespace before it is skipped and nothing after it is looked at.
   *
   * @return the offset just past the value, or -1 when the input does not start with one
   *     well-formed value (empty, truncated or malformed)
   */
  static int firstValueEnd(byte[] json) {
    GoJsonSyntax s = new GoJsonSyntax(json);
    try {
      s.value("looking for beginning of value");
      return s.pos;
    } catch (SyntaxError e) {
      return -1;
    }
  }

  private static final class SyntaxError extends Exception {
    SyntaxError(String message) {
      super(message, null, false, false);
    }
  }

  private void value(String context) throws SyntaxError {
    skipSpace();
    int c = peek();
    switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          number();
        } else {
          throw invalid(context);
        }
      }
    }
  }

  private void object() throws SyntaxError {
    pos++;
    skipSpace();
    if (peek() == '}') {
      pos++;
      return;
    }
    while (true) {
      skipSpace();
      if (peek() != '"') {
        throw invalid("looking for beginning of object key string");
      }
      string();
      skipSpace();
      if (peek() != ':') {
        throw invalid("after object key");
      }
      pos++;
      value("looking for beginning of value");
      skipSpace();
      int c = peek();
      pos++;
      if (c == '}') {
        return;
      }
      if (c != ',') {
        pos--;
        throw invalid("after object key:value pair");
      }
    }
  }

  private void array() throws SyntaxError {
    pos++;
    skipSpace();
    if (peek() == ']') {
      pos++;
      return;
    }
    while (true) {
      value("looking for beginning of value");
      skipSpace();
      int c = peek();
      pos++;
      if (c == ']') {
        return;
      }
      if (c != ',') {
        pos--;
        throw invalid("after array element");
      }
    }
  }

  private void string() throws SyntaxError {
    pos++;
    while (true) {
      int c = peek();
      if (c == '"') {
        pos++;
        return;
      }
      if (c < 0x20) {
        throw invalid("in string literal");
      }
      pos++;
      if (c == '\\') {
        int e = peek();
        if ("\"\\/bfnrt".indexOf(e) >= 0) {
          pos++;
        } else if (e == 'u') {
          pos++;
          for (int i = 0; i < 4; i++) {
            if (Character.digit(peek(), 16) < 0) {
              throw invalid("in \\u hexadecimal character escape");
            }
            pos++;
          }
        } else {
          throw invalid("in string escape code");
        }
      }
    }
  }

  private void literal(String word) throws SyntaxError {
    pos++;
    for (int i = 1; i < word.length(); i++) {
      if (peek() != word.charAt(i)) {
        throw invalid("in literal " + word + " (expecting " + quote(word.charAt(i)) + ")");
      }
      pos++;
    }
  }

  private void number() throws SyntaxError {
    if (peek() == '-') {
      pos++;
      if (!isDigit(peek())) {
        throw invalid("in numeric literal");
      }
    }
    if (peek() == '0') {
      pos++;
    } else {
      digits();
    }
    if (pos < in.length && in[pos] == '.') {
      pos++;
      if (!isDigit(peek())) {
        throw invalid("after decimal point in numeric literal");
      }
      digits();
    }
    if (pos < in.length && (in[pos] == 'e' || in[pos] == 'E')) {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw invalid("in exponent of numeric literal");
      }
      digits();
    }
  }

  private void digits() {
    while (pos < in.length && isDigit(in[pos])) {
      pos++;
    }
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private void skipSpace() {
    while (pos < in.length && (in[pos] == ' ' || in[pos] == '\t' || in[pos] == '\r'
        || in[pos] == '\n')) {
      pos++;
    }
  }

  /** The byte at the cursor (0..255); the end of the input is Go's "unexpected end". */
  private int peek() throws SyntaxError {
    if (pos >= in.length) {
      throw new SyntaxError(END);
    }
    return in[pos] & 0xff;
  }

  private SyntaxError invalid(String context) throws SyntaxError {
    return new SyntaxError("invalid character " + quote(peek()) + " " + context);
  }

  /** Go's {@code quoteChar}: the byte as a rune in single quotes, escaped as strconv.Quote does. */
  static String quote(int c) {
    if (c == '\'') {
      return "'\\''";
    }
    if (c == '"') {
      return "'\"'";
    }
    String escaped = switch (c) {
      case '\\' -> "\\\\";
      case 7 -> "\\a";
      case '\b' -> "\\b";
      case '\f' -> "\\f";
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      case 11 -> "\\v";
      default -> c < 0x20 || c == 0x7f ? String.format("\\x%02x", c)
          : (c >= 0x80 && c < 0xa0) ? String.format("\\u%04x", c)
          : new String(Character.toChars(c));
    };
    return "'" + escaped + "'";
  }
}

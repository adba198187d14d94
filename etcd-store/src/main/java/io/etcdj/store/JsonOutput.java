package io.etcdj.store;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A small buffered JSON byte writer whose string escaping matches Go's encoding/json byte for byte:
 * {@code < > &} as &#92;u003c &#92;u003e &#92;u0026, U+2028/U+2029 escaped, control characters as
 * &#92;u00XX except &#92;n &#92;r &#92;t (Go 1.19, the reference's compiler), unpaired surrogates
 * as &#92;ufffd, everything else as raw UTF-8.
 *
 * <p>Thread-safety: not thread-safe; one instance per write.
 */
final class JsonOutput {
  private static final byte[] HEX =
      "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final OutputStream out;
  private final byte[] buf;
  private int pos;

  JsonOutput(OutputStream out, int bufferSize) {
    this.out = out;
    this.buf = new byte[Math.max(bufferSize, 64)];
  }

  JsonOutput raw(char c) throws IOException {
    if (pos == buf.length) {
      drain();
    }
    buf[pos++] = (byte) c;
    return this;
  }

  /** Writes an ASCII string as is (field names, literals). */
  JsonOutput ascii(String s) throws IOException {
    copyLatin1(s, 0, s.length());
    return this;
  }

  /** Copies chars below U+0100 as single bytes, in bulk. */
  @SuppressWarnings(
      "deprecation") // String.getBytes(int, int, byte[], int) is the fast Latin-1 copy.
  private void copyLatin1(String s, int from, int to) throws IOException {
    while (from < to) {
      if (pos == buf.length) {
        drain();
      }
      int chunk = Math.min(to - from, buf.length - pos);
      s.getBytes(from, from + chunk, buf, pos);
      pos += chunk;
      from += chunk;
    }
  }

  /** The end of the run of chars from i that need neither escaping nor multi-byte encoding. */
  private static int plainRun(String s, int i, int n) {
    while (i < n) {
      char c = s.charAt(i);
      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&') {
        return i;
      }
      i++;
    }
    return n;
  }

  JsonOutput number(long v) throws IOException {
    return ascii(Long.toString(v));
  }

  /** A Go uint64. */
  JsonOutput unsigned(long v) throws IOException {
    return ascii(Long.toUnsignedString(v));
  }

  /** A quoted, escaped JSON string. */
  JsonOutput string(String s) throws IOException {
    raw('"');
    int n = s.length();
    for (int i = 0; i < n; i++) {
      int end = plainRun(s, i, n);
      if (end > i) {
        copyLatin1(s, i, end);
        if (end == n) {
          break;
        }
        i = end;
      }
      char c = s.charAt(i);
      if (pos + 12 > buf.length) {
        drain();
      }
      if (c < 0x80) {
        if (c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&') {
          buf[pos++] = (byte) c;
        } else if (c == '"' || c == '\\') {
          buf[pos++] = '\\';
          buf[pos++] = (byte) c;
        } else if (c == '\n') {
          buf[pos++] = '\\';
          buf[pos++] = 'n';
        } else if (c == '\r') {
          buf[pos++] = '\\';
          buf[pos++] = 'r';
        } else if (c == '\t') {
          buf[pos++] = '\\';
          buf[pos++] = 't';
        } else {
          escape(c);
        }
      } else if (c < 0x800) {
        buf[pos++] = (byte) (0xc0 | (c >> 6));
        buf[pos++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, s.charAt(++i));
          buf[pos++] = (byte) (0xf0 | (cp >> 18));
          buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
          buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
          buf[pos++] = (byte) (0x80 | (cp & 0x3f));
        } else {
          escape('\ufffd');
        }
      } else if (c == '\u2028' || c == '\u2029') {
        escape(c);
      } else {
        buf[pos++] = (byte) (0xe0 | (c >> 12));
        buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        buf[pos++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    return raw('"');
  }

  private void escape(char c) {
    buf[pos++] = '\\';
    buf[pos++] = 'u';
    buf[pos++] = HEX[(c >> 12) & 0xf];
    buf[pos++] = HEX[(c >> 8) & 0xf];
    buf[pos++] = HEX[(c >> 4) & 0xf];
    buf[pos++] = HEX[c & 0xf];
  }

  /** Writes what is buffered to the stream (does not flush the stream itself). */
  void drain() throws IOException {
    if (pos > 0) {
      out.write(buf, 0, pos);
      pos = 0;
    }
  }
}

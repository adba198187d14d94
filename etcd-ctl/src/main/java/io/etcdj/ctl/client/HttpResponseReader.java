package io.etcdj.ctl.client;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads one HTTP/1.1 answer from a connection the client closes after it: the status line, the
 * headers this client needs ({@code X-Etcd-Index}, {@code Location}, the body's framing), and the
 * body, whether chunked (a watch), of a given length, or up to the end of the connection. Interim
 * {@code 1xx} answers are skipped.
 *
 * <p>Stateless; thread-safe.
 */
final class HttpResponseReader {
  private HttpResponseReader() {}

  static HttpAnswer read(InputStream in) throws IOException {
    while (true) {
      String statusLine = line(in);
      int status = status(statusLine);
      String etcdIndex = null;
      String location = null;
      long length = -1;
      boolean chunked = false;
      for (String h = line(in); !h.isEmpty(); h = line(in)) {
        int colon = h.indexOf(':');
        if (colon <= 0) {
          continue;
        }
        String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = h.substring(colon + 1).trim();
        switch (name) {
          case "x-etcd-index" -> etcdIndex = etcdIndex == null ? value : etcdIndex;
          case "location" -> location = location == null ? value : location;
          case "content-length" -> length = Long.parseLong(value);
          case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
          default -> {}
        }
      }
      if (status / 100 == 1) {
        continue; // 100 Continue and the like: the real answer follows
      }
      byte[] body =
          status == 204 || status == 304
              ? new byte[0]
              : chunked ? chunked(in) : length >= 0 ? exactly(in, length) : in.readAllBytes();
      return new HttpAnswer(status, etcdIndex, new String(body, StandardCharsets.UTF_8), location);
    }
  }

  private static int status(String line) throws IOException {
    // "HTTP/1.1 200 OK"
    String[] parts = line.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new IOException("malformed HTTP response " + quoted(line));
    }
    try {
      return Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IOException("malformed HTTP status code " + quoted(parts[1]));
    }
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line(in);
      int semicolon = size.indexOf(';');
      long n;
      try {
        n = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
      } catch (NumberFormatException e) {
        throw new IOException("malformed chunked encoding");
      }
      if (n == 0) {
        while (!line(in).isEmpty()) {
          // trailers: none of them matter here
        }
        return body.toByteArray();
      }
      body.write(exactly(in, n));
      line(in); // the CRLF after the chunk
    }
  }

  private static byte[] exactly(InputStream in, long n) throws IOException {
    byte[] b = in.readNBytes((int) Math.min(n, Integer.MAX_VALUE));
    if (b.length < n) {
      throw new EOFException("unexpected EOF");
    }
    return b;
  }

  /** One line without its CRLF (or LF); the end of the stream before any byte is an EOF. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(64);
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      b.write(c);
    }
    if (c == -1 && b.size() == 0) {
      throw new EOFException("EOF");
    }
    byte[] bytes = b.toByteArray();
    int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
    return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
  }

  private static String quoted(String s) {
    return "\"" + s + "\"";
  }
}

package io.etcdj.server.e2e;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A minimal HTTP/1.1 client over one socket, so tests can send exactly the bytes they want (bad
 * escapes, raw non-UTF-8 bytes, huge bodies) and read chunked responses piece by piece.
 *
 * <p>Thread-safety: not thread-safe; one test thread per instance.
 */
final class RawHttp implements Closeable {
  /** A response head (and body when read whole). */
  record Response(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase());
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private String lastMethod = "";

  RawHttp(int port) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    socket.setSoTimeout(10_000);
    in = new java.io.BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  /** Sends a request; a non-null body is sent as an url-encoded form. */
  RawHttp send(String method, String target, byte[] body) throws IOException {
    lastMethod = method;
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    if (body != null) {
      head.append("Content-Type: application/x-www-form-urlencoded\r\n");
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (body != null) {
      out.write(body);
    }
    out.flush();
    return this;
  }

  RawHttp send(String method, String target, String form) throws IOException {
    return send(method, target, form == null ? null : form.getBytes(StandardCharsets.UTF_8));
  }

  /** Reads a whole response (Content-Length or chunked). */
  Response read() throws IOException {
    Response head = readHead();
    String body;
    if (lastMethod.equals("HEAD") || head.status() == 204) {
      body = "";
    } else if ("chunked".equals(head.header("Transfer-Encoding"))) {
      StringBuilder b = new StringBuilder();
      for (String chunk = readChunk(); chunk != null; chunk = readChunk()) {
        b.append(chunk);
      }
      body = b.toString();
    } else {
      int length = Integer.parseInt(head.headers().getOrDefault("content-length", "0"));
      body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
    return new Response(head.status(), head.headers(), body);
  }

  /** Reads the status line and headers only. */
  Response readHead() throws IOException {
    String status = line();
    while (status.startsWith("HTTP/1.1 100")) {
      line();
      status = line();
    }
    Map<String, String> headers = new TreeMap<>();
    for (String l = line(); !l.isEmpty(); l = line()) {
      int colon = l.indexOf(':');
      headers.put(l.substring(0, colon).toLowerCase(), l.substring(colon + 1).trim());
    }
    return new Response(Integer.parseInt(status.split(" ")[1]), headers, null);
  }

  /** The next chunk of a chunked body, or null after the last one. */
  String readChunk() throws IOException {
    int size = Integer.parseInt(line().trim(), 16);
    if (size == 0) {
      line();
      return null;
    }
    String chunk = new String(in.readNBytes(size), StandardCharsets.UTF_8);
    line();
    return chunk;
  }

  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed");
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  /**
   * Sends {@code bytes} as they are on a new connection and returns everything the member
   * answers until it closes (the last request should say {@code Connection: close}).
   */
  static String exchangeOnce(int port, String bytes) throws IOException {
    try (RawHttp c = new RawHttp(port)) {
      c.out.write(bytes.getBytes(StandardCharsets.US_ASCII));
      c.out.flush();
      return new String(c.in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  /** Closes abruptly (RST), like a client that goes away. */
  void abort() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

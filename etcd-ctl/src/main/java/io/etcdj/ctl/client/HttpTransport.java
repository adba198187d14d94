package io.etcdj.ctl.client;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 request and its whole answer over a socket of its own, the way etcdctl's Go
 * transport sends them: no proxy, no redirects followed, a dial timeout, and for https the given
 * TLS context or else the system's CAs, with the host name checked against the certificate.
 *
 * <p>Written out here, not through the JDK's clients: {@code java.net.http.HttpClient}'s selector
 * thread made every JVM exit wait 0.3 s, and {@code HttpURLConnection}'s first use (proxy and
 * cookie handlers, its logging, its connection cache) cost 0.015-0.03 s of every etcdctl command,
 * an eighth of it (docs/etcdctl.md). A command makes a couple of requests, so each has a connection
 * of its own ({@code Connection: close}), which also means a failed request is never sent again on
 * another connection (a PUT with a condition could otherwise apply twice).
 *
 * <p>Thread-safety: immutable; each {@link #send} is independent.
 */
final class HttpTransport {
  /** The dial did not complete within the dial timeout. */
  static final class DialTimeoutException extends IOException {
    DialTimeoutException(SocketTimeoutException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** Connected, but no answer came within the request's timeout. */
  static final class AnswerTimeoutException extends IOException {
    AnswerTimeoutException(SocketTimeoutException cause) {
      super(cause.getMessage(), cause);
    }
  }

  private final Duration dialTimeout;
  private final SSLContext tls;

  /**
   * @param dialTimeout how long a connection may take to open
   * @param tls the context of https requests, or null for the JDK's default (the system's CAs)
   */
  HttpTransport(Duration dialTimeout, SSLContext tls) {
    this.dialTimeout = dialTimeout;
    this.tls = tls;
  }

  /**
   * Sends one request and reads the whole answer, whatever its status.
   *
   * @param body the request body, or null for none
   * @param contentType the body's type, or null
   * @param authorization the {@code Authorization} header, or null
   * @param timeout how long to wait for the answer once connected; null for no limit
   * @throws DialTimeoutException if the connection did not open in time
   * @throws AnswerTimeoutException if the answer did not come in time
   */
  HttpAnswer send(
      String method,
      URI url,
      String body,
      String contentType,
      String authorization,
      Duration timeout)
      throws IOException {
    boolean https = "https".equalsIgnoreCase(url.getScheme());
    int port = url.getPort() >= 0 ? url.getPort() : https ? 443 : 80;
    try (Socket socket = open(url.getHost(), port, https, timeout)) {
      try {
        OutputStream out = socket.getOutputStream();
        try {
          out.write(request(method, url, body, contentType, authorization));
          out.flush();
        } catch (IOException e) {
          throw https ? pendingAlert(socket, e) : e;
        }
        return HttpResponseReader.read(new BufferedInputStream(socket.getInputStream()));
      } catch (SocketTimeoutException e) {
        throw new AnswerTimeoutException(e);
      }
    }
  }

  /**
   * Why a TLS server closed the connection: an alert it sent after the handshake, as when it
   * refuses the client's certificate (TLS 1.3 checks it only then). The request written meanwhile
   * then fails with a broken pipe or a reset; Go's client reads the alert, so the error names it
   * ({@code remote error: tls: bad certificate}). Returns {@code writeFailure} when no alert is
   * there to read.
   */
  private static IOException pendingAlert(Socket socket, IOException writeFailure) {
    try {
      socket.getInputStream().read();
    } catch (SSLException alert) {
      return alert;
    } catch (IOException e) {
      // nothing more to learn from the connection
    }
    return writeFailure;
  }

  /** A connected socket, TLS handshake done for https, reads limited by {@code timeout}. */
  private Socket open(String host, int port, boolean https, Duration timeout) throws IOException {
    Socket plain = new Socket();
    try {
      try {
        plain.connect(new InetSocketAddress(host, port), millis(dialTimeout));
      } catch (SocketTimeoutException e) {
        throw new DialTimeoutException(e);
      }
      plain.setTcpNoDelay(true);
      plain.setSoTimeout(timeout == null ? 0 : millis(timeout));
      if (!https) {
        return plain;
      }
      SSLSocket s = (SSLSocket) context().getSocketFactory().createSocket(plain, host, port, true);
      SSLParameters p = s.getSSLParameters();
      p.setEndpointIdentificationAlgorithm("HTTPS"); // the host name must match the certificate
      s.setSSLParameters(p);
      try {
        s.startHandshake(); // as a part of the dial, as the JDK's clients count it
      } catch (SocketTimeoutException e) {
        throw new DialTimeoutException(e);
      }
      return s;
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  private SSLContext context() throws IOException {
    if (tls != null) {
      return tls;
    }
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IOException(e);
    }
  }

  private static byte[] request(
      String method, URI url, String body, String contentType, String authorization) {
    String target = url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    if (url.getRawQuery() != null) {
      target += "?" + url.getRawQuery();
    }
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder h = new StringBuilder();
    h.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    h.append("Host: ").append(url.getRawAuthority()).append("\r\n");
    h.append("User-Agent: Go-http-client/1.1\r\n");
    if (contentType != null) {
      h.append("Content-Type: ").append(contentType).append("\r\n");
    }
    if (authorization != null) {
      h.append("Authorization: ").append(authorization).append("\r\n");
    }
    if (body != null) {
      h.append("Content-Length: ").append(content.length).append("\r\n");
    }
    h.append("Connection: close\r\n\r\n");
    byte[] head = h.toString().getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + content.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(content, 0, all, head.length, content.length);
    return all;
  }

  /** Whole milliseconds, at least 1 for a positive duration (0 would mean no limit). */
  private static int millis(Duration d) {
    if (d.isZero() || d.isNegative()) {
      return 0;
    }
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
  }
}

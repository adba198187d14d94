package io.etcdj.ctl.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

/**
 * One HTTP/1.1 request and its whole answer, on the JDK's blocking {@link HttpURLConnection}, the
 * way etcdctl's Go transport sends them: no proxy, no redirects followed, a dial timeout, and for
 * https the given TLS context or else the system's CAs (made only when an https URL is used).
 *
 * <p>Not {@code java.net.http.HttpClient}: its selector thread waits in native code, and a JDK 17
 * JVM's exit waits up to 0.3 s for such threads to come back; with the client's own start that was
 * half of every etcdctl command (0.8 s; the Go etcdctl takes 0.03 s, docs/etcdctl.md).
 *
 * <p>Every request has a connection of its own ({@code http.keepAlive=false}): a command makes a
 * couple of requests, and the JDK silently sends a request again on a kept connection that fails,
 * which for a PUT with a condition could apply it twice.
 *
 * <p>Thread-safety: immutable; each {@link #send} is independent.
 */
final class HttpTransport {
  static {
    System.setProperty("http.keepAlive", "false");
  }

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
    HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection(Proxy.NO_PROXY);
    try {
      if (tls != null && c instanceof HttpsURLConnection https) {
        https.setSSLSocketFactory(tls.getSocketFactory());
      }
      c.setRequestMethod(method);
      c.setInstanceFollowRedirects(false);
      c.setUseCaches(false);
      c.setConnectTimeout(millis(dialTimeout));
      c.setReadTimeout(timeout == null ? 0 : millis(timeout));
      c.setRequestProperty("User-Agent", "Go-http-client/1.1");
      if (contentType != null) {
        c.setRequestProperty("Content-Type", contentType);
      }
      if (authorization != null) {
        c.setRequestProperty("Authorization", authorization);
      }
      c.setDoOutput(body != null);
      try {
        c.connect();
      } catch (SocketTimeoutException e) {
        throw new DialTimeoutException(e);
      }
      try {
        if (body != null) {
          try (OutputStream out = c.getOutputStream()) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
          }
        }
        int status = c.getResponseCode();
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        String text = "";
        if (in != null) {
          try (in) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
        }
        return new HttpAnswer(status, c.getHeaderField("X-Etcd-Index"), text);
      } catch (SocketTimeoutException e) {
        throw new AnswerTimeoutException(e);
      }
    } finally {
      c.disconnect();
    }
  }

  /** Whole milliseconds, at least 1 for a positive duration (0 would mean no limit). */
  private static int millis(Duration d) {
    if (d.isZero() || d.isNegative()) {
      return 0;
    }
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
  }
}

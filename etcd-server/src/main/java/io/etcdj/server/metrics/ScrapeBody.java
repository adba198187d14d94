package io.etcdj.server.metrics;

import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * The body of a {@code /metrics} answer: the page, gzipped when the client accepts gzip, as Go's
 * handler does for Prometheus's scraper.
 *
 * @param gzipped whether the answer needs {@code Content-Encoding: gzip}
 */
public record ScrapeBody(byte[] bytes, boolean gzipped) {
  public static ScrapeBody of(String page, String acceptEncoding) {
    byte[] text = page.getBytes(StandardCharsets.UTF_8);
    if (!acceptsGzip(acceptEncoding)) {
      return new ScrapeBody(text, false);
    }
    ByteArrayOutputStream zipped = new ByteArrayOutputStream(text.length / 4);
    try (GZIPOutputStream z = new GZIPOutputStream(zipped)) {
      z.write(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen: it writes to memory
    }
    return new ScrapeBody(zipped.toByteArray(), true);
  }

  /**
   * The answer's Content-Encoding when gzipped, then its Content-Type: Go writes a handler's
   * headers sorted by name (seen on etcd 3.4's {@code /metrics}).
   */
  public void setHeaders(HttpHeaders headers) {
    if (gzipped) {
      headers.set("Content-Encoding", "gzip");
    }
    headers.set("Content-Type", PrometheusText.CONTENT_TYPE);
  }

  /** Whether an Accept-Encoding header lists gzip; like Go's handler, it reads no q value. */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String part : acceptEncoding.split(",")) {
      String coding = part.trim();
      if (coding.equals("gzip") || coding.startsWith("gzip;")) {
        return true;
      }
    }
    return false;
  }
}

package io.etcdj.server.http.client;

import io.etcdj.server.EtcdServer;
import io.etcdj.server.metrics.PrometheusText;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * {@code /metrics} (SPEC OTH-050..053): the member's Prometheus page, for any method, as Go's
 * handler serves it; gzipped when the client accepts gzip, as Prometheus's scraper does.
 *
 * <p>Thread-safety: stateless apart from the shared server.
 */
final class MetricsHandler implements Route {
  private final EtcdServer server;

  MetricsHandler(EtcdServer server) {
    this.server = server;
  }

  @Override
  public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path, String q) {
    byte[] page = server.metricsText().getBytes(StandardCharsets.UTF_8);
    boolean gzip = acceptsGzip(request.headers().get(HttpHeaderNames.ACCEPT_ENCODING));
    ByteBuf body = ctx.alloc().buffer(gzip ? page.length / 4 : page.length);
    if (gzip) {
      try (GZIPOutputStream z = new GZIPOutputStream(new ByteBufOutputStream(body))) {
        z.write(page);
      } catch (IOException e) {
        body.release();
        throw new UncheckedIOException(e); // cannot happen: the buffer grows
      }
    } else {
      body.writeBytes(page);
    }
    FullHttpResponse response =
        HttpReplies.response(HttpResponseStatus.OK, PrometheusText.CONTENT_TYPE, body);
    if (gzip) {
      response.headers().set(HttpHeaderNames.CONTENT_ENCODING, "gzip");
    }
    HttpReplies.send(ctx, request.method().name().equals("HEAD"), response);
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

package io.etcdj.server.http.client;

import io.etcdj.server.EtcdServer;
import io.etcdj.server.metrics.ScrapeBody;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code /metrics} (SPEC OTH-050..053): the member's Prometheus page, for any method, as Go's
 * handler serves it; gzipped when the client accepts gzip ({@link ScrapeBody}).
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
    ScrapeBody body =
        ScrapeBody.of(
            server.metricsText(), request.headers().get(HttpHeaderNames.ACCEPT_ENCODING));
    FullHttpResponse response =
        HttpReplies.response(HttpResponseStatus.OK, null, Unpooled.wrappedBuffer(body.bytes()));
    body.setHeaders(response.headers());
    HttpReplies.send(ctx, request.method().name().equals("HEAD"), response);
  }
}

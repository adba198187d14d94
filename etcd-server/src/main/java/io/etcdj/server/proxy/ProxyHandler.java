package io.etcdj.server.proxy;

import io.etcdj.server.http.client.GoRequestTarget;
import io.etcdj.server.http.client.GoServerRefusals;
import io.etcdj.server.metrics.ScrapeBody;
import io.etcdj.store.V2Json;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxy's only route table (SPEC CLU-073..075): after Go's server and ServeMux ({@link
 * GoRequestTarget}), a read-only proxy answers every method but GET with an empty 501; then OPTIONS gets an empty 200 (the CORS layer); {@code
 * /v2/config/local/proxy} lists the endpoints in use; everything else, {@code /v2/members},
 * {@code /v2/stats}, {@code /version} and {@code /health} included, is forwarded to the cluster
 * by a {@link Forward}.
 *
 * <p>Thread-safety: shared by every channel; it holds only immutable, shared collaborators.
 */
@ChannelHandler.Sharable
final class ProxyHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  static final String CONFIG_PATH = "/v2/config/local/proxy";
  static final String METRICS_PATH = "/metrics";

  private final Director director;
  private final ProxyConfig config;
  private final HttpClient http;
  private final ProxyMetrics metrics = new ProxyMetrics();

  ProxyHandler(Director director, ProxyConfig config, HttpClient http) {
    this.director = director;
    this.config = config;
    this.http = http;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    // Go's server and the proxy's ServeMux come first: 400 for a path that does not decode, 301
    // for one that is not clean, whatever the method (found by scripts/difffuzz.py --proxy).
    GoRequestTarget target = GoRequestTarget.decode(ctx, request);
    if (target == null
        || GoServerRefusals.refusedByServer(ctx, request)
        || target.redirected(ctx, request)) {
      return;
    }
    if (target.path().equals(METRICS_PATH)) {
      // OTH-051: etcd mounts it beside the proxy, outside the read-only check and CORS.
      send(ctx, request, metrics(request));
      return;
    }
    if (config.mode() == ProxyConfig.Mode.READONLY && !request.method().equals(HttpMethod.GET)) {
      send(ctx, request, reply(HttpResponseStatus.NOT_IMPLEMENTED, null, ""));
      return;
    }
    if (request.method().equals(HttpMethod.OPTIONS)) {
      // etcd's CORS layer sits inside the read-only check and outside the forwarding: it answers
      // every OPTIONS with an empty 200 itself (KEY-003); nothing is forwarded.
      send(ctx, request, reply(HttpResponseStatus.OK, null, ""));
      return;
    }
    if (target.path().equals(CONFIG_PATH)) {
      send(ctx, request, localConfig(request));
      return;
    }
    new Forward(ctx, request.retain(), director.available(), http, config.readTimeoutMs(), metrics)
        .start();
  }

  /** The proxy's Prometheus page, for any method, gzipped when accepted (ScrapeBody). */
  private FullHttpResponse metrics(FullHttpRequest request) {
    ScrapeBody body =
        ScrapeBody.of(metrics.page(), request.headers().get(HttpHeaderNames.ACCEPT_ENCODING));
    FullHttpResponse r =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(body.bytes()));
    body.setHeaders(r.headers());
    r.headers().set("Date", GoHeaders.now());
    r.headers().set("Content-Length", r.content().readableBytes());
    return r;
  }

  /** CLU-075: {@code {"endpoints":[...]}} as Go's JSON encoder writes it (with a newline). */
  private FullHttpResponse localConfig(FullHttpRequest request) {
    if (!request.method().equals(HttpMethod.GET)) {
      FullHttpResponse r =
          reply(HttpResponseStatus.METHOD_NOT_ALLOWED, Forward.TEXT, "Method Not Allowed\n");
      r.headers().set("Allow", "GET");
      r.headers().set("X-Content-Type-Options", "nosniff");
      return r;
    }
    List<String> urls = new ArrayList<>();
    for (Endpoint e : director.available()) {
      urls.add(V2Json.quote(e.url().toString()));
    }
    return reply(
        HttpResponseStatus.OK, Forward.TEXT, "{\"endpoints\":[" + String.join(",", urls) + "]}\n");
  }

  static FullHttpResponse reply(HttpResponseStatus status, String contentType, String body) {
    FullHttpResponse r =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            status,
            Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    if (contentType != null) {
      r.headers().set("Content-Type", contentType);
    }
    r.headers().set("Date", GoHeaders.now());
    r.headers().set("Content-Length", r.content().readableBytes());
    return r;
  }

  /** Writes a whole response; a HEAD request gets the headers only. */
  static void send(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse r) {
    if (request.method().equals(HttpMethod.HEAD)) {
      r.content().clear();
    }
    ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}

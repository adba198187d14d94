package io.etcdj.server.proxy;

import io.etcdj.server.http.client.GoRequestTarget;
import io.etcdj.store.V2Json;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client request on its way through the proxy (SPEC CLU-073, CLU-074): the buffered body is
 * sent to the first available endpoint, then to the next one whenever an endpoint gives no
 * response (that endpoint is marked failed); the first response's status, headers and body are
 * relayed as they arrive, so long-poll and streaming watches pass through. Hop-by-hop headers are
 * dropped both ways and the client's address is appended to {@code X-Forwarded-For}.
 *
 * <p>Thread-safety: each step runs on the HTTP client's threads one after the other (the next
 * endpoint is tried only once the previous attempt has failed); Netty channel writes are safe
 * from any thread.
 */
final class Forward {
  static final String TEXT = "text/plain; charset=utf-8";
  private static final Logger LOG = LoggerFactory.getLogger("proxy/httpproxy");

  /** RFC 2616 section 13.5.1, as etcd's reverse proxy lists them. */
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
          "trailers", "transfer-encoding", "upgrade");

  /** Headers the JDK client sets itself and refuses to take from us. */
  private static final Set<String> CLIENT_OWNED = Set.of("host", "content-length", "expect");

  private final ChannelHandlerContext ctx;
  private final FullHttpRequest request;
  private final byte[] body;
  private final List<Endpoint> endpoints;
  private final HttpClient http;
  private final long readTimeoutMs;
  private final ProxyMetrics metrics;
  private final String method;
  private final long startNanos = System.nanoTime();

  /** Takes ownership of {@code request} (released once its body is copied). */
  Forward(
      ChannelHandlerContext ctx,
      FullHttpRequest request,
      List<Endpoint> endpoints,
      HttpClient http,
      long readTimeoutMs,
      ProxyMetrics metrics) {
    this.ctx = ctx;
    this.request = request;
    this.body = ByteBufUtil.getBytes(request.content());
    this.endpoints = endpoints;
    this.http = http;
    this.readTimeoutMs = readTimeoutMs;
    this.metrics = metrics;
    this.method = request.method().name();
  }

  void start() {
    metrics.incoming(method);
    try {
      if (endpoints.isEmpty()) {
        metrics.dropped(method, ProxyMetrics.ZERO_ENDPOINTS);
        LOG.info("zero endpoints currently available");
        fail(HttpResponseStatus.SERVICE_UNAVAILABLE, "zero endpoints currently available");
        return;
      }
      tryEndpoint(0, false);
    } finally {
      request.release();
    }
  }

  /**
   * @param retried whether this endpoint already had its one retry on a fresh connection
   */
  private void tryEndpoint(int i, boolean retried) {
    if (!ctx.channel().isActive()) {
      LOG.info("client {} closed request prematurely", ctx.channel().remoteAddress());
      return;
    }
    if (i == endpoints.size()) {
      String msg = "unable to get response from " + endpoints.size() + " endpoint(s)";
      metrics.dropped(method, ProxyMetrics.FAILED_GETTING_RESPONSE);
      LOG.info("{}", msg);
      fail(HttpResponseStatus.BAD_GATEWAY, msg);
      return;
    }
    Endpoint ep = endpoints.get(i);
    HttpRequest upstream;
    try {
      upstream = upstreamRequest(ep.url());
    } catch (IllegalArgumentException e) {
      ProxyHandler.send(
          ctx, request, ProxyHandler.reply(HttpResponseStatus.BAD_REQUEST, TEXT, "Bad Request\n"));
      return;
    }
    CompletableFuture<java.net.http.HttpResponse<Flow.Publisher<List<ByteBuffer>>>> sent =
        http.sendAsync(upstream, BodyHandlers.ofPublisher());
    GenericFutureListener<Future<Void>> cancel = f -> sent.cancel(true);
    ctx.channel().closeFuture().addListener(cancel);
    sent.whenComplete(
        (response, error) -> {
          // a keep-alive connection carries many requests: do not pile up listeners on it
          ctx.channel().closeFuture().removeListener(cancel);
          if (error != null) {
            if (!ctx.channel().isActive()) {
              return;
            }
            Throwable cause =
                error instanceof CompletionException && error.getCause() != null
                    ? error.getCause()
                    : error;
            if (!retried && reusedConnectionDied(cause)) {
              // The JDK client may hand out a kept-alive connection the member has just closed;
              // Go's transport notices those before reuse. Send once more before calling the
              // member failed: the body is replayed anyway when the next endpoint is tried.
              LOG.debug("retrying {} on {} after {}", request.uri(), ep.url(), cause.toString());
              tryEndpoint(i, true);
              return;
            }
            metrics.dropped(method, ProxyMetrics.FAILED_SENDING_REQUEST);
            LOG.info("failed to direct request to {}: {}", ep.url(), cause.toString());
            ep.failed();
            tryEndpoint(i + 1, false);
            return;
          }
          metrics.handled(method, response.statusCode(), System.nanoTime() - startNanos);
          relay(response);
        });
  }

  /** An I/O error after connecting: not a refused or timed-out connection attempt. */
  private static boolean reusedConnectionDied(Throwable cause) {
    return cause instanceof IOException
        && !(cause instanceof ConnectException)
        && !(cause instanceof HttpTimeoutException);
  }

  private HttpRequest upstreamRequest(URI endpoint) {
    URI target = URI.create(endpoint.getScheme() + "://" + endpoint.getRawAuthority()
        + GoRequestTarget.originForm(request.uri()));
    HttpRequest.BodyPublisher publisher =
        body.length == 0
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(target).method(request.method().name(), publisher);
    if (readTimeoutMs > 0) {
      b.timeout(Duration.ofMillis(readTimeoutMs));
    }
    String forwardedFor = null;
    for (Map.Entry<String, String> h : request.headers()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (name.equals("x-forwarded-for")) {
        forwardedFor = forwardedFor == null ? h.getValue() : forwardedFor + ", " + h.getValue();
        continue;
      }
      if (HOP_BY_HOP.contains(name) || CLIENT_OWNED.contains(name)) {
        continue;
      }
      try {
        b.header(h.getKey(), h.getValue());
      } catch (IllegalArgumentException e) {
        // a header the JDK client will not forward (it sets it itself)
      }
    }
    if (ctx.channel().remoteAddress() instanceof InetSocketAddress client) {
      String ip = client.getAddress().getHostAddress();
      forwardedFor = forwardedFor == null ? ip : forwardedFor + ", " + ip;
    }
    if (forwardedFor != null) {
      b.header("X-Forwarded-For", forwardedFor);
    }
    return b.build();
  }

  private void relay(java.net.http.HttpResponse<Flow.Publisher<List<ByteBuffer>>> upstream) {
    HttpResponse head =
        new DefaultHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(upstream.statusCode()));
    upstream
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (!HOP_BY_HOP.contains(lower) && !lower.startsWith(":")) {
                head.headers().add(GoHeaders.canonical(name), values);
              }
            });
    boolean bodyless =
        request.method().equals(HttpMethod.HEAD)
            || upstream.statusCode() == 204
            || upstream.statusCode() == 304
            || upstream.statusCode() / 100 == 1;
    if (!head.headers().contains("Date")) {
      head.headers().set("Date", GoHeaders.now());
    }
    if (!bodyless && !head.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
      head.headers().set("Transfer-Encoding", "chunked");
    }
    ctx.writeAndFlush(head);
    upstream.body().subscribe(new ResponseRelay(ctx));
  }

  /** CLU-074: etcd's HTTP error JSON, {@code {"message":"httpproxy: ..."}}. */
  private void fail(HttpResponseStatus status, String message) {
    ProxyHandler.send(
        ctx,
        request,
        ProxyHandler.reply(
            status,
            "application/json",
            "{\"message\":" + V2Json.quote("httpproxy: " + message) + "}"));
  }
}

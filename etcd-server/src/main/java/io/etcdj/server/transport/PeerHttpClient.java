package io.etcdj.server.transport;

import io.etcdj.server.http.EventLoops;
import io.etcdj.server.tls.PeerTls;
import io.etcdj.server.tls.TlsContexts;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Connects to peers: one-shot POSTs for the pipeline, and raw connections for stream GETs. A peer
 * URL with the {@code https} scheme is dialled with TLS (SPEC FLG-042): an {@code SslHandler} goes
 * first in the pipeline, under whatever the caller installs; {@code http} URLs get none.
 *
 * <p>Thread-safety: thread-safe; it holds only the shared event loop group and settings.
 */
final class PeerHttpClient {
  /** A peer's answer to a POST: status and body text. */
  record Reply(int status, String body) {}

  /** Answers larger than this are not needed by the transport and are refused. */
  private static final int MAX_REPLY = 64 * 1024;

  private final EventLoopGroup group;
  private final Class<? extends SocketChannel> channelClass;
  private final Duration dialTimeout;
  private final PeerTls tls;

  PeerHttpClient(EventLoopGroup group, Duration dialTimeout, PeerTls tls) {
    this.group = group;
    this.channelClass = EventLoops.socketChannel(group);
    this.dialTimeout = dialTimeout;
    this.tls = tls;
  }

  /** An event loop for periodic work such as probing. */
  EventLoop nextLoop() {
    return group.next();
  }

  /** Connects to {@code url}'s host and port with {@code handlers} installed in order. */
  ChannelFuture connect(URI url, Supplier<ChannelHandler[]> handlers) {
    boolean https = "https".equals(url.getScheme());
    return new Bootstrap()
        .group(group)
        .channel(channelClass)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) dialTimeout.toMillis())
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                if (https) {
                  // Writes made before the handshake ends are held by the handler, then sent.
                  ch.pipeline()
                      .addLast("tls", TlsContexts.clientHandler(tls.client(), ch.alloc(), url));
                }
                ch.pipeline().addLast(handlers.get());
              }
            })
        .connect(url.getHost(), port(url));
  }

  /** A request for {@code path} on {@code url} with the Host header set. */
  static FullHttpRequest request(HttpMethod method, URI url, String path, byte[] body) {
    FullHttpRequest r =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1, method, path, Unpooled.wrappedBuffer(body), false);
    r.headers().set("Host", url.getHost() + ":" + port(url));
    return r;
  }

  /** Sends {@code request} on a fresh connection and completes with the reply. */
  CompletableFuture<Reply> send(URI url, FullHttpRequest request) {
    CompletableFuture<Reply> reply = new CompletableFuture<>();
    request.headers().set("Content-Length", request.content().readableBytes());
    request.headers().set("Connection", "close");
    ChannelFuture connected =
        connect(
            url,
            () ->
                new ChannelHandler[] {
                  new HttpClientCodec(),
                  new HttpObjectAggregator(MAX_REPLY),
                  new ReplyHandler(reply)
                });
    connected.addListener(
        f -> {
          if (!f.isSuccess()) {
            request.release();
            reply.completeExceptionally(f.cause());
            return;
          }
          Channel ch = connected.channel();
          ch.closeFuture()
              .addListener(c -> reply.completeExceptionally(new IllegalStateException("closed")));
          ch.writeAndFlush(request)
              .addListener(
                  w -> {
                    if (!w.isSuccess()) {
                      reply.completeExceptionally(w.cause());
                      ch.close();
                    }
                  });
        });
    return reply;
  }

  /** Opens a keep-alive connection for pipeline requests and probes (after any TLS handshake). */
  CompletableFuture<KeepAliveConnection> open(URI url) {
    CompletableFuture<KeepAliveConnection> opened = new CompletableFuture<>();
    KeepAliveConnection.ReplyHandler handler = new KeepAliveConnection.ReplyHandler();
    ChannelFuture connected =
        connect(
            url,
            () ->
                new ChannelHandler[] {
                  new HttpClientCodec(), new HttpObjectAggregator(MAX_REPLY), handler
                });
    connected.addListener(
        f -> {
          if (!f.isSuccess()) {
            opened.completeExceptionally(f.cause());
            return;
          }
          Channel ch = connected.channel();
          SslHandler tls = ch.pipeline().get(SslHandler.class);
          if (tls == null) {
            opened.complete(new KeepAliveConnection(url, ch, handler));
            return;
          }
          // Open once the TLS handshake is done, so that a request's round trip (the prober's
          // measure) never includes it, and a refused certificate fails the open.
          tls.handshakeFuture()
              .addListener(
                  h -> {
                    if (h.isSuccess()) {
                      opened.complete(new KeepAliveConnection(url, ch, handler));
                    } else {
                      opened.completeExceptionally(h.cause());
                      ch.close();
                    }
                  });
        });
    return opened;
  }

  static int port(URI url) {
    if (url.getPort() != -1) {
      return url.getPort();
    }
    return "https".equals(url.getScheme()) ? 443 : 80;
  }

  /** Completes the future with the first full response, then closes the connection. */
  private static final class ReplyHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
    private final CompletableFuture<Reply> reply;

    ReplyHandler(CompletableFuture<Reply> reply) {
      this.reply = reply;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
      reply.complete(new Reply(r.status().code(), r.content().toString(StandardCharsets.UTF_8)));
      ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      reply.completeExceptionally(cause);
      ctx.close();
    }
  }
}

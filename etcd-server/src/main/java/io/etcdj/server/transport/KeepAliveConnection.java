package io.etcdj.server.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * One HTTP/1.1 connection to a peer that carries pipeline POSTs one after another, as Go's
 * keep-alive transport does, so that a burst of pipelined messages does not open a connection each.
 *
 * <p>Thread-safety: {@link #send} may be called from any thread but only when the previous request
 * has been answered (the pipeline uses each connection for one request at a time); the pending
 * reply is confined to the channel's event loop.
 */
final class KeepAliveConnection {
  private final URI url;
  private final Channel channel;
  private final ReplyHandler handler;

  KeepAliveConnection(URI url, Channel channel, ReplyHandler handler) {
    this.url = url;
    this.channel = channel;
    this.handler = handler;
  }

  URI url() {
    return url;
  }

  boolean isUsable() {
    return channel.isActive() && !handler.closing;
  }

  void close() {
    channel.close();
  }

  CompletableFuture<PeerHttpClient.Reply> send(FullHttpRequest request) {
    CompletableFuture<PeerHttpClient.Reply> reply = new CompletableFuture<>();
    request.headers().set("Content-Length", request.content().readableBytes());
    channel
        .eventLoop()
        .execute(
            () -> {
              if (!channel.isActive()) {
                request.release();
                reply.completeExceptionally(new IllegalStateException("connection closed"));
                return;
              }
              handler.current = reply;
              channel
                  .writeAndFlush(request)
                  .addListener(
                      w -> {
                        if (!w.isSuccess()) {
                          reply.completeExceptionally(w.cause());
                          channel.close();
                        }
                      });
            });
    return reply;
  }

  /** Completes the pending reply; fails it if the connection ends first. */
  static final class ReplyHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
    private CompletableFuture<PeerHttpClient.Reply> current;
    private volatile boolean closing;

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
      CompletableFuture<PeerHttpClient.Reply> reply = current;
      current = null;
      if (!HttpUtil.isKeepAlive(r)) {
        closing = true;
        ctx.close();
      }
      if (reply != null) {
        reply.complete(
            new PeerHttpClient.Reply(
                r.status().code(), r.content().toString(StandardCharsets.UTF_8)));
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      closing = true;
      if (current != null) {
        current.completeExceptionally(new IllegalStateException("connection closed"));
        current = null;
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (current != null) {
        current.completeExceptionally(cause);
        current = null;
      }
      ctx.close();
    }
  }
}

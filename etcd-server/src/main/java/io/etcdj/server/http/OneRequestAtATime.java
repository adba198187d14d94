package io.etcdj.server.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * Requests on one connection are served one after the other, as Go's server serves them: a
 * request a client pipelines behind another waits until the response to that one is written.
 * Without this, a write answered after its raft round was overtaken by a read sent behind it on
 * the same connection: the read missed the write and the answers came back out of order (five
 * PUT+GET pairs in one packet: five 404s, then five 201s; found with scripts/difffuzz.py --raw).
 * While requests wait, the connection is not read, so a client that pipelines without end is
 * held back by TCP, not by memory here.
 *
 * <p>Sits after the aggregator (it sees whole requests) and before the handlers that answer.
 * Thread-safety: one instance per channel, used on its event loop only.
 */
public final class OneRequestAtATime extends ChannelDuplexHandler {
  private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
  private boolean serving;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (serving) {
      waiting.add(request);
      ctx.channel().config().setAutoRead(false);
      return;
    }
    serving = true;
    ctx.fireChannelRead(request);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    boolean ends = ends(msg);
    ctx.write(msg, promise);
    if (ends) {
      serving = false;
      if (!waiting.isEmpty()) {
        // Not from inside this write: the next request starts on a fresh pass of the loop.
        ctx.executor().execute(() -> next(ctx));
      }
    }
  }

  private void next(ChannelHandlerContext ctx) {
    if (serving) {
      return;
    }
    FullHttpRequest request = waiting.poll();
    if (request == null) {
      return;
    }
    if (waiting.isEmpty()) {
      ctx.channel().config().setAutoRead(true); // read on while the last one waiting is served
    }
    if (!ctx.channel().isActive()) {
      request.release();
      return;
    }
    serving = true;
    ctx.fireChannelRead(request);
  }

  /** Whether {@code msg} completes a response (an interim 100 Continue does not). */
  private static boolean ends(Object msg) {
    if (msg instanceof FullHttpResponse r) {
      return r.status().codeClass() != HttpStatusClass.INFORMATIONAL;
    }
    return msg instanceof LastHttpContent;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    waiting.forEach(ReferenceCountUtil::release);
    waiting.clear();
    ctx.fireChannelInactive();
  }
}

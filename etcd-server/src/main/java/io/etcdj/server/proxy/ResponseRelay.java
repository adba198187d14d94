package io.etcdj.server.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Copies an upstream response body to the client as it arrives, one piece at a time: the next
 * piece is requested only once the previous one has been written, so a slow client slows the
 * upstream read instead of filling memory, and a watch event reaches the client as soon as the
 * member sends it (SPEC CLU-073). A client that goes away cancels the upstream response, which
 * closes its connection and ends the member's watch.
 *
 * <p>Thread-safety: the JDK client calls a subscriber's methods one at a time (Reactive Streams
 * rule 1.3); the subscription is written once, before the first request.
 */
final class ResponseRelay implements Flow.Subscriber<List<ByteBuffer>> {
  private final ChannelHandlerContext ctx;
  private volatile Flow.Subscription subscription;
  private volatile GenericFutureListener<Future<Void>> cancelOnClose;

  ResponseRelay(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    cancelOnClose = f -> s.cancel();
    ctx.channel().closeFuture().addListener(cancelOnClose);
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> pieces) {
    int size = 0;
    for (ByteBuffer b : pieces) {
      size += b.remaining();
    }
    if (size == 0) {
      subscription.request(1);
      return;
    }
    ByteBuf buf = Unpooled.buffer(size);
    for (ByteBuffer b : pieces) {
      buf.writeBytes(b);
    }
    ctx.writeAndFlush(new DefaultHttpContent(buf))
        .addListener(
            f -> {
              if (f.isSuccess()) {
                subscription.request(1);
              } else {
                subscription.cancel();
              }
            });
  }

  @Override
  public void onError(Throwable error) {
    ctx.channel().closeFuture().removeListener(cancelOnClose);
    // The member went away mid-response: the client can only be told by closing.
    ctx.close();
  }

  @Override
  public void onComplete() {
    ctx.channel().closeFuture().removeListener(cancelOnClose);
    ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
        .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
  }
}

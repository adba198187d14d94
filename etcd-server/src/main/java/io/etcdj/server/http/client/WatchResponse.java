package io.etcdj.server.http.client;

import io.etcdj.store.Event;
import io.etcdj.store.Watcher;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.GenericFutureListener;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The response to one watch (SPEC KEY-169, KEY-170): headers flushed at once with chunked
 * encoding; then one event and the end (long poll), or one flushed JSON line per event (stream).
 * A client that goes away removes its watcher (KEY-173). A stream whose client falls more than
 * 100 events behind is ended, as etcd drops a watcher whose buffer is full (KEY-191): either 100
 * events wait for the event loop, or 100 events were queued while the connection was not
 * writable (the client stopped reading).
 *
 * <p>Thread-safety: {@link #offer} may be called from any thread (the store calls it on the
 * thread applying writes, the raft loop or the apply thread); everything else runs on the channel's event loop, which owns the state.
 */
final class WatchResponse {
  /** etcd's per-watcher event buffer. */
  static final int MAX_PENDING_EVENTS = 100;

  private final ChannelHandlerContext ctx;
  private final boolean stream;
  private final KeysHandler keys;
  private final AtomicInteger pending = new AtomicInteger();
  private Watcher watcher;
  private boolean done;
  private int writtenWhileBlocked;
  private GenericFutureListener<ChannelFuture> onClose;

  WatchResponse(ChannelHandlerContext ctx, boolean stream, KeysHandler keys) {
    this.ctx = ctx;
    this.stream = stream;
    this.keys = keys;
  }

  /** Called by the store with each matching event; hands it to the event loop. */
  void offer(Event event) {
    if (pending.incrementAndGet() > MAX_PENDING_EVENTS) {
      ctx.executor().execute(this::finish);
      return;
    }
    ctx.executor().execute(() -> write(event));
  }

  /** Writes the headers; runs on the event loop right after the watch was registered. */
  void start(Watcher registered) {
    this.watcher = registered;
    HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    keys.setIndexHeaders(response.headers(), registered.startIndex());
    response.headers().set("Transfer-Encoding", HttpHeaderValues.CHUNKED);
    ctx.writeAndFlush(response, ctx.voidPromise());
    onClose = f -> registered.remove();
    ctx.channel().closeFuture().addListener(onClose);
  }

  private void write(Event event) {
    pending.decrementAndGet();
    if (done) {
      return;
    }
    ByteBuf body = ctx.alloc().buffer(KeysJson.sizeHint(event));
    KeysJson.writeEvent(event, body);
    ctx.write(new DefaultHttpContent(body), ctx.voidPromise());
    if (stream) {
      ctx.flush();
      writtenWhileBlocked = ctx.channel().isWritable() ? 0 : writtenWhileBlocked + 1;
      if (writtenWhileBlocked > MAX_PENDING_EVENTS) {
        finish();
      }
    } else {
      finish();
    }
  }

  /** Ends the response and forgets the watcher; the connection stays usable. */
  private void finish() {
    if (done) {
      return;
    }
    done = true;
    ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT, ctx.voidPromise());
    watcher.remove();
    ctx.channel().closeFuture().removeListener(onClose);
  }
}

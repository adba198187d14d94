package io.etcdj.server.tls;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;

/**
 * The child handler of an {@code https} listener: a server {@code SslHandler}, then the same
 * pipeline the plain listener builds (its initializer runs as soon as it is added). One plain
 * initializer, and so one route table, serves the {@code http} and {@code https} URLs of a port
 * list alike.
 *
 * <p>Thread-safety: shared by the listener's channels; holds a thread-safe context and a sharable
 * initializer.
 */
@ChannelHandler.Sharable
public final class TlsFirst extends ChannelInitializer<SocketChannel> {
  private final SslContext tls;
  private final ChannelInitializer<SocketChannel> plain;

  public TlsFirst(SslContext tls, ChannelInitializer<SocketChannel> plain) {
    this.tls = tls;
    this.plain = plain;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ch.pipeline().addLast("tls", tls.newHandler(ch.alloc())).addLast(plain);
  }
}

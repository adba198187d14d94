package io.etcdj.server.http.peer;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Listens on the peer URLs with a {@link PeerInitializer}. The caller owns the event loop groups.
 *
 * <p>Thread-safety: thread-safe; the list of bound channels is guarded by the server's monitor.
 */
public final class PeerServer implements AutoCloseable {
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final PeerInitializer initializer;
  private final List<Channel> bound = new ArrayList<>();

  public PeerServer(EventLoopGroup boss, EventLoopGroup workers, PeerInitializer initializer) {
    this.boss = boss;
    this.workers = workers;
    this.initializer = initializer;
  }

  /** Binds {@code host:port} (port 0 picks a free one) and returns the bound address. */
  public synchronized InetSocketAddress listen(String host, int port) throws InterruptedException {
    Channel ch =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(
                workers instanceof EpollEventLoopGroup
                    ? EpollServerSocketChannel.class
                    : NioServerSocketChannel.class)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(initializer)
            .bind(host, port)
            .sync()
            .channel();
    bound.add(ch);
    return (InetSocketAddress) ch.localAddress();
  }

  @Override
  public synchronized void close() {
    for (Channel ch : bound) {
      ch.close().syncUninterruptibly();
    }
    bound.clear();
  }
}

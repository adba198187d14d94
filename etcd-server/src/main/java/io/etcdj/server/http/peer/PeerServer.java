package io.etcdj.server.http.peer;

import io.etcdj.server.http.EventLoops;
import io.etcdj.server.tls.TlsFirst;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Listens on the peer URLs with a {@link PeerInitializer}. Each URL's scheme decides its pipeline,
 * as in etcd, which serves TLS only on the {@code https} ones of {@code --listen-peer-urls} (SPEC
 * FLG-042): {@code https} listeners put a TLS handler before the initializer's pipeline, {@code
 * http} listeners use it as it is. The caller owns the event loop groups.
 *
 * <p>Thread-safety: thread-safe; the list of bound channels is guarded by the server's monitor.
 */
public final class PeerServer implements AutoCloseable {
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Deferred plain = new Deferred();

  /** The pipeline of {@code https} listeners, or null when there is no certificate to serve. */
  private final TlsFirst https;

  private final List<Channel> bound = new ArrayList<>();

  /** A server for plain {@code http} peer URLs only, serving as soon as a URL is bound. */
  public PeerServer(EventLoopGroup boss, EventLoopGroup workers, PeerInitializer initializer) {
    this(boss, workers, (SslContext) null);
    serve(initializer);
  }

  /**
   * A server whose {@code https} listeners use {@code tls} (null: none allowed). Its ports are
   * bound by {@link #listen} but accept nothing until {@link #serve} names the pipeline: a member
   * binds its peer ports before it knows its IDs, so that a port in use stops the start before
   * the data dir is touched (as etcd, which binds them first).
   */
  public PeerServer(EventLoopGroup boss, EventLoopGroup workers, SslContext tls) {
    this.boss = boss;
    this.workers = workers;
    this.https = tls == null ? null : new TlsFirst(tls, plain);
  }

  /**
   * Builds the pipeline of every connection accepted from now on with {@code initializer} (a plain
   * one; https listeners put TLS in front of it), and starts accepting on every bound port.
   */
  public synchronized void serve(PeerInitializer initializer) {
    plain.target = initializer;
    for (Channel ch : bound) {
      ch.config().setAutoRead(true);
    }
  }

  /** Binds {@code host:port} for plain http; see {@link #listen(String, String, int)}. */
  public InetSocketAddress listen(String host, int port) throws InterruptedException {
    return listen("http", host, port);
  }

  /**
   * Binds {@code host:port} (port 0 picks a free one) for a peer URL of {@code scheme}, {@code
   * http} or {@code https}, and returns the bound address.
   *
   * @throws IllegalArgumentException for another scheme, or {@code https} without a TLS context
   */
  public synchronized InetSocketAddress listen(String scheme, String host, int port)
      throws InterruptedException {
    ChannelInitializer<SocketChannel> child =
        switch (scheme) {
          case "http" -> plain;
          case "https" -> {
            if (https == null) {
              throw new IllegalArgumentException(
                  "no peer certificate to serve https on " + host + ":" + port);
            }
            yield https;
          }
          default -> throw new IllegalArgumentException("unsupported peer URL scheme " + scheme);
        };
    ServerBootstrap b =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(EventLoops.serverChannel(workers))
            .option(ChannelOption.SO_REUSEADDR, true)
            .option(ChannelOption.AUTO_READ, plain.target != null)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(child);
    Channel ch = EventLoops.bind(b, host, port);
    bound.add(ch);
    return (InetSocketAddress) ch.localAddress();
  }

  /** The plain pipeline, named once the member is ready to serve its peers ({@link #serve}). */
  @ChannelHandler.Sharable
  private static final class Deferred extends ChannelInitializer<SocketChannel> {
    private volatile PeerInitializer target;

    @Override
    protected void initChannel(SocketChannel ch) {
      ch.pipeline().addLast(target);
    }
  }

  @Override
  public synchronized void close() {
    for (Channel ch : bound) {
      ch.close().syncUninterruptibly();
    }
    bound.clear();
  }
}

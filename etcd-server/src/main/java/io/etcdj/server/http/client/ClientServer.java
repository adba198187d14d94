package io.etcdj.server.http.client;

import io.etcdj.server.EtcdServer;
import io.etcdj.server.http.EventLoops;
import io.etcdj.server.tls.HttpsListeners;
import io.etcdj.server.tls.TlsContexts;
import io.etcdj.server.tls.TlsFirst;
import io.etcdj.server.tls.TlsInfo;
import io.etcdj.server.tls.TlsSetupException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Netty servers on every {@code --listen-client-urls} URL, on epoll when available. An {@code
 * https} URL serves TLS with {@code --cert-file}/{@code --key-file}, verifying client certificates
 * when {@code --client-cert-auth} or {@code --ca-file} asks for it (SPEC FLG-041); an {@code http}
 * URL keeps the plain pipeline.
 *
 * <p>Thread-safety: {@link #start} and {@link #close} are called by the owning (main) thread.
 */
public final class ClientServer implements AutoCloseable {
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final List<Channel> channels = new ArrayList<>();

  private ClientServer(EventLoopGroup boss, EventLoopGroup workers) {
    this.boss = boss;
    this.workers = workers;
  }

  /**
   * Binds every URL (port 0 picks a free port), {@code https} URLs with the client TLS of {@code
   * server}'s configuration. Nothing is accepted yet: connections wait in the kernel's backlog
   * until {@link #serve}, so the ports can be taken before the server is up, as etcd does.
   *
   * @throws TlsSetupException if a URL is {@code https} without a certificate and key, or a TLS
   *     file is unusable (nothing is bound then)
   */
  public static ClientServer bind(EtcdServer server, List<URI> listenUrls)
      throws InterruptedException {
    TlsInfo tlsInfo = server.config().clientTls();
    HttpsListeners.checkClientUrls(tlsInfo, listenUrls);
    boolean https = listenUrls.stream().anyMatch(u -> "https".equals(u.getScheme()));
    SslContext tls = https ? TlsContexts.server(tlsInfo) : null;
    EventLoopGroup boss = EventLoops.group(1);
    EventLoopGroup workers = EventLoops.group(EventLoops.clientThreads());
    Class<? extends ServerChannel> channelType = EventLoops.serverChannel(workers);
    ClientServer cs = new ClientServer(boss, workers);
    try {
      ClientInitializer plain = new ClientInitializer(server);
      for (URI url : listenUrls) {
        ServerBootstrap b =
            new ServerBootstrap()
                .group(boss, workers)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                // Connections wait in the backlog until serve().
                .option(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler("https".equals(url.getScheme()) ? new TlsFirst(tls, plain) : plain);
        cs.channels.add(EventLoops.bind(b, url.getHost(), url.getPort()));
      }
    } catch (InterruptedException | RuntimeException e) {
      cs.close();
      throw e;
    }
    return cs;
  }

  /** Starts accepting connections on every bound URL. */
  public void serve() {
    for (Channel c : channels) {
      c.config().setAutoRead(true);
    }
  }

  /** The addresses actually bound, in the order of the URLs. */
  public List<InetSocketAddress> boundAddresses() {
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (Channel c : channels) {
      addresses.add((InetSocketAddress) c.localAddress());
    }
    return addresses;
  }

  @Override
  public void close() {
    for (Channel c : channels) {
      c.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
  }
}

package io.etcdj.server.proxy;

import io.etcdj.server.ServerConfig;
import io.etcdj.server.discovery.Discovery;
import io.etcdj.server.discovery.DiscoveryException;
import io.etcdj.server.http.EventLoops;
import io.etcdj.server.http.GoExpectAggregator;
import io.etcdj.server.http.GoResponseHeaders;
import io.etcdj.server.http.GoServerCodec;
import io.etcdj.server.http.OneRequestAtATime;
import io.etcdj.server.http.client.CorsHeaders;
import io.etcdj.server.tls.HttpsListeners;
import io.etcdj.server.tls.TlsContexts;
import io.etcdj.server.tls.TlsFirst;
import io.etcdj.server.tls.TlsInfo;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * etcd's v2 proxy (SPEC CLU-070..077): holds no data and forwards every client request to the
 * cluster's client URLs. The cluster is found, in this order, in {@code <data-dir>/proxy/cluster}
 * from an earlier run, through {@code --discovery}, or from the peer URLs of {@code
 * --initial-cluster}; its members' client URLs are then re-read every {@code
 * --proxy-refresh-interval}.
 *
 * <p>Thread-safety: {@link #start} and {@link #close} are called by the owning thread; requests are
 * served on Netty's event loops and the JDK client's threads, the refresh on one timer thread.
 */
public final class ProxyServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("etcdmain");

  /** Request bodies are buffered to be replayed on failover; this bounds one body. */
  private static final int MAX_BODY = 64 * 1024 * 1024;

  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final ScheduledExecutorService timers;
  private final List<Channel> channels = new ArrayList<>();

  private ProxyServer(EventLoopGroup boss, EventLoopGroup workers, ScheduledExecutorService t) {
    this.boss = boss;
    this.workers = workers;
    this.timers = t;
  }

  /**
   * Finds the cluster, then listens on every {@code --listen-client-urls} URL (port 0 picks a free
   * port).
   *
   * @throws IllegalStateException if the cluster cannot be found (discovery failed) or a port
   *     cannot be bound
   */
  public static ProxyServer start(ServerConfig config) {
    LOG.info("proxy: this proxy supports v2 API only!");
    Path dir = Path.of(config.dataDir(), "proxy");
    ClusterFile file = new ClusterFile(dir);
    List<String> peerUrls;
    try {
      Files.createDirectories(dir);
      peerUrls = initialPeerUrls(config, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use the proxy dir " + dir + ": " + e.getMessage(), e);
    }
    ProxyConfig pc = config.proxy();
    ScheduledExecutorService timers =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "etcd-proxy-refresh");
              t.setDaemon(true);
              return t;
            });
    EventLoopGroup boss = EventLoops.group(1);
    EventLoopGroup workers = EventLoops.group(EventLoops.clientThreads());
    ProxyServer server = new ProxyServer(boss, workers, timers);
    try {
      Director director =
          new Director(
              new PeerMembers(peerUrls, file, pc.dialTimeoutMs(), config.peerTls()),
              pc.failureWaitMs(),
              pc.refreshIntervalMs(),
              timers);
      // CLU-076: to the members' client URLs with the client TLS flags, else the peer ones.
      HttpClient http = PeerMembers.httpClient(pc.dialTimeoutMs(), config.proxyClientTls());
      ProxyHandler handler = new ProxyHandler(director, pc, http);
      ChannelInitializer<SocketChannel> plain =
          new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline()
                  .addLast("codec", GoServerCodec.create())
                  .addLast("goHeaders", new GoResponseHeaders())
                  .addLast("keepAlive", new HttpServerKeepAliveHandler());
              if (!config.corsOrigins().isEmpty()) {
                // etcd 2.3 wraps its proxy in the same CORS layer as a member (OTH-004).
                ch.pipeline().addLast("cors", new CorsHeaders(config.corsOrigins()));
              }
              ch.pipeline()
                  .addLast("aggregator", new GoExpectAggregator(MAX_BODY))
                  .addLast("sequence", new OneRequestAtATime())
                  .addLast("proxy", handler);
            }
          };
      // The proxy serves clients with the client TLS flags, as a member does (FLG-041).
      TlsInfo listenerTls = config.clientTls();
      HttpsListeners.checkClientUrls(listenerTls, config.listenClientUrls());
      for (URI url : config.listenClientUrls()) {
        ServerBootstrap b =
            new ServerBootstrap()
                .group(boss, workers)
                .channel(EventLoops.serverChannel(workers))
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(
                    "https".equals(url.getScheme())
                        ? new TlsFirst(TlsContexts.server(listenerTls), plain)
                        : plain);
        Channel ch = EventLoops.bind(b, url.getHost(), url.getPort());
        server.channels.add(ch);
        int port = ((InetSocketAddress) ch.localAddress()).getPort();
        LOG.info(
            "proxy: listening for client requests on {}://{}:{}",
            url.getScheme(),
            url.getHost(),
            port);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.close();
      throw new IllegalStateException("interrupted while starting the proxy", e);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** CLU-070: the cluster file wins; then discovery; then {@code --initial-cluster}. */
  private static List<String> initialPeerUrls(ServerConfig config, ClusterFile file)
      throws IOException {
    var stored = file.read();
    if (stored.isPresent()) {
      if (config.discovery().enabled()) {
        LOG.warn(
            "discovery token ignored since the proxy has already been initialized. Valid cluster"
                + " file found at \"{}\"",
            file.path());
      }
      LOG.info(
          "proxy: using peer urls [{}] from cluster file \"{}\"",
          String.join(" ", stored.get()),
          file.path());
      return stored.get();
    }
    Map<String, List<String>> cluster = config.initialCluster();
    if (config.discovery().enabled()) {
      try {
        cluster = Discovery.cluster(config.discovery());
      } catch (DiscoveryException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
    List<String> urls = new ArrayList<>();
    cluster.values().forEach(urls::addAll);
    urls.sort(null);
    LOG.info("proxy: using peer urls [{}] ", String.join(" ", urls));
    return urls;
  }

  /** The addresses actually bound, in the order of the URLs. */
  public List<InetSocketAddress> boundAddresses() {
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (Channel c : channels) {
      addresses.add((InetSocketAddress) c.localAddress());
    }
    return addresses;
  }

  /** The first listen URL with its real port, e.g. {@code http://127.0.0.1:41234}. */
  public String clientUrl() {
    InetSocketAddress a = boundAddresses().get(0);
    return "http://" + a.getAddress().getHostAddress() + ":" + a.getPort();
  }

  @Override
  public void close() {
    for (Channel c : channels) {
      c.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
    timers.shutdownNow();
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
  }
}

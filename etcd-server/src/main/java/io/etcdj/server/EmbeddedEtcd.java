package io.etcdj.server;

import io.etcdj.server.http.NettyPreload;
import io.etcdj.server.http.client.ClientServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member started in-process, for tests and for {@link EtcdMain}: the same flags as the command
 * line (the environment is not read), serving until {@link #close()}.
 *
 * <pre>{@code
 * try (EmbeddedEtcd etcd = EmbeddedEtcd.start("--listen-client-urls", "http://127.0.0.1:0",
 *     "--advertise-client-urls", "http://127.0.0.1:0")) {
 *   String url = etcd.clientUrl(); // http://127.0.0.1:<the real port>
 * }
 * }</pre>
 *
 * <p>Thread-safety: {@link #clientUrl()} may be called from any thread; {@link #close()} is
 * idempotent and may be called from any thread.
 */
public final class EmbeddedEtcd implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("etcdmain");

  private final EtcdServer server;
  private final ClientServer clients;
  private final String clientUrl;
  private boolean closed;

  private EmbeddedEtcd(EtcdServer server, ClientServer clients, String clientUrl) {
    this.server = server;
    this.clients = clients;
    this.clientUrl = clientUrl;
  }

  /**
   * Starts a member with etcd's flags, e.g. {@code "--name", "n1", "--listen-client-urls",
   * "http://127.0.0.1:0", "--advertise-client-urls", "http://127.0.0.1:0"}. A client URL on port 0
   * gets a free port; {@link #clientUrl()} tells which.
   *
   * @throws IllegalArgumentException if the flags are invalid (message as etcd prints it)
   */
  public static EmbeddedEtcd start(String... etcdFlags) {
    ServerConfig config;
    try {
      config = EtcdFlags.parse(etcdFlags, Map.of(), line -> {}).toConfig();
    } catch (FlagException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    } catch (GoFlagArgs.HelpRequested e) {
      throw new IllegalArgumentException("-h is not a server configuration");
    }
    return start(config);
  }

  /** Starts a member with a validated configuration. */
  public static EmbeddedEtcd start(ServerConfig config) {
    NettyPreload.begin();
    EtcdServer server = new EtcdServer(config, SystemClock.INSTANCE);
    ClientServer clients = null;
    try {
      // As etcd, the peer ports and then the client ports are bound before the member touches its
      // data dir, so a port in use stops the start with nothing written; they accept once the
      // member is up.
      server.bindPeers();
      clients = ClientServer.bind(server, config.listenClientUrls());
      for (URI url : config.listenClientUrls()) {
        LOG.info("listening for client requests on {}", url); // FLG-062, once bound
      }
      server.bootstrap();
      server.awaitRecovered();
      clients.serve();
      List<InetSocketAddress> bound = clients.boundAddresses();
      List<String> advertised = new ArrayList<>();
      for (URI u : config.advertiseClientUrls()) {
        advertised.add(u.getPort() == 0 ? withPort(u, bound.get(0).getPort()) : u.toString());
      }
      server.publish(advertised);
      URI first = config.listenClientUrls().get(0);
      String url = withPort(first, bound.get(0).getPort());
      EmbeddedEtcd etcd = new EmbeddedEtcd(server, clients, url);
      // OTH-032: a removed member stops itself, a moment later (etcd's stopWithDelay) so the
      // answers to the removal still leave.
      server
          .removed()
          .thenRunAsync(etcd::close, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));
      // A member whose data dir cannot be written stops serving at once (etcd's process exits).
      server.failed().thenRunAsync(etcd::close);
      return etcd;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(server, clients);
      throw new IllegalStateException("interrupted while starting", e);
    } catch (RuntimeException e) {
      closeQuietly(server, clients);
      throw e;
    }
  }

  /** The first client URL with its real port, e.g. {@code http://127.0.0.1:41234}. */
  public String clientUrl() {
    return clientUrl;
  }

  /** Completes once the member was removed from its cluster; it stops itself then. */
  public CompletableFuture<Void> removed() {
    return server.removed();
  }

  /**
   * Completes with the cause once the member could not write its data dir (or its raft loop
   * broke); it stops itself then. See {@link EtcdServer#failed()}.
   */
  public CompletableFuture<Throwable> failed() {
    return server.failed();
  }

  /** The running server (for tests that look inside). */
  public EtcdServer server() {
    return server;
  }

  /** Stops serving: listeners first, then the apply thread. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    LOG.info("stopping member {}", server.idHex());
    closeQuietly(server, clients);
  }

  private static void closeQuietly(EtcdServer server, ClientServer clients) {
    if (clients != null) {
      clients.close();
    }
    server.close();
  }

  private static String withPort(URI u, int port) {
    return u.getScheme() + "://" + u.getHost() + ":" + port;
  }
}

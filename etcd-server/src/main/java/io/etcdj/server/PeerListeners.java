package io.etcdj.server;

import io.etcdj.server.http.EventLoops;
import io.etcdj.server.http.peer.PeerInitializer;
import io.etcdj.server.http.peer.PeerServer;
import io.etcdj.server.tls.PeerTls;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ports of {@code --listen-peer-urls} and the threads behind them, set up first at start, as
 * etcd does: a port in use stops the start before the data dir is touched, with Go's words for it
 * ({@link EventLoops#bind}). The ports accept nothing until {@link #serve}, once the member knows
 * its IDs and its raft loop runs ({@link PeerNetwork}).
 *
 * <p>Thread-safety: bound and served by the starting thread; {@link #close} from any thread.
 */
final class PeerListeners implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("etcdmain");

  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final PeerTls tls;
  private final PeerServer server;

  private PeerListeners(EventLoopGroup boss, EventLoopGroup workers, PeerTls tls) {
    this.boss = boss;
    this.workers = workers;
    this.tls = tls;
    this.server = new PeerServer(boss, workers, tls.server());
  }

  /**
   * Binds every peer URL, with TLS on the {@code https} ones only (FLG-042).
   *
   * @throws IllegalStateException if a port cannot be bound (nothing stays bound then)
   */
  static PeerListeners bind(ServerConfig config) {
    List<URI> urls = config.listenPeerUrls();
    PeerTls tls = PeerTls.of(config.peerTls(), urls);
    boolean certFiles = !config.peerTls().empty();
    // The raft loop runs on the peer connections' one thread too (RaftLoop): messages read from
    // peers are stepped, and raft's messages written, without a hand-off between threads.
    PeerListeners listeners =
        new PeerListeners(EventLoops.group(1), EventLoops.single("etcd-raft"), tls);
    try {
      for (URI u : urls) {
        if ("http".equals(u.getScheme()) && certFiles) {
          // etcd's warning, word for word: it serves such a URL without TLS too.
          LOG.warn(
              "The scheme of peer url {} is HTTP while peer key/cert files are presented."
                  + " Ignored peer key/cert files.",
              u);
        }
        listeners.server.listen(u.getScheme(), u.getHost(), u.getPort());
        LOG.info("listening for peers on {}", u);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      listeners.close();
      throw new IllegalStateException("interrupted while binding the peer URLs", e);
    } catch (RuntimeException e) {
      listeners.close();
      throw e;
    }
    return listeners;
  }

  /** The peer connections' thread (the raft loop runs on it). */
  EventLoopGroup workers() {
    return workers;
  }

  PeerTls tls() {
    return tls;
  }

  /** Accepts peers from now on, their connections built by {@code initializer}. */
  void serve(PeerInitializer initializer) {
    server.serve(initializer);
  }

  /** Stops accepting; established connections stay until {@link #close}. */
  void stopListening() {
    server.close();
  }

  /** Stops listening, then the threads (and with them every connection on them). */
  @Override
  public void close() {
    server.close();
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}

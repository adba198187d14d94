package io.etcdj.server.tls;

import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.util.List;

/**
 * TLS on the peer port (SPEC FLG-042): the server context of the listener when {@code
 * --listen-peer-urls} are {@code https}, and the client context our connections to {@code https}
 * peer URLs use (streams, pipeline, probes). A member on plain {@code http} has {@link #none()}: no
 * context is ever built and no handler is added.
 *
 * <p>Thread-safety: thread-safe; the client context is built once, on the first {@code https} dial,
 * under this object's monitor.
 */
public final class PeerTls {
  private static final PeerTls NONE = new PeerTls(null, TlsInfo.none());

  private final SslContext server;
  private final TlsInfo info;
  private SslContext client;

  private PeerTls(SslContext server, TlsInfo info) {
    this.server = server;
    this.info = info;
  }

  /** Plain http both ways. */
  public static PeerTls none() {
    return NONE;
  }

  /**
   * The peer TLS of a member listening on {@code listenUrls} with {@code info}.
   *
   * @throws TlsSetupException if a listen URL is {@code https} and {@code info} has no certificate
   *     and key (etcd 2.3's message), or a file is unusable
   */
  public static PeerTls of(TlsInfo info, List<URI> listenUrls) {
    HttpsListeners.checkPeerUrls(info, listenUrls);
    boolean https = listenUrls.stream().anyMatch(u -> "https".equals(u.getScheme()));
    if (!https && info.empty() && info.trustedCaFile().isEmpty() && info.caFile().isEmpty()) {
      return NONE;
    }
    return new PeerTls(https ? TlsContexts.server(info) : null, info);
  }

  /** The listener's context, or null when the peer listeners speak plain http. */
  public SslContext server() {
    return server;
  }

  /** The context for dialling {@code https} peers, built on first use. */
  public synchronized SslContext client() {
    if (client == null) {
      client = TlsContexts.client(info);
    }
    return client;
  }
}

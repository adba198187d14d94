package io.etcdj.server.tls;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

/**
 * etcd 2.3's refusals of an {@code https} listen URL with no certificate and key to serve it with
 * (SPEC FLG-010). The member exits 1 with the message; the peer URLs are checked first, as etcd
 * opens its peer listeners before its client listeners.
 *
 * <p>Thread-safety: stateless.
 */
public final class HttpsListeners {
  private HttpsListeners() {}

  /**
   * {@code TLS key/cert (--cert-file, --key-file) must be provided for client url <url> with HTTPs
   * scheme} (sic: 2.3's capitalisation; 3.4 writes HTTPS).
   */
  public static void checkClientUrls(TlsInfo tls, List<URI> listenUrls) {
    for (URI u : listenUrls) {
      if ("https".equals(u.getScheme()) && tls.empty()) {
        throw new TlsSetupException(
            "TLS key/cert (--cert-file, --key-file) must be provided for client url "
                + u
                + " with HTTPs scheme");
      }
    }
  }

  /**
   * {@code cannot listen on TLS for <ip:port>: KeyFile and CertFile are not presented}, the address
   * as Go prints the bound listener's.
   */
  public static void checkPeerUrls(TlsInfo tls, List<URI> listenUrls) {
    for (URI u : listenUrls) {
      if ("https".equals(u.getScheme()) && tls.empty()) {
        throw new TlsSetupException(
            "cannot listen on TLS for " + address(u) + ": KeyFile and CertFile are not presented");
      }
    }
  }

  private static String address(URI u) {
    String host = u.getHost();
    try {
      host = InetAddress.getByName(host).getHostAddress();
    } catch (UnknownHostException e) {
      // printed as given
    }
    return host + ":" + u.getPort();
  }
}

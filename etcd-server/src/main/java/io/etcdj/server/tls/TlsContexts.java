package io.etcdj.server.tls;

import io.etcdj.tls.KeyMaterial;
import io.etcdj.tls.TlsFileException;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Turns a {@link TlsInfo} into what the JDK and Netty use (the PEM reading and the key and trust
 * managers are etcd-tls's {@link KeyMaterial}, shared with etcdctl): a server context for the
 * client and peer listeners, a Netty client context for our peer connections, and a JDK {@link
 * SSLContext} for the {@code java.net.http} clients of the proxy. Everything runs on the JDK's own
 * TLS provider (no native library).
 *
 * <p>As etcd does (its {@code TLSInfo.ServerConfig} and {@code ClientConfig}): a server asks for
 * and verifies a client certificate only when {@link TlsInfo#requiresClientCert()}; a client
 * presents its certificate when it has one, trusts the CA files when given and the system's CAs
 * otherwise, and checks that the server's certificate names the host it dialled.
 *
 * <p>Thread-safety: stateless; the contexts it builds are thread-safe.
 */
public final class TlsContexts {
  private TlsContexts() {}

  /**
   * The context of a TLS listener.
   *
   * @throws TlsSetupException if {@code info} has no certificate or key, or a file is unusable
   */
  public static SslContext server(TlsInfo info) {
    try {
      SslContextBuilder b =
          SslContextBuilder.forServer(keyManagers(info)).sslProvider(SslProvider.JDK);
      if (info.requiresClientCert()) {
        b.clientAuth(ClientAuth.REQUIRE).trustManager(trustManagers(info));
      }
      return b.build();
    } catch (SSLException e) {
      throw new TlsSetupException("cannot set up TLS (" + info + "): " + e.getMessage(), e);
    }
  }

  /** The context of our outgoing TLS connections (peers); {@code info} may be empty. */
  public static SslContext client(TlsInfo info) {
    try {
      SslContextBuilder b =
          SslContextBuilder.forClient()
              .sslProvider(SslProvider.JDK)
              .trustManager(trustManagers(info));
      if (!info.empty()) {
        b.keyManager(keyManagers(info));
      }
      return b.build();
    } catch (SSLException e) {
      throw new TlsSetupException("cannot set up TLS (" + info + "): " + e.getMessage(), e);
    }
  }

  /** The same as {@link #client} for {@code java.net.http.HttpClient}, which verifies hosts. */
  public static SSLContext jdkClient(TlsInfo info) {
    try {
      return KeyMaterial.sslContext(info.empty() ? null : keyManagers(info), trustManagers(info));
    } catch (TlsFileException e) {
      throw new TlsSetupException("cannot set up TLS (" + info + "): " + e.getMessage(), e);
    }
  }

  /**
   * A handler that opens TLS to {@code url}'s host, checking that the host is named in the server's
   * certificate (Go's {@code tls.Config.ServerName} from the URL, as etcd dials).
   */
  public static SslHandler clientHandler(SslContext ctx, ByteBufAllocator alloc, URI url) {
    int port = url.getPort() == -1 ? 443 : url.getPort();
    SslHandler h = ctx.newHandler(alloc, url.getHost(), port);
    SSLEngine engine = h.engine();
    SSLParameters p = engine.getSSLParameters();
    p.setEndpointIdentificationAlgorithm("HTTPS");
    engine.setSSLParameters(p);
    return h;
  }

  /**
   * The CAs a listener with {@code info} verifies client certificates against, as trust anchors:
   * the CA files' certificates, or the system's CAs when none is named.
   */
  public static Set<TrustAnchor> clientCertificateAnchors(TlsInfo info) {
    Set<TrustAnchor> anchors = new HashSet<>();
    for (TrustManager tm : trustManagers(info).getTrustManagers()) {
      if (tm instanceof X509TrustManager x509) {
        for (X509Certificate ca : x509.getAcceptedIssuers()) {
          anchors.add(new TrustAnchor(ca, null));
        }
      }
    }
    return anchors;
  }

  private static KeyManagerFactory keyManagers(TlsInfo info) {
    if (info.certFile().isEmpty() || info.keyFile().isEmpty()) {
      throw new TlsSetupException("both a certificate and a key file are needed (" + info + ")");
    }
    try {
      return KeyMaterial.keyManagers(Path.of(info.certFile()), Path.of(info.keyFile()));
    } catch (TlsFileException e) {
      throw new TlsSetupException(e.getMessage(), e);
    }
  }

  /** The CA files' certificates, or the system's CAs when no CA file is named. */
  private static TrustManagerFactory trustManagers(TlsInfo info) {
    List<Path> cas = new ArrayList<>();
    for (String file : List.of(info.caFile(), info.trustedCaFile())) {
      if (!file.isEmpty()) {
        cas.add(Path.of(file));
      }
    }
    try {
      return KeyMaterial.trustManagers(cas);
    } catch (TlsFileException e) {
      throw new TlsSetupException(e.getMessage(), e);
    }
  }
}

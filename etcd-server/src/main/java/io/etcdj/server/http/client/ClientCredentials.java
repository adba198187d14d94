package io.etcdj.server.http.client;

import io.etcdj.server.auth.Credentials;
import io.etcdj.server.tls.TlsContexts;
import io.etcdj.server.tls.TlsInfo;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.ssl.SslHandler;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Reads a request's {@link Credentials} (SPEC OTH-078, FLG-043): the {@code Authorization} header,
 * and with {@code --client-cert-auth} the common names of the client's verified certificate chain
 * (only when the header is absent: etcd looks at nothing else then).
 *
 * <p>Verified, not sent: etcd reads Go's {@code VerifiedChains}, the leaf, the intermediates that
 * link it to a trusted CA and that CA, in that order. The chain a client sends may carry any other
 * certificate besides (the handshake ignores what does not link up), and its common name must not
 * name a user: appending a self-made {@code CN=root} certificate gave root access. The path is
 * built again here from the sent certificates to the listener's CAs, once per TLS session.
 *
 * <p>Thread-safety: thread-safe; the trust anchors are read once, on first use.
 */
final class ClientCredentials {
  /** Where a TLS session keeps its chain's names once they are known. */
  private static final String VERIFIED_NAMES = "io.etcdj.verified-chain-common-names";

  /** The client TLS settings when certificates name users, else null. */
  private final TlsInfo certAuth;

  private volatile Set<TrustAnchor> anchors;

  ClientCredentials(TlsInfo clientTls) {
    this.certAuth = clientTls.clientCertAuth() ? clientTls : null;
  }

  Credentials of(ChannelHandlerContext ctx, FullHttpRequest request) {
    String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
    if (certAuth == null || (authorization != null && !authorization.isEmpty())) {
      return new Credentials(authorization, null);
    }
    SslHandler tls = ctx.pipeline().get(SslHandler.class);
    return new Credentials(
        authorization, tls == null ? List.of() : verifiedNames(tls.engine().getSession()));
  }

  /** Common names of the session's verified chain, leaf first; empty without a certificate. */
  @SuppressWarnings("unchecked")
  private List<String> verifiedNames(SSLSession session) {
    if (session.getValue(VERIFIED_NAMES) instanceof List<?> known) {
      return (List<String>) known;
    }
    List<String> names = List.copyOf(commonNames(verifiedChain(session)));
    session.putValue(VERIFIED_NAMES, names);
    return names;
  }

  /** The sent leaf's path to a trusted CA, that CA last; empty if there is none. */
  private List<X509Certificate> verifiedChain(SSLSession session) {
    List<X509Certificate> sent = new ArrayList<>();
    try {
      for (Certificate c : session.getPeerCertificates()) {
        if (c instanceof X509Certificate x509) {
          sent.add(x509);
        }
      }
    } catch (SSLPeerUnverifiedException e) {
      return List.of();
    }
    if (sent.isEmpty()) {
      return List.of();
    }
    try {
      X509CertSelector leaf = new X509CertSelector();
      leaf.setCertificate(sent.get(0));
      PKIXBuilderParameters params = new PKIXBuilderParameters(anchors(), leaf);
      params.setRevocationEnabled(false); // the handshake did not check revocation either
      params.addCertStore(
          CertStore.getInstance("Collection", new CollectionCertStoreParameters(sent)));
      PKIXCertPathBuilderResult path =
          (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(params);
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate c : path.getCertPath().getCertificates()) {
        chain.add((X509Certificate) c);
      }
      X509Certificate root = path.getTrustAnchor().getTrustedCert();
      if (root != null && !chain.contains(root)) {
        chain.add(root);
      }
      return chain;
    } catch (GeneralSecurityException e) {
      return List.of(); // no path to a trusted CA: no one (the handshake should have refused it)
    }
  }

  private Set<TrustAnchor> anchors() {
    Set<TrustAnchor> a = anchors;
    if (a == null) {
      a = TlsContexts.clientCertificateAnchors(certAuth);
      anchors = a;
    }
    return a;
  }

  private static List<String> commonNames(List<X509Certificate> chain) {
    List<String> names = new ArrayList<>();
    for (X509Certificate c : chain) {
      String cn = commonName(c);
      if (cn != null) {
        names.add(cn);
      }
    }
    return names;
  }

  /** Go's {@code Subject.CommonName}: the last CN attribute of the subject's RDN sequence. */
  private static String commonName(X509Certificate c) {
    String cn = null;
    try {
      // LdapName lists RDNs in ASN.1 order (the reverse of the string form).
      for (Rdn rdn : new LdapName(c.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          cn = String.valueOf(rdn.getValue());
        }
      }
    } catch (InvalidNameException e) {
      return null;
    }
    return cn;
  }
}

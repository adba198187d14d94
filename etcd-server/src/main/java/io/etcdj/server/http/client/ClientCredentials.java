package io.etcdj.server.http.client;

import io.etcdj.server.auth.Credentials;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Reads a request's {@link Credentials} (SPEC OTH-078, FLG-043): the {@code Authorization} header,
 * and with {@code --client-cert-auth} the common names of the client's certificate chain from the
 * connection's TLS session (only when the header is absent: etcd looks at nothing else then).
 *
 * <p>Thread-safety: stateless; called on the channel's event loop.
 */
final class ClientCredentials {
  private ClientCredentials() {}

  static Credentials of(ChannelHandlerContext ctx, FullHttpRequest request, boolean certAuth) {
    String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
    if (!certAuth || (authorization != null && !authorization.isEmpty())) {
      return new Credentials(authorization, null);
    }
    return new Credentials(authorization, certificateNames(ctx));
  }

  /** Common names of the peer's chain, leaf first; empty without TLS or a client certificate. */
  private static List<String> certificateNames(ChannelHandlerContext ctx) {
    List<String> names = new ArrayList<>();
    SslHandler tls = ctx.pipeline().get(SslHandler.class);
    if (tls == null) {
      return names;
    }
    Certificate[] chain;
    try {
      chain = tls.engine().getSession().getPeerCertificates();
    } catch (SSLPeerUnverifiedException e) {
      return names;
    }
    for (Certificate c : chain) {
      if (c instanceof X509Certificate x509) {
        String cn = commonName(x509);
        if (cn != null) {
          names.add(cn);
        }
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

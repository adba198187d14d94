package io.etcdj.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Turns PEM files into what the JDK's TLS wants: key managers from a certificate chain and its key,
 * trust managers from CA bundles, and a plain {@link SSLContext} from both. The member (for its
 * listeners, peer dials and proxy) and etcdctl (for its requests) build all their TLS from here, so
 * both read the same PEM forms (see {@link PemFiles}).
 *
 * <p>As Go's {@code crypto/tls} does for etcd: no CA file means the system's CAs are trusted.
 *
 * <p>Thread-safety: stateless; the factories and contexts it builds are thread-safe once built.
 */
public final class KeyMaterial {
  private static final char[] NO_PASSWORD = new char[0];

  private KeyMaterial() {}

  /**
   * Key managers presenting the chain in {@code certFile} (leaf first) with the key in {@code
   * keyFile}.
   *
   * @throws TlsFileException if a file is unusable or the JDK refuses the pair
   */
  public static KeyManagerFactory keyManagers(Path certFile, Path keyFile) {
    List<X509Certificate> chain = PemFiles.certificates(certFile);
    PrivateKey key = PemFiles.privateKey(keyFile);
    try {
      KeyStore store = emptyStore();
      store.setKeyEntry("key", key, NO_PASSWORD, chain.toArray(new X509Certificate[0]));
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, NO_PASSWORD);
      return kmf;
    } catch (GeneralSecurityException e) {
      throw new TlsFileException(certFile + ", " + keyFile + ": " + e.getMessage(), e);
    }
  }

  /**
   * Trust managers for every certificate in {@code caFiles}, or for the system's CAs when the list
   * is empty.
   *
   * @throws TlsFileException if a file is unusable
   */
  public static TrustManagerFactory trustManagers(List<Path> caFiles) {
    List<X509Certificate> cas = new ArrayList<>();
    for (Path file : caFiles) {
      cas.addAll(PemFiles.certificates(file));
    }
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (cas.isEmpty()) {
        tmf.init((KeyStore) null);
      } else {
        KeyStore store = emptyStore();
        for (int i = 0; i < cas.size(); i++) {
          store.setCertificateEntry("ca-" + i, cas.get(i));
        }
        tmf.init(store);
      }
      return tmf;
    } catch (GeneralSecurityException e) {
      throw new TlsFileException("cannot trust " + caFiles + ": " + e.getMessage(), e);
    }
  }

  /**
   * A TLS context presenting {@code keys} (none when null) and trusting {@code trust}; for {@code
   * java.net.http.HttpClient}, which checks the server's host name itself, and for the JDK's HTTPS
   * server.
   */
  public static SSLContext sslContext(KeyManagerFactory keys, TrustManagerFactory trust) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new TlsFileException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static KeyStore emptyStore() throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    return store;
  }
}

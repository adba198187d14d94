package io.etcdj.ctl.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds an {@link SSLContext} from the PEM files etcdctl accepts ({@code --ca-file}, {@code
 * --cert-file}, {@code --key-file}). Keys must be PKCS#8 ({@code BEGIN PRIVATE KEY}), RSA or EC.
 *
 * <p>Stateless; thread-safe.
 */
final class TlsContexts {
  private TlsContexts() {}

  static SSLContext fromPemFiles(ClientConfig.TlsFiles files) throws EtcdClientException {
    try {
      TrustManagerFactory tmf = null;
      if (present(files.caFile())) {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        int i = 0;
        for (Certificate c : readCertificates(files.caFile())) {
          trust.setCertificateEntry("ca" + i++, c);
        }
        tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
      }
      KeyManagerFactory kmf = null;
      if (present(files.certFile()) && present(files.keyFile())) {
        KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
        keys.load(null, null);
        Collection<Certificate> chain = readCertificates(files.certFile());
        keys.setKeyEntry(
            "client",
            readPrivateKey(files.keyFile()),
            new char[0],
            chain.toArray(new Certificate[0]));
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(
          kmf == null ? null : kmf.getKeyManagers(),
          tmf == null ? null : tmf.getTrustManagers(),
          null);
      return ctx;
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new ApiError(String.valueOf(e.getMessage()));
    }
  }

  private static boolean present(String s) {
    return s != null && !s.isEmpty();
  }

  private static Collection<Certificate> readCertificates(String file)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      List<Certificate> out =
          new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
      return out;
    }
  }

  private static PrivateKey readPrivateKey(String file)
      throws IOException, GeneralSecurityException {
    String pem = Files.readString(Path.of(file));
    int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = pem.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < 0) {
      throw new GeneralSecurityException(
          "tls: " + file + ": only PKCS#8 private keys (BEGIN PRIVATE KEY) are supported");
    }
    String base64 =
        pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end).replaceAll("\\s", "");
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(spec);
    } catch (GeneralSecurityException notRsa) {
      return KeyFactory.getInstance("EC").generatePrivate(spec);
    }
  }
}

package io.etcdj.ctl.client;

import io.etcdj.tls.KeyMaterial;
import io.etcdj.tls.TlsFileException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Everything the etcd client needs, resolved from flags and environment by the command line
 * (CTL-001..004).
 *
 * @param endpoints client URLs to try, in order
 * @param headerTimeout per-request limit until the response arrives ({@code --timeout})
 * @param dialTimeout connection set-up limit
 * @param username user for HTTP Basic auth, or null
 * @param password password for HTTP Basic auth, or null
 * @param tls certificate files for https endpoints
 * @param debug where {@code --debug} prints each request as a curl command, or null
 */
public record ClientConfig(
    List<URI> endpoints,
    Duration headerTimeout,
    Duration dialTimeout,
    String username,
    String password,
    TlsFiles tls,
    PrintStream debug) {

  public ClientConfig {
    endpoints = List.copyOf(endpoints);
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("no endpoints");
    }
  }

  /** PEM files for TLS: a CA bundle to trust, a client certificate and its key; any may be null. */
  public record TlsFiles(String caFile, String certFile, String keyFile) {
    public boolean isEmpty() {
      return isBlank(caFile) && isBlank(certFile) && isBlank(keyFile);
    }

    /**
     * The TLS context of every request etcdctl makes (CTL-001): it trusts the CA bundle, or the
     * system's CAs when there is none, and presents the certificate when both it and its key are
     * named. Keys may be PKCS#8, PKCS#1 RSA or SEC1 EC, as for etcdctl and etcd (etcd-tls reads
     * them for both).
     *
     * @throws ApiError with the file's problem when a file is unusable
     */
    public SSLContext sslContext() throws EtcdClientException {
      try {
        KeyManagerFactory keys =
            isBlank(certFile) || isBlank(keyFile)
                ? null
                : KeyMaterial.keyManagers(Path.of(certFile), Path.of(keyFile));
        List<Path> cas = isBlank(caFile) ? List.of() : List.of(Path.of(caFile));
        return KeyMaterial.sslContext(keys, KeyMaterial.trustManagers(cas));
      } catch (TlsFileException e) {
        throw new ApiError(e.getMessage());
      }
    }

    private static boolean isBlank(String s) {
      return s == null || s.isEmpty();
    }
  }
}

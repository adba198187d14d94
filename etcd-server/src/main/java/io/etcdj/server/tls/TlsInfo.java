package io.etcdj.server.tls;

/**
 * One side's TLS flags as etcd 2.3 groups them (SPEC FLG-041 for clients, FLG-042 for peers): the
 * files are only named here; {@link TlsContexts} reads them when a listener or a dial needs them.
 *
 * <p>Thread-safety: immutable.
 *
 * @param certFile {@code --cert-file} / {@code --peer-cert-file}: this side's certificate chain
 * @param keyFile {@code --key-file} / {@code --peer-key-file}: its private key
 * @param caFile deprecated {@code --ca-file} / {@code --peer-ca-file}: trusted CAs that also turn
 *     client certificate verification on (etcd 2.3)
 * @param trustedCaFile {@code --trusted-ca-file} / {@code --peer-trusted-ca-file}: CAs trusted to
 *     sign the other side's certificate; empty means the system's CAs
 * @param clientCertAuth {@code --client-cert-auth} / {@code --peer-client-cert-auth}
 */
public record TlsInfo(
    String certFile, String keyFile, String caFile, String trustedCaFile, boolean clientCertAuth) {

  private static final TlsInfo NONE = new TlsInfo("", "", "", "", false);

  public TlsInfo {
    if (certFile == null || keyFile == null || caFile == null || trustedCaFile == null) {
      throw new IllegalArgumentException("TLS file names must not be null (use \"\")");
    }
  }

  /** No TLS flags at all. */
  public static TlsInfo none() {
    return NONE;
  }

  /**
   * No certificate and no key: this side cannot serve TLS. (etcd's test: a CA file alone does not
   * make a listener able to serve https.)
   */
  public boolean empty() {
    return certFile.isEmpty() && keyFile.isEmpty();
  }

  /**
   * Whether a connecting client must present a certificate signed by a trusted CA: {@code
   * --client-cert-auth}, or a deprecated {@code --ca-file} (FLG-041).
   */
  public boolean requiresClientCert() {
    return clientCertAuth || !caFile.isEmpty();
  }

  /** As etcd 2.3 logs it at start ("clientTLS: ...", "peerTLS: ..."). */
  @Override
  public String toString() {
    return "cert = "
        + certFile
        + ", key = "
        + keyFile
        + ", ca = "
        + caFile
        + ", trusted-ca = "
        + trustedCaFile
        + ", client-cert-auth = "
        + clientCertAuth;
  }
}

package io.etcdj.server.auth;

import java.util.List;

/**
 * What a request offers to identify its user (SPEC OTH-078): its {@code Authorization} header, and
 * with {@code --client-cert-auth} the common names of its TLS client certificate chain.
 *
 * <p>Thread-safety: immutable.
 *
 * @param authorization the header's value, or null when absent
 * @param certificateNames null unless {@code --client-cert-auth} is on; then the common names of
 *     the client's certificates, leaf first (empty on a plain {@code http} connection)
 */
public record Credentials(String authorization, List<String> certificateNames) {
  public Credentials {
    certificateNames = certificateNames == null ? null : List.copyOf(certificateNames);
  }

  /** etcd looks at the header with Go's {@code Header.Get}: absent and empty are the same. */
  boolean hasAuthorization() {
    return authorization != null && !authorization.isEmpty();
  }
}

package io.etcdj.ctl.client;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;

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

    private static boolean isBlank(String s) {
      return s == null || s.isEmpty();
    }
  }
}

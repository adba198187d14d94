package io.etcdj.server.tls;

import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The key material under {@code src/test/resources/tls} (made once with openssl, see the README
 * there) and JDK HTTP clients that use it, as {@code curl --cacert ... [--cert ... --key ...]}
 * would.
 *
 * <p>Thread-safety: stateless.
 */
final class TestCerts {
  private TestCerts() {}

  /** A file of the test material, e.g. {@code ca.pem}. */
  static String file(String name) {
    try {
      return Path.of(TestCerts.class.getResource("/tls/" + name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Certificate, key and CA for a member: {@code member} (PKCS#8), {@code member-rsa}, ... */
  static TlsInfo member(String name, boolean clientCertAuth) {
    return new TlsInfo(
        file(name + ".pem"), file(name + "-key.pem"), "", file("ca.pem"), clientCertAuth);
  }

  /** Trusts the test CA and presents no certificate. */
  static HttpClient anonymousClient() {
    return client(new TlsInfo("", "", "", file("ca.pem"), false));
  }

  /**
   * Trusts the test CA and presents {@code name}'s certificate ({@code client}, {@code stranger}).
   */
  static HttpClient clientWithCert(String name) {
    return client(
        new TlsInfo(file(name + ".pem"), file(name + "-key.pem"), "", file("ca.pem"), false));
  }

  private static HttpClient client(TlsInfo tls) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .sslContext(TlsContexts.jdkClient(tls))
        .build();
  }
}

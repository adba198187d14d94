package io.etcdj.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

  /** A GET through {@code client}, as curl would send it. */
  static HttpResponse<String> get(HttpClient client, String url)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * FLG-041/042 with client certificate auth: {@code url} refuses a client without a certificate
   * and one signed by another CA at the handshake, and answers one signed by the trusted CA.
   */
  static void assertOnlyTrustedClientCertificatesAccepted(String url) throws Exception {
    assertThatThrownBy(() -> get(anonymousClient(), url)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> get(clientWithCert("stranger"), url)).isInstanceOf(IOException.class);
    assertThat(get(clientWithCert("client"), url).statusCode()).isEqualTo(200);
  }
}

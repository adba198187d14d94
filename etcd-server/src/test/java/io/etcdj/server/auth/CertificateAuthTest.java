package io.etcdj.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.server.EmbeddedEtcd;
import io.etcdj.server.LoopbackMember;
import io.etcdj.server.tls.TlsContexts;
import io.etcdj.server.tls.TlsInfo;
import io.etcdj.tls.PemFiles;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code --client-cert-auth}, a request without an Authorization header is the user named by
 * its client certificate's common name (SPEC OTH-078, FLG-043). The test certificate {@code
 * client.pem} has CN {@code client}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CertificateAuthTest {
  @TempDir Path dir;

  private static String file(String name) {
    try {
      return Path.of(CertificateAuthTest.class.getResource("/tls/" + name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpClient clientWithCert() {
    TlsInfo tls =
        new TlsInfo(file("client.pem"), file("client-key.pem"), "", file("ca.pem"), false);
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .sslContext(TlsContexts.jdkClient(tls))
        .build();
  }

  private static int send(
      HttpClient http, EmbeddedEtcd m, String method, String path, String user, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(m.clientUrl() + path));
    if (user != null) {
      b.header("Authorization", AuthApiTest.basic(user));
    }
    String type =
        path.startsWith("/v2/keys") ? "application/x-www-form-urlencoded" : "application/json";
    b.header("Content-Type", type)
        .method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  /** A member on https whose clients must present a certificate of the test CA. */
  private EmbeddedEtcd startWithCertAuth() {
    return LoopbackMember.start(
        "certs",
        dir.resolve("data"),
        "--listen-client-urls",
        "https://127.0.0.1:0",
        "--advertise-client-urls",
        "https://127.0.0.1:0",
        "--cert-file",
        file("member.pem"),
        "--key-file",
        file("member-key.pem"),
        "--client-cert-auth",
        "--trusted-ca-file",
        file("ca.pem"));
  }

  @Test
  void theCertificateCommonNameNamesTheUser() throws Exception {
    try (EmbeddedEtcd m = startWithCertAuth()) {
      HttpClient http = clientWithCert();
      assertThat(
              send(
                  http,
                  m,
                  "PUT",
                  "/v2/auth/users/root",
                  null,
                  "{\"user\":\"root\",\"password\":\"rootpw\"}"))
          .isEqualTo(201);
      assertThat(
              send(
                  http,
                  m,
                  "PUT",
                  "/v2/auth/roles/c",
                  null,
                  "{\"role\":\"c\",\"permissions\":{\"kv\":{\"read\":[\"/c/*\"],"
                      + "\"write\":[\"/c/*\"]}}}"))
          .isEqualTo(201);
      assertThat(
              send(
                  http,
                  m,
                  "PUT",
                  "/v2/auth/users/client",
                  null,
                  "{\"user\":\"client\",\"password\":\"unused\",\"roles\":[\"c\"]}"))
          .isEqualTo(200);
      assertThat(send(http, m, "PUT", "/v2/auth/enable", null, null)).isEqualTo(200);
      assertThat(
              send(
                  http,
                  m,
                  "PUT",
                  "/v2/auth/roles/guest",
                  "root:rootpw",
                  "{\"role\":\"guest\",\"revoke\":{\"kv\":{\"read\":[\"/*\"],\"write\":[\"/*\"]}}}"))
          .isEqualTo(200);

      // No header: the certificate's CN "client" is the user, with role c's permissions.
      assertThat(send(http, m, "PUT", "/v2/keys/c/x", null, "value=1")).isEqualTo(201);
      assertThat(send(http, m, "PUT", "/v2/keys/other", null, "value=1")).isEqualTo(401);
      // OTH-077: client is not root.
      assertThat(send(http, m, "GET", "/v2/auth/users", null, null)).isEqualTo(401);
      // A header always wins over the certificate: wrong credentials are denied.
      assertThat(send(http, m, "PUT", "/v2/keys/c/x", "client:wrong", "value=1")).isEqualTo(401);
      assertThat(send(http, m, "GET", "/v2/auth/users", "root:rootpw", null)).isEqualTo(200);

      // With role root the certificate alone may use the auth API.
      assertThat(
              send(
                  http,
                  m,
                  "PUT",
                  "/v2/auth/users/client",
                  "root:rootpw",
                  "{\"user\":\"client\",\"grant\":[\"root\"]}"))
          .isEqualTo(200);
      assertThat(send(http, m, "GET", "/v2/auth/users", null, null)).isEqualTo(200);
    }
  }

  /**
   * OTH-078: only certificates of the chain the handshake verified name users, as etcd reads Go's
   * VerifiedChains. A client that appends another certificate (here one of a CA the member does not
   * trust, CN {@code stranger}) to its own gains nothing by it: {@code stranger} is root, yet the
   * request is the unknown user {@code client}'s.
   */
  @Test
  void aCertificateOutsideTheVerifiedChainNamesNoOne() throws Exception {
    try (EmbeddedEtcd m = startWithCertAuth()) {
      HttpClient admin = clientWithCert();
      String rootUser = "{\"user\":\"root\",\"password\":\"rootpw\"}";
      assertThat(send(admin, m, "PUT", "/v2/auth/users/root", null, rootUser)).isEqualTo(201);
      String stranger = "{\"user\":\"stranger\",\"password\":\"pw\",\"roles\":[\"root\"]}";
      assertThat(send(admin, m, "PUT", "/v2/auth/users/stranger", null, stranger))
          .isEqualTo(200); // etcd answers 200 to a new user with roles
      assertThat(send(admin, m, "PUT", "/v2/auth/enable", null, null)).isEqualTo(200);
      assertThat(send(admin, m, "GET", "/v2/auth/users", "stranger:pw", null)).isEqualTo(200);

      HttpClient appended = clientPresenting(file("client.pem"), file("stranger.pem"));
      assertThat(send(appended, m, "GET", "/v2/auth/users", null, null)).isEqualTo(401);
    }
  }

  /**
   * A client whose handshake sends the certificates of {@code pemFiles} as its chain, in that
   * order, signing with client.pem's key: what a Go or OpenSSL client sends from a file holding
   * several certificates (a Java key store refuses to hold a chain that does not link up).
   */
  private static HttpClient clientPresenting(String... pemFiles) throws Exception {
    java.util.List<X509Certificate> chain = new java.util.ArrayList<>();
    for (String f : pemFiles) {
      chain.addAll(PemFiles.certificates(Path.of(f)));
    }
    PrivateKey key = PemFiles.privateKey(Path.of(file("client-key.pem")));
    X509ExtendedKeyManager keys =
        new X509ExtendedKeyManager() {
          @Override
          public String chooseClientAlias(String[] types, Principal[] issuers, Socket s) {
            return "client";
          }

          @Override
          public String chooseEngineClientAlias(
              String[] types, Principal[] issuers, SSLEngine engine) {
            return "client";
          }

          @Override
          public X509Certificate[] getCertificateChain(String alias) {
            return chain.toArray(new X509Certificate[0]);
          }

          @Override
          public PrivateKey getPrivateKey(String alias) {
            return key;
          }

          @Override
          public String[] getClientAliases(String type, Principal[] issuers) {
            return new String[] {"client"};
          }

          @Override
          public String[] getServerAliases(String type, Principal[] issuers) {
            return null;
          }

          @Override
          public String chooseServerAlias(String type, Principal[] issuers, Socket s) {
            return null;
          }
        };
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
    anchors.load(null, null);
    anchors.setCertificateEntry("ca", PemFiles.certificates(Path.of(file("ca.pem"))).get(0));
    trust.init(anchors);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(new KeyManager[] {keys}, trust.getTrustManagers(), null);
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .sslContext(tls)
        .build();
  }
}

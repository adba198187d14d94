package io.etcdj.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Contexts built from PEM files complete real handshakes on 127.0.0.1, with every key form etcd and
 * etcdctl accept (FLG-041, CTL-001), including a client certificate the server requires.
 */
class KeyMaterialTest {

  @ParameterizedTest
  @ValueSource(strings = {"member", "member-rsa", "member-ec"})
  void aServerWithEachKeyFormAnswersAClientThatTrustsTheCa(String member) throws Exception {
    SSLContext serverCtx =
        KeyMaterial.sslContext(
            KeyMaterial.keyManagers(
                TestPem.file(member + ".pem"), TestPem.file(member + "-key.pem")),
            KeyMaterial.trustManagers(List.of(TestPem.file("ca.pem"))));
    SSLContext clientCtx =
        KeyMaterial.sslContext(
            KeyMaterial.keyManagers(TestPem.file("client.pem"), TestPem.file("client-key.pem")),
            KeyMaterial.trustManagers(List.of(TestPem.file("ca.pem"))));

    assertThat(get(serverCtx, clientCtx, true)).isEqualTo("hello over tls");
  }

  @Test
  void withoutACaFileOnlyTheSystemCasAreTrusted() throws Exception {
    SSLContext serverCtx =
        KeyMaterial.sslContext(
            KeyMaterial.keyManagers(TestPem.file("member.pem"), TestPem.file("member-key.pem")),
            KeyMaterial.trustManagers(List.of(TestPem.file("ca.pem"))));
    SSLContext clientCtx = KeyMaterial.sslContext(null, KeyMaterial.trustManagers(List.of()));

    assertThatThrownBy(() -> get(serverCtx, clientCtx, false))
        .isInstanceOf(SSLHandshakeException.class)
        .hasMessageContaining("PKIX path building failed");
  }

  @Test
  void aMissingCaFileIsNamedAsGoNamesIt(@TempDir Path dir) {
    Path missing = dir.resolve("ca.pem");

    assertThatThrownBy(() -> KeyMaterial.trustManagers(List.of(missing)))
        .isInstanceOf(TlsFileException.class)
        .hasMessage("open " + missing + ": no such file or directory");
  }

  /**
   * GET over https from a JDK HTTPS server using {@code serverCtx} with a client using {@code
   * clientCtx}; the server refuses clients without a certificate when {@code requireClientCert}.
   */
  private static String get(SSLContext serverCtx, SSLContext clientCtx, boolean requireClientCert)
      throws IOException, InterruptedException {
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(serverCtx) {
          @Override
          public void configure(HttpsParameters params) {
            params.setNeedClientAuth(requireClientCert);
          }
        });
    server.createContext(
        "/",
        exchange -> {
          byte[] body = "hello over tls".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      HttpClient client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(30))
              .sslContext(clientCtx)
              .build();
      URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
      return client
          .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString())
          .body();
    } finally {
      server.stop(0);
    }
  }
}

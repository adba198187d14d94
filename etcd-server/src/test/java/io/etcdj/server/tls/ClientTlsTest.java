package io.etcdj.server.tls;

import static io.etcdj.server.tls.TestCerts.get;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcdj.server.EmbeddedEtcd;
import io.etcdj.server.LoopbackMember;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member serving clients on {@code https} (FLG-041, the etcd 2.3 security guide's "basic setup"
 * and "client-to-server authentication with HTTPS client certificates"), asked as {@code curl
 * --cacert ca.pem [--cert client.pem --key client-key.pem]} asks it.
 */
class ClientTlsTest {
  @TempDir Path dir;

  private static String[] httpsFlags(String... more) {
    String[] base = {
      "--listen-client-urls",
      "https://127.0.0.1:0",
      "--advertise-client-urls",
      "https://127.0.0.1:0",
      "--cert-file",
      TestCerts.file("member.pem"),
      "--key-file",
      TestCerts.file("member-key.pem")
    };
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void anHttpsMemberAnswersAClientTrustingItsCa() throws Exception {
    try (EmbeddedEtcd etcd = LoopbackMember.start("n1", dir.resolve("n1"), httpsFlags())) {
      assertThat(etcd.clientUrl()).startsWith("https://127.0.0.1:");
      HttpClient http = TestCerts.anonymousClient();

      HttpResponse<String> put =
          http.send(
              HttpRequest.newBuilder(URI.create(etcd.clientUrl() + "/v2/keys/foo"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .PUT(HttpRequest.BodyPublishers.ofString("value=bar"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> get = get(http, etcd.clientUrl() + "/v2/keys/foo");

      assertThat(put.statusCode()).isEqualTo(201);
      assertThat(get.statusCode()).isEqualTo(200);
      assertThat(get.body()).contains("\"key\":\"/foo\",\"value\":\"bar\"");
    }
  }

  @Test
  void aClientThatDoesNotTrustTheCaFailsTheHandshake() throws Exception {
    try (EmbeddedEtcd etcd = LoopbackMember.start("n1", dir.resolve("n1"), httpsFlags())) {
      HttpClient systemTrust =
          HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

      assertThatThrownBy(() -> get(systemTrust, etcd.clientUrl() + "/version"))
          .isInstanceOf(SSLException.class);
    }
  }

  @Test
  void clientCertAuthRefusesAClientWithoutACertificate() throws Exception {
    try (EmbeddedEtcd etcd =
        LoopbackMember.start(
            "n1",
            dir.resolve("n1"),
            httpsFlags("--client-cert-auth", "--trusted-ca-file", TestCerts.file("ca.pem")))) {
      String version = etcd.clientUrl() + "/version";

      TestCerts.assertOnlyTrustedClientCertificatesAccepted(version);
    }
  }

  /** etcd 2.3's deprecated --ca-file is --trusted-ca-file plus --client-cert-auth. */
  @Test
  void theDeprecatedCaFileAlsoRequiresAClientCertificate() throws Exception {
    try (EmbeddedEtcd etcd =
        LoopbackMember.start(
            "n1", dir.resolve("n1"), httpsFlags("--ca-file", TestCerts.file("ca.pem")))) {
      String version = etcd.clientUrl() + "/version";

      assertThatThrownBy(() -> get(TestCerts.anonymousClient(), version))
          .isInstanceOf(IOException.class);
      assertThat(get(TestCerts.clientWithCert("client"), version).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void anHttpsUrlWithoutCertAndKeyIsRefusedAtStart() {
    assertThatThrownBy(
            () ->
                LoopbackMember.start(
                    "n1",
                    dir.resolve("n1"),
                    "--listen-client-urls",
                    "https://127.0.0.1:0",
                    "--advertise-client-urls",
                    "https://127.0.0.1:0"))
        .isInstanceOf(TlsSetupException.class)
        .hasMessage(
            "TLS key/cert (--cert-file, --key-file) must be provided for client url"
                + " https://127.0.0.1:0 with HTTPs scheme");
  }
}

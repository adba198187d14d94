package io.etcdj.server.tls;

import static io.etcdj.server.tls.TestCerts.get;

import static io.etcdj.server.cluster.ClusterTestSupport.freePorts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcdj.server.EmbeddedEtcd;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FLG-042: when {@code --listen-peer-urls} mixes {@code http} and {@code https}, a member with peer
 * certificates serves TLS on the {@code https} URLs only and plain HTTP on the others (etcd warns
 * that it ignores the key and certificate for those). Checked against etcd 3.4 by hand: {@code curl
 * http://<http url>/version} answers, a plain request to the https URL gets no HTTP answer.
 */
class MixedPeerUrlsTest {
  @TempDir static Path dir;
  private static EmbeddedEtcd member;
  private static String plainPeerUrl;
  private static String tlsPeerUrl;

  @BeforeAll
  static void startMember() throws IOException {
    int[] ports = freePorts(3);
    String clientUrl = "http://127.0.0.1:" + ports[0];
    plainPeerUrl = "http://127.0.0.1:" + ports[1];
    tlsPeerUrl = "https://127.0.0.1:" + ports[2];
    member =
        EmbeddedEtcd.start(
            "--name",
            "m",
            "--data-dir",
            dir.resolve("m.etcd").toString(),
            "--listen-client-urls",
            clientUrl,
            "--advertise-client-urls",
            clientUrl,
            "--listen-peer-urls",
            plainPeerUrl + "," + tlsPeerUrl,
            "--initial-advertise-peer-urls",
            plainPeerUrl,
            "--initial-cluster",
            "m=" + plainPeerUrl,
            "--peer-cert-file",
            TestCerts.file("member-rsa.pem"),
            "--peer-key-file",
            TestCerts.file("member-rsa-key.pem"),
            "--peer-trusted-ca-file",
            TestCerts.file("ca.pem"));
  }

  @AfterAll
  static void stopMember() {
    if (member != null) {
      member.close();
    }
  }

  @Test
  void theHttpPeerUrlServesPlainHttp() throws Exception {
    HttpResponse<String> r = get(HttpClient.newHttpClient(), plainPeerUrl + "/version");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"etcdserver\":\"2.3.8\"");
  }

  @Test
  void theHttpsPeerUrlServesTls() throws Exception {
    HttpResponse<String> r = get(TestCerts.anonymousClient(), tlsPeerUrl + "/version");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"etcdserver\":\"2.3.8\"");
  }

  @Test
  void theHttpsPeerUrlGivesNoPlainHttpAnswer() {
    String plainToTls = "http" + tlsPeerUrl.substring("https".length()) + "/version";

    assertThatThrownBy(() -> get(HttpClient.newHttpClient(), plainToTls))
        .isInstanceOf(IOException.class);
  }
}

package io.etcdj.server.tls;

import static io.etcdj.server.tls.TestCerts.get;

import static io.etcdj.server.cluster.ClusterTestSupport.awaitLeader;
import static io.etcdj.server.cluster.ClusterTestSupport.freePorts;
import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.server.EmbeddedEtcd;
import io.etcdj.server.EtcdFlags;
import io.etcdj.server.EtcdMain;
import io.etcdj.server.proxy.ProxyServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Three members on {@code https} peer and client URLs with peer certificate verification on (the
 * etcd 2.3 security guide's "transport security and client certificates in a cluster"; FLG-041,
 * FLG-042): they elect a leader and replicate over TLS streams and pipeline. Each member uses one
 * key format (PKCS#8, PKCS#1, SEC1), so the three formats also meet in one handshake table.
 *
 * <p>The cluster is started once for the class, since three members cost seconds of CPU.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeerTlsClusterTest {
  private static final List<String> NAMES = List.of("n1", "n2", "n3");
  private static final List<String> CERTS = List.of("member", "member-rsa", "member-ec");

  private Path dir;
  private final List<EmbeddedEtcd> members = new ArrayList<>();
  private final List<String> peerUrls = new ArrayList<>();
  private final HttpClient http = TestCerts.clientWithCert("client");

  @BeforeAll
  void startCluster() throws Exception {
    dir = Files.createTempDirectory("tls-cluster");
    int[] ports = freePorts(6);
    List<String> cluster = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      peerUrls.add("https://127.0.0.1:" + ports[2 * i + 1]);
      cluster.add(NAMES.get(i) + "=" + peerUrls.get(i));
    }
    List<CompletableFuture<EmbeddedEtcd>> starting = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String[] flags =
          memberFlags(i, "https://127.0.0.1:" + ports[2 * i], String.join(",", cluster));
      starting.add(CompletableFuture.supplyAsync(() -> EmbeddedEtcd.start(flags)));
    }
    for (CompletableFuture<EmbeddedEtcd> f : starting) {
      members.add(f.get(60, TimeUnit.SECONDS));
    }
  }

  private String[] memberFlags(int i, String clientUrl, String cluster) {
    String cert = CERTS.get(i);
    return new String[] {
      "--name",
      NAMES.get(i),
      "--data-dir",
      dir.resolve(NAMES.get(i) + ".etcd").toString(),
      "--listen-client-urls",
      clientUrl,
      "--advertise-client-urls",
      clientUrl,
      "--listen-peer-urls",
      peerUrls.get(i),
      "--initial-advertise-peer-urls",
      peerUrls.get(i),
      "--initial-cluster",
      cluster,
      "--initial-cluster-token",
      "tls-cluster",
      "--heartbeat-interval",
      "50",
      "--election-timeout",
      "500",
      "--cert-file",
      TestCerts.file(cert + ".pem"),
      "--key-file",
      TestCerts.file(cert + "-key.pem"),
      "--client-cert-auth",
      "--trusted-ca-file",
      TestCerts.file("ca.pem"),
      "--peer-cert-file",
      TestCerts.file(cert + ".pem"),
      "--peer-key-file",
      TestCerts.file(cert + "-key.pem"),
      "--peer-client-cert-auth",
      "--peer-trusted-ca-file",
      TestCerts.file("ca.pem")
    };
  }

  @AfterAll
  void stopCluster() throws IOException {
    members.forEach(EmbeddedEtcd::close);
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  void aClusterOnHttpsPeerUrlsElectsALeaderAndReplicatesAWrite() throws Exception {
    EmbeddedEtcd leader = awaitLeader(members, Duration.ofSeconds(30));

    HttpResponse<String> put = put(leader.clientUrl() + "/v2/keys/tls", "over-tls");

    assertThat(put.statusCode()).isEqualTo(201);
    for (EmbeddedEtcd m : members) {
      assertThat(awaitValue(m.clientUrl() + "/v2/keys/tls", "over-tls", Duration.ofSeconds(20)))
          .as("value on %s", m.clientUrl())
          .isTrue();
    }
  }

  @Test
  void thePeerPortRefusesAConnectionWithoutAPeerCertificate() throws Exception {
    String version = peerUrls.get(0) + "/version";

    TestCerts.assertOnlyTrustedClientCertificatesAccepted(version);
  }

  /**
   * CLU-076: a proxy given only peer TLS flags uses them for the members' client URLs too, and
   * serves its own clients on plain http.
   */
  @Test
  void aProxyWithPeerTlsOnlyForwardsToHttpsMembers() throws Exception {
    awaitLeader(members, Duration.ofSeconds(30));
    int port = freePorts(1)[0];
    List<String> flags =
        List.of(
            "--proxy",
            "on",
            "--name",
            "proxy",
            "--data-dir",
            dir.resolve("proxy.etcd").toString(),
            "--listen-client-urls",
            "http://127.0.0.1:" + port,
            "--initial-cluster",
            "n1=" + peerUrls.get(0) + ",n2=" + peerUrls.get(1),
            "--peer-cert-file",
            TestCerts.file("member.pem"),
            "--peer-key-file",
            TestCerts.file("member-key.pem"),
            "--peer-trusted-ca-file",
            TestCerts.file("ca.pem"));
    EtcdFlags parsed = EtcdFlags.parse(flags.toArray(String[]::new), Map.of(), line -> {});
    try (ProxyServer proxy = (ProxyServer) EtcdMain.start(parsed.toConfig())) {
      HttpClient plain = HttpClient.newHttpClient();

      HttpResponse<String> put =
          plain.send(
              HttpRequest.newBuilder(URI.create(proxy.clientUrl() + "/v2/keys/via-proxy"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .PUT(HttpRequest.BodyPublishers.ofString("value=yes"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(put.statusCode()).isEqualTo(201);
      assertThat(
              awaitValue(
                  members.get(2).clientUrl() + "/v2/keys/via-proxy", "yes", Duration.ofSeconds(20)))
          .isTrue();
    }
  }

  private boolean awaitValue(String url, String value, Duration deadline) throws Exception {
    long end = System.nanoTime() + deadline.toNanos();
    while (System.nanoTime() < end) {
      HttpResponse<String> r = get(http, url);
      if (r.statusCode() == 200 && r.body().contains("\"value\":\"" + value + "\"")) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  private HttpResponse<String> put(String url, String value) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .timeout(Duration.ofSeconds(10))
            .PUT(HttpRequest.BodyPublishers.ofString("value=" + value))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

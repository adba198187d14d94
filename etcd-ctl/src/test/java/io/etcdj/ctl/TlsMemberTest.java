package io.etcdj.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.ctl.client.ClientConfig;
import io.etcdj.server.EmbeddedEtcd;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every etcdctl command that talks to the cluster, against our member serving https with a PKCS#1
 * RSA key and requiring client certificates (FLG-041, CTL-001). {@code cluster-health} (CTL-064)
 * makes its own {@code /health} requests besides the member list; they must use {@code --ca-file},
 * {@code --cert-file} and {@code --key-file} too, as real etcdctl's do. The key material in {@code
 * src/test/resources/member-tls} is a copy of etcd-server's test CA files (see the README there);
 * the client key is PKCS#1 as well.
 */
class TlsMemberTest {
  private static final Duration START_LIMIT = Duration.ofSeconds(60);

  @TempDir static Path dir;
  private static EmbeddedEtcd member;
  private static String clientUrl;

  @BeforeAll
  static void startMember() throws Exception {
    clientUrl = "https://127.0.0.1:" + TestMember.freePort();
    String peerUrl = "http://127.0.0.1:" + TestMember.freePort();
    member =
        EmbeddedEtcd.start(
            "--name",
            "t",
            "--data-dir",
            dir.resolve("t.etcd").toString(),
            "--listen-client-urls",
            clientUrl,
            "--advertise-client-urls",
            clientUrl,
            "--listen-peer-urls",
            peerUrl,
            "--initial-advertise-peer-urls",
            peerUrl,
            "--initial-cluster",
            "t=" + peerUrl,
            "--cert-file",
            file("member-rsa.pem"),
            "--key-file",
            file("member-rsa-key.pem"),
            "--trusted-ca-file",
            file("ca.pem"),
            "--client-cert-auth");
    awaitHealthy();
  }

  @AfterAll
  static void stopMember() {
    if (member != null) {
      member.close();
    }
  }

  @Test
  void clusterHealthChecksEachMemberWithTheCaAndClientCertificate() throws Exception {
    CtlRun.Result r = ctl("cluster-health");

    assertThat(r.out())
        .matches(
            "member [0-9a-f]+ is healthy: got healthy result from \\Q"
                + clientUrl
                + "\\E\ncluster is healthy\n");
    assertThat(r.exit()).isZero();
  }

  @Test
  void memberListShowsTheHttpsClientUrl() throws Exception {
    CtlRun.Result r = ctl("member", "list");

    assertThat(r.out()).contains("name=t ", "clientURLs=" + clientUrl);
    assertThat(r.exit()).isZero();
  }

  @Test
  void setAndGetGoOverTls() throws Exception {
    assertThat(ctl("set", "/tls/key", "v1").out()).isEqualTo("v1\n");
    assertThat(ctl("get", "/tls/key").out()).isEqualTo("v1\n");
  }

  /** The /v2/auth commands use the same client as the keys API. */
  @Test
  void userAndRoleCommandsGoOverTls() throws Exception {
    CtlRun.Result users = ctl("user", "list");
    CtlRun.Result roles = ctl("role", "list");

    assertThat(users.err()).isEmpty();
    assertThat(users.exit()).isZero();
    assertThat(roles.out()).contains("root");
    assertThat(roles.exit()).isZero();
  }

  /** Without {@code --ca-file} the member's certificate is from an unknown authority. */
  @Test
  void clusterHealthWithoutTheCaFileFailsAsEtcdctlDoes() throws Exception {
    CtlRun.Result r =
        CtlRun.run("--total-timeout", "60s", "--endpoints", clientUrl, "cluster-health");

    assertThat(r.out()).isEqualTo("cluster may be unhealthy: failed to list members\n");
    assertThat(r.err()).contains("x509: certificate signed by unknown authority");
    assertThat(r.exit()).isNotZero();
  }

  /**
   * ERR-006: a member that refuses a client without certificate sends an alert after the handshake;
   * etcdctl names it as Go does, and exits 4 with or without sync, since a TLS failure is no
   * connection error (observed with ETCDCTL_API=2 etcdctl against etcd and this member).
   */
  @Test
  void withoutClientCertificateTheMembersAlertIsReported() throws Exception {
    String failure = "remote error: tls: bad certificate";
    String expected = CtlRun.unavailable(failure);
    for (String sync : List.of("--no-sync=false", "--no-sync")) {
      CtlRun.Result r =
          CtlRun.run(
              "--total-timeout",
              "60s",
              sync,
              "--endpoints",
              clientUrl,
              "--ca-file",
              file("ca.pem"),
              "get",
              "/tls/key");
      assertThat(r.err()).as(sync).isEqualTo(expected);
      assertThat(r.exit()).as(sync).isEqualTo(4);
    }
  }

  /**
   * Our etcdctl with the member's CA and the client certificate, and a generous total timeout: the
   * first TLS handshakes in a JVM on a busy machine can take seconds.
   */
  private static CtlRun.Result ctl(String... args) throws URISyntaxException {
    String[] all = new String[args.length + 10];
    String[] flags = {
      "--total-timeout", "60s",
      "--endpoints", clientUrl,
      "--ca-file", file("ca.pem"),
      "--cert-file", file("client.pem"),
      "--key-file", file("client-key.pem")
    };
    System.arraycopy(flags, 0, all, 0, flags.length);
    System.arraycopy(args, 0, all, flags.length, args.length);
    return CtlRun.run(all);
  }

  private static void awaitHealthy() throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(
                new ClientConfig.TlsFiles(
                        file("ca.pem"), file("client.pem"), file("client-key.pem"))
                    .sslContext())
            .build();
    TestMember.awaitHealthy(http, clientUrl, START_LIMIT);
  }

  private static String file(String name) throws URISyntaxException {
    return Path.of(TlsMemberTest.class.getResource("/member-tls/" + name).toURI()).toString();
  }
}

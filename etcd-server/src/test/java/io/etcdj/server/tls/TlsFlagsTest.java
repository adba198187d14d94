package io.etcdj.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcdj.server.EtcdFlags;
import io.etcdj.server.EtcdMain;
import io.etcdj.server.EtcdMainJvm;
import io.etcdj.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** etcd 2.3's TLS flags and {@code ETCD_*} variables (FLG-041, FLG-042, FLG-010, CLU-076). */
class TlsFlagsTest {
  @TempDir Path dir;

  private static ServerConfig config(Map<String, String> env, String... args) throws Exception {
    return EtcdFlags.parse(args, env, line -> {}).toConfig();
  }

  @Test
  void clientAndPeerFlagsFillTheirTlsInfo() throws Exception {
    ServerConfig c =
        config(
            Map.of(),
            "--cert-file",
            "c.pem",
            "--key-file",
            "c-key.pem",
            "--trusted-ca-file",
            "ca.pem",
            "--client-cert-auth",
            "-peer-cert-file=p.pem",
            "-peer-key-file",
            "p-key.pem",
            "--peer-trusted-ca-file=pca.pem",
            "--peer-client-cert-auth=true");

    assertThat(c.clientTls()).isEqualTo(new TlsInfo("c.pem", "c-key.pem", "", "ca.pem", true));
    assertThat(c.peerTls()).isEqualTo(new TlsInfo("p.pem", "p-key.pem", "", "pca.pem", true));
  }

  @Test
  void withoutFlagsThereIsNoTls() throws Exception {
    ServerConfig c = config(Map.of());

    assertThat(c.clientTls()).isEqualTo(TlsInfo.none());
    assertThat(c.peerTls()).isEqualTo(TlsInfo.none());
    assertThat(c.clientTls().empty()).isTrue();
  }

  /** 2.3: --ca-file is deprecated; it trusts the CA and turns client certificate checks on. */
  @Test
  void theDeprecatedCaFilesRequireClientCertificates() throws Exception {
    ServerConfig c = config(Map.of(), "--ca-file", "ca.pem", "--peer-ca-file", "pca.pem");

    assertThat(c.clientTls().caFile()).isEqualTo("ca.pem");
    assertThat(c.clientTls().clientCertAuth()).isFalse();
    assertThat(c.clientTls().requiresClientCert()).isTrue();
    assertThat(c.peerTls().requiresClientCert()).isTrue();
  }

  @Test
  void environmentVariablesSetTheTlsFlags() throws Exception {
    List<String> log = new ArrayList<>();
    ServerConfig c =
        EtcdFlags.parse(
                new String[0],
                Map.of(
                    "ETCD_CERT_FILE", "c.pem",
                    "ETCD_KEY_FILE", "c-key.pem",
                    "ETCD_CA_FILE", "ca.pem",
                    "ETCD_PEER_CERT_FILE", "p.pem",
                    "ETCD_PEER_KEY_FILE", "p-key.pem",
                    "ETCD_PEER_TRUSTED_CA_FILE", "pca.pem",
                    "ETCD_PEER_CLIENT_CERT_AUTH", "true"),
                log::add)
            .toConfig();

    assertThat(c.clientTls()).isEqualTo(new TlsInfo("c.pem", "c-key.pem", "ca.pem", "", false));
    assertThat(c.peerTls()).isEqualTo(new TlsInfo("p.pem", "p-key.pem", "", "pca.pem", true));
    assertThat(log).contains("I|recognized and used environment variable ETCD_CERT_FILE=c.pem");
  }

  @Test
  void aBadBooleanInTheEnvironmentIsAFlagError() {
    assertThatThrownBy(() -> config(Map.of("ETCD_CLIENT_CERT_AUTH", "yes")))
        .hasMessage("invalid value \"yes\" for flag -client-cert-auth: parse error");
  }

  /** CLU-076: a proxy reaches the members' client URLs with the peer TLS when no client TLS. */
  @Test
  void theProxyFallsBackToPeerTlsForClientConnections() throws Exception {
    ServerConfig peerOnly = config(Map.of(), "--peer-cert-file", "p.pem", "--peer-key-file", "k");
    ServerConfig both =
        config(
            Map.of(),
            "--cert-file",
            "c.pem",
            "--key-file",
            "ck",
            "--peer-cert-file",
            "p.pem",
            "--peer-key-file",
            "k");

    assertThat(peerOnly.proxyClientTls()).isEqualTo(peerOnly.peerTls());
    assertThat(both.proxyClientTls()).isEqualTo(both.clientTls());
  }

  /** etcd 2.3 logs its TLS settings in this form ("clientTLS: ...", "peerTLS: ..."). */
  @Test
  void tlsInfoPrintsAsEtcdLogsIt() {
    assertThat(new TlsInfo("c.pem", "k.pem", "", "ca.pem", true).toString())
        .isEqualTo(
            "cert = c.pem, key = k.pem, ca = , trusted-ca = ca.pem, client-cert-auth = true");
  }

  /** FLG-010: peers are checked first, as etcd opens its peer listeners first. */
  @Test
  void anHttpsPeerUrlWithoutPeerCertIsRefusedBeforeAnythingIsWritten() throws Exception {
    Path data = dir.resolve("n1.etcd");
    ServerConfig c =
        config(
            Map.of(),
            "--name",
            "n1",
            "--data-dir",
            data.toString(),
            "--listen-peer-urls",
            "https://localhost:34102",
            "--initial-advertise-peer-urls",
            "https://127.0.0.1:34102",
            "--initial-cluster",
            "n1=https://127.0.0.1:34102",
            "--listen-client-urls",
            "https://127.0.0.1:34101",
            "--advertise-client-urls",
            "https://127.0.0.1:34101");

    assertThatThrownBy(() -> EtcdMain.start(c))
        .isInstanceOf(TlsSetupException.class)
        .hasMessage(
            "cannot listen on TLS for 127.0.0.1:34102: KeyFile and CertFile are not presented");
    assertThat(data).doesNotExist();
  }

  @Test
  void anHttpsClientUrlWithoutCertIsRefusedWithEtcdsMessage() throws Exception {
    ServerConfig c =
        config(
            Map.of(),
            "--name",
            "n1",
            "--data-dir",
            dir.resolve("n1.etcd").toString(),
            "--listen-client-urls",
            "https://127.0.0.1:34101",
            "--advertise-client-urls",
            "https://127.0.0.1:34101",
            "--peer-cert-file",
            TestCerts.file("member.pem"),
            "--peer-key-file",
            TestCerts.file("member-key.pem"));

    assertThatThrownBy(() -> EtcdMain.start(c))
        .isInstanceOf(TlsSetupException.class)
        .hasMessage(
            "TLS key/cert (--cert-file, --key-file) must be provided for client url"
                + " https://127.0.0.1:34101 with HTTPs scheme");
  }

  @Test
  void aMissingCertificateFileStopsTheStartBeforeTheDataDirIsMade() throws Exception {
    Path data = dir.resolve("n1.etcd");
    Path missing = dir.resolve("missing.pem");
    ServerConfig c =
        config(
            Map.of(),
            "--name",
            "n1",
            "--data-dir",
            data.toString(),
            "--listen-client-urls",
            "https://127.0.0.1:34101",
            "--advertise-client-urls",
            "https://127.0.0.1:34101",
            "--cert-file",
            missing.toString(),
            "--key-file",
            TestCerts.file("member-key.pem"));

    assertThatThrownBy(() -> EtcdMain.start(c))
        .isInstanceOf(TlsSetupException.class)
        .hasMessage("open " + missing + ": no such file or directory");
    assertThat(data).doesNotExist();
  }

  /**
   * The command as a user runs it: the message in the log at capnslog's CRITICAL level (etcd's
   * plog.Fatalf) and exit status 1, as etcd.
   */
  @Test
  void theEtcdCommandExitsOneOnAnHttpsUrlWithoutCert() throws Exception {
    Path log = dir.resolve("etcd.log");
    Process p =
        EtcdMainJvm.start(
            List.of(
                "--name", "n1",
                "--data-dir", dir.resolve("n1.etcd").toString(),
                "--listen-client-urls", "https://127.0.0.1:34103",
                "--advertise-client-urls", "https://127.0.0.1:34103"),
            log);

    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(Files.readString(log))
        .contains(
            " C | etcdmain: TLS key/cert (--cert-file, --key-file) must be provided for client"
                + " url https://127.0.0.1:34103 with HTTPs scheme");
  }
}

package io.etcdj.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcdj.server.proxy.ProxyConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The proxy, discovery and strict-reconfig flags (SPEC FLG-036, FLG-037, FLG-040, CLU-002). */
class ProxyDiscoveryFlagsTest {
  @Test
  void defaultsAreEtcd23s() throws Exception {
    ServerConfig c = config();
    assertThat(c.proxy()).isEqualTo(ProxyConfig.defaults());
    assertThat(c.discovery().enabled()).isFalse();
    assertThat(c.discovery().fallbackToProxy()).isTrue();
    assertThat(c.strictReconfigCheck()).isFalse();
  }

  @Test
  void proxyFlagsAreRead() throws Exception {
    ServerConfig c =
        config("--proxy", "readonly", "--proxy-failure-wait", "1", "--proxy-refresh-interval",
            "2", "--proxy-dial-timeout", "3", "--proxy-write-timeout", "4",
            "--proxy-read-timeout", "5", "--strict-reconfig-check");
    assertThat(c.proxy())
        .isEqualTo(new ProxyConfig(ProxyConfig.Mode.READONLY, 1, 2, 3, 4, 5));
    assertThat(c.strictReconfigCheck()).isTrue();
  }

  /** FLG-036, FLG-040: only off, readonly and on (exit, proxy); a syntax error exits 2. */
  @Test
  void unknownProxyModeIsAFlagError() {
    assertThatThrownBy(() -> config("--proxy", "maybe"))
        .isInstanceOf(FlagException.class)
        .hasMessage("invalid value \"maybe\" for flag -proxy: invalid value")
        .satisfies(e -> assertThat(((FlagException) e).exitCode()).isEqualTo(2));
    assertThatThrownBy(() -> config("--discovery-fallback", "wait"))
        .hasMessage("invalid value \"wait\" for flag -discovery-fallback: invalid value");
  }

  /** FLG-005, CLU-070: a proxy advertises nothing and need not be in the initial cluster. */
  @Test
  void proxyNeedsNoAdvertisedUrlsNorItsNameInTheCluster() throws Exception {
    ServerConfig c =
        config("--proxy", "on", "--name", "p", "--listen-client-urls", "http://127.0.0.1:1",
            "--initial-cluster", "a=http://127.0.0.1:2");
    assertThat(c.proxy().enabled()).isTrue();
    assertThatThrownBy(() -> config("--listen-client-urls", "http://127.0.0.1:1"))
        .hasMessageStartingWith("-advertise-client-urls is required");
  }

  /** CLU-002: with --discovery, the member ID hashes the discovery URL as the token. */
  @Test
  void discoveryUrlIsTheToken() throws Exception {
    String url = "http://127.0.0.1:4001/v2/keys/_etcd/registry/abc";
    ServerConfig c =
        config("--name", "n", "--initial-advertise-peer-urls", "http://127.0.0.1:2380",
            "--discovery", url);
    assertThat(c.clusterToken()).isEqualTo(url);
    assertThat(c.memberId())
        .isEqualTo(ClusterIds.memberId(List.of("http://127.0.0.1:2380"), url));
    assertThatThrownBy(() -> config("--discovery", url, "--initial-cluster", "n=http://h:1"))
        .hasMessageStartingWith("multiple discovery or bootstrap flags are set");
  }

  private static ServerConfig config(String... args) throws Exception {
    return EtcdFlags.parse(args, Map.of(), line -> {}).toConfig();
  }
}

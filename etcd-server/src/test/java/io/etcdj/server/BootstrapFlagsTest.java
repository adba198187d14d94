package io.etcdj.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The flags that decide how a member finds its cluster, checked before anything starts: one way
 * to bootstrap at most, advertised client URLs, the values etcd's string flags take.
 */
class BootstrapFlagsTest {
  private static final String DISCOVERY = "http://127.0.0.1:29999/v2/keys/_etcd/registry/t";
  private static final String CONFLICT =
      "multiple discovery or bootstrap flags are set. Choose one of \"initial-cluster\","
          + " \"discovery\" or \"discovery-srv\"";

  /** CLU-012, FLG-005: any two of the three ways to bootstrap are an error (exit 1). */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "--initial-cluster default=http://localhost:2380 --discovery " + DISCOVERY,
        "--initial-cluster default=http://localhost:2380 --discovery-srv example.com",
        "--discovery " + DISCOVERY + " --discovery-srv example.com",
        "--initial-cluster default=http://localhost:2380 --discovery-srv example.com --discovery "
            + DISCOVERY
      })
  void onlyOneWayToBootstrap(String args) {
    assertThatThrownBy(() -> config(args.split(" ")))
        .isInstanceOfSatisfying(FlagException.class, e -> assertThat(e.exitCode()).isEqualTo(1))
        .hasMessage(CONFLICT);
  }

  /**
   * CLU-012: a flag counts when it is given, even with its default or an empty value (as in etcd
   * 2.3, which counts the flags set; 3.4 counts non-empty values), and through the environment.
   */
  @Test
  void aGivenInitialClusterCountsWhereverItComesFrom() throws Exception {
    assertThatThrownBy(
            () ->
                config(
                    "--initial-cluster",
                    "default=http://localhost:2380,default=http://localhost:7001",
                    "--discovery",
                    DISCOVERY))
        .hasMessage(CONFLICT);
    assertThatThrownBy(
            () ->
                EtcdFlags.parse(
                        new String[] {"--discovery-srv", "example.com"},
                        Map.of("ETCD_INITIAL_CLUSTER", "default=http://localhost:2380"),
                        line -> {})
                    .toConfig())
        .hasMessage(CONFLICT);
    assertThatThrownBy(() -> config("--discovery", DISCOVERY, "--discovery-srv", ""))
        .hasMessage(CONFLICT);
  }

  /**
   * GOT-012, FLG-005: --listen-client-urls alone is an error for a member, not for a proxy, nor
   * for a member that may fall back to being one (--discovery with the default proxy fallback).
   */
  @Test
  void listenedClientUrlsMustBeAdvertisedUnlessThisMayBeAProxy() throws Exception {
    String listen = "http://127.0.0.1:29379";
    assertThatThrownBy(() -> config("--listen-client-urls", listen))
        .isInstanceOfSatisfying(FlagException.class, e -> assertThat(e.exitCode()).isEqualTo(1))
        .hasMessage(
            "-advertise-client-urls is required when -listen-client-urls is set explicitly");
    assertThatThrownBy(
            () ->
                config(
                    "--listen-client-urls", listen,
                    "--discovery", DISCOVERY,
                    "--discovery-fallback", "exit"))
        .hasMessageStartingWith("-advertise-client-urls is required");
    assertThat(config("--listen-client-urls", listen, "--proxy", "on").proxy().enabled()).isTrue();
    assertThat(config("--listen-client-urls", listen, "--discovery", DISCOVERY).discovery().url())
        .isEqualTo(DISCOVERY);
  }

  /**
   * GOT-013: the token is hashed into every member ID and so into the cluster ID; two clusters
   * on the same URLs but with their own tokens cannot take each other's messages (the peer port
   * answers 412 "cluster ID mismatch", PeerHandlersTest).
   */
  @Test
  void theClusterTokenSetsTwoClustersApart() throws Exception {
    String[] same = {"--name", "n1", "--initial-advertise-peer-urls", "http://127.0.0.1:29380"};
    ServerConfig first = config(same);
    String[] withToken = {
      "--name", "n1",
      "--initial-advertise-peer-urls", "http://127.0.0.1:29380",
      "--initial-cluster-token", "cluster-2"
    };
    ServerConfig second = config(withToken);
    assertThat(first.clusterToken()).isEqualTo("etcd-cluster");
    assertThat(second.memberId()).isNotEqualTo(first.memberId());
    assertThat(second.clusterId()).isNotEqualTo(first.clusterId());
    assertThat(second.memberId())
        .isEqualTo(ClusterIds.memberId(List.of("http://127.0.0.1:29380"), "cluster-2"));
  }

  /** FLG-033: only new and existing; anything else is refused as etcd's flag parser words it. */
  @Test
  void initialClusterStateTakesNewOrExisting() {
    assertThatThrownBy(() -> config("--initial-cluster-state", "maybe"))
        .isInstanceOfSatisfying(FlagException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
        .hasMessage("invalid value \"maybe\" for flag -initial-cluster-state: invalid value");
  }

  private static ServerConfig config(String... args) throws Exception {
    return EtcdFlags.parse(args, Map.of(), line -> {}).toConfig();
  }
}

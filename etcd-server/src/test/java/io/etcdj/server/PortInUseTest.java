package io.etcdj.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcdj.server.cluster.ClusterTestSupport;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client or peer port already taken stops the start before the member writes anything, as etcd
 * binds its listeners (peers first, then clients) before it creates its data dir; the message is
 * Go's, and nothing the failed start bound stays bound.
 */
class PortInUseTest {
  @TempDir Path dir;

  @Test
  void aTakenClientPortLeavesNoDataDirAndReleasesThePeerPort() throws Exception {
    Path data = dir.resolve("n1.etcd");
    int peerPort = ClusterTestSupport.freePorts(1)[0];
    String peer = "http://127.0.0.1:" + peerPort;
    try (ServerSocket taken = listen(0)) {
      String client = "http://127.0.0.1:" + taken.getLocalPort();
      assertThatThrownBy(() -> start(data, client, peer))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "listen tcp 127.0.0.1:" + taken.getLocalPort() + ": bind: address already in use");
    }
    assertThat(data).doesNotExist();
    try (ServerSocket again = listen(peerPort)) {
      assertThat(again.getLocalPort()).isEqualTo(peerPort);
    }
  }

  @Test
  void aTakenPeerPortLeavesNoDataDirAndIsNamedBeforeATakenClientPort() throws Exception {
    Path data = dir.resolve("n1.etcd");
    try (ServerSocket takenPeer = listen(0);
        ServerSocket takenClient = listen(0)) {
      String peer = "http://127.0.0.1:" + takenPeer.getLocalPort();
      String client = "http://127.0.0.1:" + takenClient.getLocalPort();
      assertThatThrownBy(() -> start(data, client, peer))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "listen tcp 127.0.0.1:" + takenPeer.getLocalPort() + ": bind: address already in use");
    }
    assertThat(data).doesNotExist();
  }

  private static EmbeddedEtcd start(Path data, String client, String peer) {
    return EmbeddedEtcd.start(
        "--name", "n1",
        "--data-dir", data.toString(),
        "--listen-client-urls", client,
        "--advertise-client-urls", client,
        "--listen-peer-urls", peer,
        "--initial-advertise-peer-urls", peer,
        "--initial-cluster", "n1=" + peer);
  }

  private static ServerSocket listen(int port) throws Exception {
    return new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"));
  }
}

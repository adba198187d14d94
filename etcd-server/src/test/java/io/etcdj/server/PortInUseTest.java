package io.etcdj.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client port already taken stops the start before the member writes anything, as etcd binds
 * its listeners before it creates its data dir; the message is Go's.
 */
class ClientPortInUseTest {
  @TempDir Path dir;

  @Test
  void aTakenClientPortLeavesNoDataDir() throws Exception {
    Path data = dir.resolve("n1.etcd");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      String client = "http://127.0.0.1:" + taken.getLocalPort();
      assertThatThrownBy(
              () ->
                  EmbeddedEtcd.start(
                      "--name", "n1",
                      "--data-dir", data.toString(),
                      "--listen-client-urls", client,
                      "--advertise-client-urls", client,
                      "--listen-peer-urls", "http://127.0.0.1:0",
                      "--initial-advertise-peer-urls", "http://127.0.0.1:0",
                      "--initial-cluster", "n1=http://127.0.0.1:0"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "listen tcp 127.0.0.1:" + taken.getLocalPort() + ": bind: address already in use");
    }
    assertThat(data).doesNotExist();
  }
}

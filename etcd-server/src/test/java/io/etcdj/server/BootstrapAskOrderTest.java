package io.etcdj.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CLU-014 through a member's real start: the question "do you know me as started?" goes to the
 * other members before this one binds its peer port. Members started together used to ask each
 * other while every port was bound and silent (a bound port answers nothing until its member
 * serves), so each ask waited out the one-second limit. A {@link MembersPeer} stand-in, when
 * asked, tries to connect to the asking member's peer port and records whether it could.
 */
class BootstrapAskOrderTest {
  @TempDir Path dir;

  @Test
  void aNewMemberAsksItsPeersBeforeItBindsItsPeerPort() throws Exception {
    int selfPort = freePort();
    List<Boolean> boundWhenAsked = new CopyOnWriteArrayList<>();
    String notStarted = "[]";
    try (MembersPeer other =
        MembersPeer.start(
            "7e27652122e8b2ae", notStarted, () -> boundWhenAsked.add(bound(selfPort)))) {
      // The start without the wait for a leader, which a stand-in peer never gives.
      EtcdServer member =
          new EtcdServer(config(selfPort, other.url(), dir.resolve("a")), SystemClock.INSTANCE);
      try {
        member.bindPeers();
        member.bootstrap();
        assertThat(boundWhenAsked).containsExactly(false);
        assertThat(bound(selfPort)).as("the peer port once started").isTrue();
      } finally {
        member.close();
      }
    }
  }

  @Test
  void aMemberTheOthersKnowAsStartedStopsWithNothingBoundOrWritten() throws Exception {
    int selfPort = freePort();
    Path data = dir.resolve("b");
    ServerConfig probe = config(selfPort, "http://127.0.0.1:1", data);
    String started =
        "[{\"id\":"
            + Long.toUnsignedString(probe.memberId())
            + ",\"name\":\"n1\",\"peerURLs\":[\"http://127.0.0.1:"
            + selfPort
            + "\"],\"clientURLs\":[\"http://127.0.0.1:29391\"]}]";
    try (MembersPeer other = MembersPeer.start("7e27652122e8b2ae", started)) {
      assertThatThrownBy(() -> EmbeddedEtcd.start(config(selfPort, other.url(), data)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "member " + Long.toHexString(probe.memberId()) + " has already been bootstrapped");
    }
    assertThat(bound(selfPort)).isFalse();
    assertThat(Files.exists(data.resolve("member"))).isFalse();
  }

  private static ServerConfig config(int selfPort, String otherPeer, Path data) throws Exception {
    String self = "http://127.0.0.1:" + selfPort;
    String[] flags = {
      "--name", "n1",
      "--data-dir", data.toString(),
      "--listen-client-urls", "http://127.0.0.1:0",
      "--advertise-client-urls", "http://127.0.0.1:0",
      "--listen-peer-urls", self,
      "--initial-advertise-peer-urls", self,
      "--initial-cluster", "n1=" + self + ",n2=" + otherPeer,
      "--initial-cluster-state", "new"
    };
    return EtcdFlags.parse(flags, Map.of(), line -> {}).toConfig();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Whether something listens on the loopback port (a connection is accepted by the kernel). */
  private static boolean bound(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}

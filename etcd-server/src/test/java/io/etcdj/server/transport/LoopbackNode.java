package io.etcdj.server.transport;

import io.etcdj.server.Member;
import io.etcdj.server.http.peer.PeerCluster;
import io.etcdj.server.http.peer.PeerInitializer;
import io.etcdj.server.http.peer.PeerServer;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One member's transport and peer server on 127.0.0.1, with a recording raft side. Closing it shuts
 * its event loops down, which drops every connection as a crashed member would.
 *
 * <p>Thread-safety: not thread-safe; driven by the test thread.
 */
final class LoopbackNode implements AutoCloseable {
  final long id;
  final int port;
  final RecordingRaft raft = new RecordingRaft();
  final RecordingStats stats = new RecordingStats();
  final Transport transport;
  private final NioEventLoopGroup group = new NioEventLoopGroup(1);
  private final PeerServer server;

  LoopbackNode(long id, long clusterId, int port) throws Exception {
    this.id = id;
    this.port = port;
    TransportConfig config =
        new TransportConfig(
            id,
            clusterId,
            List.of(url(port)),
            TransportConfig.SERVER_VERSION,
            TransportConfig.MIN_CLUSTER_VERSION,
            Duration.ofSeconds(1),
            Duration.ofSeconds(5),
            Duration.ofMillis(100));
    transport = new Transport(config, raft, stats, group, Clock.systemUTC());
    PeerCluster cluster =
        new PeerCluster() {
          @Override
          public List<Member> members() {
            return List.of();
          }

          @Override
          public String clusterVersion() {
            return "2.3.0";
          }
        };
    server =
        new PeerServer(
            group, group, new PeerInitializer(config, cluster, raft, transport, Clock.systemUTC()));
    server.listen("127.0.0.1", port);
  }

  static LoopbackNode start(long id, long clusterId) throws Exception {
    return new LoopbackNode(id, clusterId, freePort());
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static String url(int port) {
    return "http://127.0.0.1:" + port;
  }

  String url() {
    return url(port);
  }

  /** Makes this node and {@code other} peers of each other. */
  void connect(LoopbackNode other) {
    transport.addPeer(other.id, List.of(other.url()));
    other.transport.addPeer(id, List.of(url()));
  }

  boolean streamsUp(long peer) {
    return transport.isStreamConnected(peer, StreamType.MESSAGE)
        && transport.isStreamConnected(peer, StreamType.MSGAPP_V2);
  }

  @Override
  public void close() {
    transport.close();
    server.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
